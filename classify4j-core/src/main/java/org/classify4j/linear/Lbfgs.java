package org.classify4j.linear;

import org.classify4j.Classify4jException;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., algorithms 7.4/7.5)
 * with a strong Wolfe line search (algorithms 3.5/3.6, cubic interpolation, safeguarded). The
 * correction pairs are stored as float32 to halve the memory of large problems (a vocabulary of
 * 100,000 terms times 20 classes); every dot product is accumulated in double.
 *
 * <p>Stops when the gradient norm falls below {@code tolerance} times its value at the start, when
 * an iteration lowers the objective by less than {@code objectiveTolerance} of its value, when
 * the iterations run out, or when no step decreases the objective even along the steepest
 * descent (after the memory is cleared once).
 */
final class Lbfgs {
  private Lbfgs() {}

  /** f(x), writing ∇f(x) into {@code gradient} (every entry overwritten). */
  interface Objective {
    double evaluate(double[] x, double[] gradient);
  }

  record Result(double[] x, FitReport report) {}

  /**
   * d = -H g by the two-loop recursion over the {@code stored} newest pairs; returns g·d. Each
   * pass over the vectors applies one update and computes the next dot product.
   */
  private static double twoLoop(double[] g, double[] d, float[][] sHist, float[][] yHist,
      double[] rho, double[] alphas, int stored, int newest, double gamma) {
    final int n = g.length;
    final int m = sHist.length;
    // first loop, newest to oldest: a_i = rho_i s_i·q; q -= a_i y_i
    int i = newest;
    float[] s = sHist[i];
    double acc = 0;
    for (int j = 0; j < n; j++) {
      d[j] = g[j];
      acc += s[j] * g[j];
    }
    for (int c = 0; c < stored; c++) {
      i = Math.floorMod(newest - c, m);
      double a = rho[i] * acc;
      alphas[i] = a;
      float[] y = yHist[i];
      acc = 0;
      if (c + 1 < stored) {
        float[] sNext = sHist[Math.floorMod(newest - c - 1, m)];
        for (int j = 0; j < n; j++) {
          double q = d[j] - a * y[j];
          d[j] = q;
          acc += sNext[j] * q;
        }
      } else {
        // last update fused with the scaling by gamma and the first dot of the second loop
        float[] yOld = yHist[i];
        for (int j = 0; j < n; j++) {
          double q = gamma * (d[j] - a * y[j]);
          d[j] = q;
          acc += yOld[j] * q;
        }
      }
    }
    // second loop, oldest to newest: b_i = rho_i y_i·q; q += (a_i - b_i) s_i
    double gd = 0;
    for (int c = stored - 1; c >= 0; c--) {
      i = Math.floorMod(newest - c, m);
      double coef = alphas[i] - rho[i] * acc;
      float[] sv = sHist[i];
      acc = 0;
      if (c > 0) {
        float[] yNext = yHist[Math.floorMod(newest - c + 1, m)];
        for (int j = 0; j < n; j++) {
          double q = d[j] + coef * sv[j];
          d[j] = q;
          acc += yNext[j] * q;
        }
      } else {
        for (int j = 0; j < n; j++) {
          double q = -(d[j] + coef * sv[j]);
          d[j] = q;
          gd += g[j] * q;
        }
      }
    }
    return gd;
  }

  /** Relative slack on the objective for the approximate Wolfe conditions (Hager and Zhang). */
  private static final double NOISE = 1e-10;

  static Result minimize(
      Objective f, double[] x0, int maxIterations, double tolerance, LbfgsSettings s) {
    final int n = x0.length;
    final int m = s.memory();
    double[] x = x0.clone();
    double[] g = new double[n];
    double fx = f.evaluate(x, g);
    int evals = 1;
    if (!Double.isFinite(fx)) {
      throw new Classify4jException("the objective is not finite at the start: " + fx);
    }
    final double g0 = norm(g);
    double gnorm = g0;
    if (g0 == 0) {
      return new Result(x, new FitReport(0, evals, fx, 0, 0, StopReason.CONVERGED));
    }
    float[][] sHist = new float[m][];
    float[][] yHist = new float[m][];
    double[] rho = new double[m];
    double[] alphas = new double[m];
    int stored = 0;
    int newest = -1;
    double gamma = 1;

    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    double[] work = new double[n];
    StopReason reason = StopReason.MAX_ITERATIONS;
    int iter = 0;
    boolean justReset = false;
    boolean haveGamma = false;
    while (iter < maxIterations) {
      if (gnorm <= tolerance * g0) {
        reason = StopReason.CONVERGED;
        break;
      }
      // search direction d = -H g (two-loop recursion, each dot product fused with the
      // preceding update so every stored pair is read twice per iteration, not four times)
      double gd = stored == 0 ? 0 : twoLoop(g, d, sHist, yHist, rho, alphas, stored, newest, gamma);
      double alpha0 = 1;
      if (stored == 0 || !(gd < 0) || !Double.isFinite(gd)) {
        stored = 0;
        for (int j = 0; j < n; j++) {
          d[j] = -g[j];
        }
        gd = -gnorm * gnorm;
        // the first step is 1/|g| long; after a reset the last curvature estimate scales it
        alpha0 = haveGamma ? gamma : Math.min(1, 1 / gnorm);
      }
      LineSearch ls = new LineSearch(f, x, fx, gd, d, xNew, gNew, work, s);
      double fNew = ls.search(alpha0);
      evals += ls.evals;
      if (Double.isNaN(fNew)) {
        if (stored > 0 && !justReset) {
          stored = 0; // retry along the steepest descent
          justReset = true;
          continue;
        }
        reason = StopReason.LINE_SEARCH_FAILED;
        break;
      }
      justReset = false;
      iter++;
      // correction pair s = xNew - x, y = gNew - g
      int slot = (newest + 1) % m;
      if (sHist[slot] == null) {
        sHist[slot] = new float[n];
        yHist[slot] = new float[n];
      }
      float[] sv = sHist[slot];
      float[] yv = yHist[slot];
      for (int j = 0; j < n; j++) {
        sv[j] = (float) (xNew[j] - x[j]);
        yv[j] = (float) (gNew[j] - g[j]);
      }
      double sy = dot(sv, yv);
      double yy = dot(yv, yv);
      if (sy > 1e-10 * yy && yy > 0 && Double.isFinite(sy)) {
        rho[slot] = 1 / sy;
        gamma = sy / yy;
        haveGamma = true;
        newest = slot;
        stored = Math.min(stored + 1, m);
      } else if (stored == m) {
        stored = m - 1; // the rejected pair overwrote the oldest one
      }
      double fPrev = fx;
      double[] t = x;
      x = xNew;
      xNew = t;
      t = g;
      g = gNew;
      gNew = t;
      fx = fNew;
      gnorm = norm(g);
      if (gnorm <= tolerance * g0
          || fPrev - fx <= s.objectiveTolerance() * Math.max(1, Math.max(Math.abs(fPrev),
              Math.abs(fx)))) {
        reason = StopReason.CONVERGED;
        break;
      }
    }
    return new Result(x, new FitReport(iter, evals, fx, gnorm, g0, reason));
  }

  /** One strong Wolfe line search along d from x. */
  private static final class LineSearch {
    final Objective f;
    final double[] x;
    final double f0;
    final double dphi0;
    final double[] d;
    final double[] xOut;
    final double[] gOut;
    final double[] gBest;
    final LbfgsSettings s;
    int evals;
    // the best point satisfying sufficient decrease so far (for a weak fallback)
    double bestAlpha = 0;
    double bestPhi;

    LineSearch(Objective f, double[] x, double f0, double dphi0, double[] d, double[] xOut,
        double[] gOut, double[] gBest, LbfgsSettings s) {
      this.f = f;
      this.x = x;
      this.f0 = f0;
      this.dphi0 = dphi0;
      this.d = d;
      this.xOut = xOut;
      this.gOut = gOut;
      this.gBest = gBest;
      this.s = s;
      this.bestPhi = f0;
    }

    private double phi(double alpha) {
      for (int j = 0; j < x.length; j++) {
        xOut[j] = x[j] + alpha * d[j];
      }
      evals++;
      return f.evaluate(xOut, gOut);
    }

    private boolean armijo(double alpha, double phi) {
      return phi <= f0 + s.armijo() * alpha * dphi0;
    }

    /** Strong Wolfe, or approximate Wolfe when the decrease is below rounding noise. */
    private boolean accept(double alpha, double phi, double dphi) {
      if (armijo(alpha, phi) && Math.abs(dphi) <= -s.curvature() * dphi0) {
        return true;
      }
      return phi <= f0 + NOISE * Math.abs(f0)
          && dphi >= s.curvature() * dphi0
          && dphi <= (2 * s.armijo() - 1) * dphi0;
    }

    private void remember(double alpha, double phi) {
      if (phi < bestPhi) {
        bestPhi = phi;
        bestAlpha = alpha;
        System.arraycopy(gOut, 0, gBest, 0, gOut.length);
      }
    }

    /** The accepted objective value (xOut, gOut hold the point), or NaN when it failed. */
    double search(double alpha0) {
      double aPrev = 0;
      double phiPrev = f0;
      double dphiPrev = dphi0;
      double alpha = alpha0;
      while (evals < s.maxLineSearchSteps()) {
        double phi = phi(alpha);
        if (!Double.isFinite(phi)) {
          return zoom(aPrev, phiPrev, dphiPrev, alpha, Double.POSITIVE_INFINITY, Double.NaN);
        }
        double dphi = dot(gOut, d);
        if (accept(alpha, phi, dphi)) {
          return phi;
        }
        if (!armijo(alpha, phi) || (evals > 1 && phi >= phiPrev)) {
          return zoom(aPrev, phiPrev, dphiPrev, alpha, phi, dphi);
        }
        remember(alpha, phi);
        if (dphi >= 0) {
          return zoom(alpha, phi, dphi, aPrev, phiPrev, dphiPrev);
        }
        aPrev = alpha;
        phiPrev = phi;
        dphiPrev = dphi;
        alpha *= 4;
      }
      return fallback();
    }

    private double zoom(double lo, double phiLo, double dphiLo, double hi, double phiHi,
        double dphiHi) {
      while (evals < s.maxLineSearchSteps()) {
        double a = Math.min(lo, hi);
        double b = Math.max(lo, hi);
        double width = b - a;
        if (width <= 1e-16 * b) {
          break;
        }
        double alpha = Double.isFinite(phiHi) && Double.isFinite(dphiHi)
            ? cubicMin(lo, phiLo, dphiLo, hi, phiHi, dphiHi)
            : Double.NaN;
        if (!(alpha >= a + 0.1 * width && alpha <= b - 0.1 * width)) {
          alpha = Double.isFinite(phiHi) ? (lo + hi) / 2 : lo + 0.1 * (hi - lo);
        }
        double phi = phi(alpha);
        if (!Double.isFinite(phi)) {
          hi = alpha;
          phiHi = Double.POSITIVE_INFINITY;
          dphiHi = Double.NaN;
          continue;
        }
        double dphi = dot(gOut, d);
        if (accept(alpha, phi, dphi)) {
          return phi;
        }
        if (!armijo(alpha, phi) || phi >= phiLo) {
          hi = alpha;
          phiHi = phi;
          dphiHi = dphi;
        } else {
          remember(alpha, phi);
          if (dphi * (hi - lo) >= 0) {
            hi = lo;
            phiHi = phiLo;
            dphiHi = dphiLo;
          }
          lo = alpha;
          phiLo = phi;
          dphiLo = dphi;
        }
      }
      return fallback();
    }

    /** The best sufficient-decrease point found, if any (curvature not met); else NaN. */
    private double fallback() {
      if (bestAlpha > 0 && bestPhi < f0) {
        for (int j = 0; j < x.length; j++) {
          xOut[j] = x[j] + bestAlpha * d[j];
        }
        System.arraycopy(gBest, 0, gOut, 0, gOut.length);
        return bestPhi;
      }
      return Double.NaN;
    }
  }

  /** Minimizer of the cubic interpolating φ and φ' at a and b (NaN when it has none). */
  static double cubicMin(double a, double fa, double ga, double b, double fb, double gb) {
    double d1 = ga + gb - 3 * (fa - fb) / (a - b);
    double disc = d1 * d1 - ga * gb;
    if (disc < 0) {
      return Double.NaN;
    }
    double d2 = Math.signum(b - a) * Math.sqrt(disc);
    return b - (b - a) * (gb + d2 - d1) / (gb - ga + 2 * d2);
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  static double dot(double[] a, double[] b) {
    double s0 = 0, s1 = 0;
    int n = a.length;
    int j = 0;
    for (; j + 1 < n; j += 2) {
      s0 += a[j] * b[j];
      s1 += a[j + 1] * b[j + 1];
    }
    if (j < n) {
      s0 += a[j] * b[j];
    }
    return s0 + s1;
  }

  private static double dot(float[] a, double[] b) {
    double s0 = 0, s1 = 0;
    int n = a.length;
    int j = 0;
    for (; j + 1 < n; j += 2) {
      s0 += a[j] * b[j];
      s1 += a[j + 1] * b[j + 1];
    }
    if (j < n) {
      s0 += a[j] * b[j];
    }
    return s0 + s1;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (double) a[j] * b[j];
    }
    return s;
  }

  private static void axpy(double a, float[] x, double[] y) {
    for (int j = 0; j < y.length; j++) {
      y[j] += a * x[j];
    }
  }

  private static void scale(double a, double[] v) {
    for (int j = 0; j < v.length; j++) {
      v[j] *= a;
    }
  }

  private static void negate(double[] v) {
    for (int j = 0; j < v.length; j++) {
      v[j] = -v[j];
    }
  }
}
