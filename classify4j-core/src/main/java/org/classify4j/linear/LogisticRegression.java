package org.classify4j.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Hyperparameters of L2-regularized logistic regression, fitted with L-BFGS. The objective is
 * scikit-learn's {@code LogisticRegression(C=c, solver="lbfgs")}:
 *
 * <pre>  C · Σᵢ sᵢ · loss(xᵢ, yᵢ) + ½‖W‖²   (the intercepts are not penalized)</pre>
 *
 * <p>where sᵢ is the sample weight times the class weight, and the loss is the softmax
 * cross-entropy (multinomial) or the binary log-loss (binary, and each class of one-vs-rest).
 * The optimum is the same as scikit-learn's; the iterates stop at a relative gradient norm of
 * {@link #tolerance()} (see {@link FitReport}).
 *
 * <p>Classes with no (positively weighted) examples get zero weights and an intercept of -∞
 * (probability 0) when an intercept is fitted, as the optimum lies at infinity; a one-vs-rest
 * class present in every example gets +∞.
 *
 * @param c inverse regularization strength, {@code > 0}
 * @param penalty the penalty on the weights
 * @param fitIntercept whether to fit unpenalized intercepts
 * @param maxIterations L-BFGS iterations allowed per optimization
 * @param tolerance stop when ‖∇f‖ ≤ tolerance · ‖∇f(0)‖
 * @param classWeighting class weights multiplied into the sample weights
 * @param lbfgs optimizer settings
 * @param parallelism threads used by one fit (one-vs-rest fits classes in parallel; the
 *     multinomial and binary fits split their sums); results do not depend on it
 */
public record LogisticRegression(
    double c,
    Penalty penalty,
    boolean fitIntercept,
    int maxIterations,
    double tolerance,
    ClassWeighting classWeighting,
    LbfgsSettings lbfgs,
    int parallelism) {

  public LogisticRegression {
    if (!(c > 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("C must be positive and finite, got " + c);
    }
    Objects.requireNonNull(penalty, "penalty");
    Objects.requireNonNull(classWeighting, "classWeighting");
    Objects.requireNonNull(lbfgs, "lbfgs");
    if (maxIterations < 0) {
      throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
  }

  /**
   * C = 1, L2, intercept, 1000 iterations, tolerance 1e-6, no class weights, default L-BFGS, one
   * thread per available processor.
   */
  public static LogisticRegression defaults() {
    return new LogisticRegression(1.0, Penalty.L2, true, 1000, 1e-6, ClassWeighting.NONE,
        LbfgsSettings.defaults(), Runtime.getRuntime().availableProcessors());
  }

  public LogisticRegression withC(double newC) {
    return new LogisticRegression(newC, penalty, fitIntercept, maxIterations, tolerance,
        classWeighting, lbfgs, parallelism);
  }

  public LogisticRegression withPenalty(Penalty p) {
    return new LogisticRegression(c, p, fitIntercept, maxIterations, tolerance, classWeighting,
        lbfgs, parallelism);
  }

  public LogisticRegression withFitIntercept(boolean f) {
    return new LogisticRegression(c, penalty, f, maxIterations, tolerance, classWeighting, lbfgs,
        parallelism);
  }

  public LogisticRegression withMaxIterations(int n) {
    return new LogisticRegression(c, penalty, fitIntercept, n, tolerance, classWeighting, lbfgs,
        parallelism);
  }

  public LogisticRegression withTolerance(double t) {
    return new LogisticRegression(c, penalty, fitIntercept, maxIterations, t, classWeighting,
        lbfgs, parallelism);
  }

  public LogisticRegression withClassWeighting(ClassWeighting w) {
    return new LogisticRegression(c, penalty, fitIntercept, maxIterations, tolerance, w, lbfgs,
        parallelism);
  }

  public LogisticRegression withLbfgs(LbfgsSettings s) {
    return new LogisticRegression(c, penalty, fitIntercept, maxIterations, tolerance,
        classWeighting, s, parallelism);
  }

  public LogisticRegression withParallelism(int threads) {
    return new LogisticRegression(c, penalty, fitIntercept, maxIterations, tolerance,
        classWeighting, lbfgs, threads);
  }

  // ---------------------------------------------------------------- multinomial

  /** Softmax regression over {@code numClasses} classes; {@code y[i]} in [0, numClasses). */
  public LogisticFit fitMultinomial(
      FeatureMatrix x, int[] y, int numClasses) {
    return fitMultinomial(x, y, numClasses, ones(x.rows()));
  }

  /** Softmax regression with a non-negative weight per example. */
  public LogisticFit fitMultinomial(
      FeatureMatrix x, int[] y, int numClasses, float[] sampleWeights) {
    Objects.requireNonNull(x, "x");
    final int n = x.rows();
    final int d = x.cols();
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    }
    checkLength("y", y.length, n);
    checkWeights(sampleWeights, n);
    double[] mass = new double[numClasses];
    int[] counts = new int[numClasses];
    for (int i = 0; i < n; i++) {
      if (y[i] < 0 || y[i] >= numClasses) {
        throw new IllegalArgumentException(
            "y[" + i + "] = " + y[i] + " is not a class in [0, " + numClasses + ")");
      }
      mass[y[i]] += sampleWeights[i];
      counts[y[i]]++;
    }
    // with intercepts, classes without weight are left out (their optimum is at -infinity)
    int[] toCompact = new int[numClasses];
    List<Integer> present = new ArrayList<>();
    for (int cl = 0; cl < numClasses; cl++) {
      if (!fitIntercept || mass[cl] > 0) {
        toCompact[cl] = present.size();
        present.add(cl);
      } else {
        toCompact[cl] = -1;
      }
    }
    if (present.isEmpty()) {
      throw new IllegalArgumentException("no training example has a positive weight");
    }
    final int k = present.size();
    int presentWithExamples = 0;
    for (int cl : present) {
      if (counts[cl] > 0) {
        presentWithExamples++;
      }
    }
    double[] s = new double[n];
    int[] yc = new int[n];
    for (int i = 0; i < n; i++) {
      double cw = 1;
      if (classWeighting == ClassWeighting.BALANCED) {
        cw = (double) n / ((double) presentWithExamples * counts[y[i]]);
      }
      s[i] = c * sampleWeights[i] * cw;
      yc[i] = toCompact[y[i]] < 0 ? 0 : toCompact[y[i]];
    }
    try (Parallel par = Parallel.of(parallelism)) {
      MultinomialObjective f = new MultinomialObjective(
          x, x.transpose(), yc, s, k, fitIntercept, penalty == Penalty.L2, par);
      Lbfgs.Result res =
          Lbfgs.minimize(f, new double[f.size()], maxIterations, tolerance, lbfgs);
      double[] w = res.x();
      float[] weights = new float[numClasses * d];
      float[] intercepts = new float[numClasses];
      Arrays.fill(intercepts, fitIntercept ? Float.NEGATIVE_INFINITY : 0f);
      for (int ci = 0; ci < k; ci++) {
        int cl = present.get(ci);
        for (int j = 0; j < d; j++) {
          weights[cl * d + j] = (float) w[j * k + ci];
        }
        if (fitIntercept) {
          intercepts[cl] = (float) w[d * k + ci];
        }
      }
      if (fitIntercept) {
        centerFinite(intercepts);
      }
      return new LogisticFit(
          LogisticModel.multinomial(numClasses, d, weights, intercepts), List.of(res.report()));
    }
  }

  /** Shifts the finite intercepts to mean 0 (softmax is invariant to a common shift). */
  private static void centerFinite(float[] b) {
    double sum = 0;
    int n = 0;
    for (float v : b) {
      if (Float.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    if (n == 0) {
      return;
    }
    float mean = (float) (sum / n);
    for (int i = 0; i < b.length; i++) {
      if (Float.isFinite(b[i])) {
        b[i] -= mean;
      }
    }
  }

  // ---------------------------------------------------------------- binary

  /** Binary logistic regression on targets in [0,1] (soft targets allowed). */
  public LogisticFit fitBinary(FeatureMatrix x, float[] targets) {
    return fitBinary(x, targets, ones(x.rows()));
  }

  /** Binary logistic regression with a non-negative weight per example. */
  public LogisticFit fitBinary(
      FeatureMatrix x, float[] targets, float[] sampleWeights) {
    Objects.requireNonNull(x, "x");
    checkLength("targets", targets.length, x.rows());
    checkWeights(sampleWeights, x.rows());
    for (int i = 0; i < targets.length; i++) {
      if (!(targets[i] >= 0 && targets[i] <= 1)) {
        throw new IllegalArgumentException(
            "targets[" + i + "] = " + targets[i] + " is outside [0,1]");
      }
    }
    try (Parallel par = Parallel.of(parallelism)) {
      return binary(x, x.transpose(), DenseRows.of(x), targets, sampleWeights, par);
    }
  }

  private LogisticFit binary(
      FeatureMatrix x, FeatureMatrix xt, DenseRows dense, float[] t, float[] sw, Parallel par) {
    final int n = x.rows();
    final int d = x.cols();
    double pos = 0;
    double neg = 0;
    double posW = 0;
    double negW = 0;
    for (int i = 0; i < n; i++) {
      pos += t[i];
      neg += 1 - t[i];
      posW += sw[i] * t[i];
      negW += sw[i] * (1 - t[i]);
    }
    if (posW <= 0 && negW <= 0) {
      throw new IllegalArgumentException("no training example has a positive weight");
    }
    if (fitIntercept && (posW <= 0 || negW <= 0)) {
      // one kind of example only: the optimum is w = 0, b = ±infinity, loss 0
      float b = posW > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
      return new LogisticFit(LogisticModel.binary(d, new float[d], b),
          List.of(new FitReport(0, 0, 0.0, 0.0, 0.0, StopReason.CONVERGED)));
    }
    double cwPos = 1;
    double cwNeg = 1;
    if (classWeighting == ClassWeighting.BALANCED) {
      cwPos = pos > 0 ? (pos + neg) / (2 * pos) : 0;
      cwNeg = neg > 0 ? (pos + neg) / (2 * neg) : 0;
    }
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = c * sw[i] * cwPos * t[i];
      b[i] = c * sw[i] * cwNeg * (1 - (double) t[i]);
    }
    BinaryObjective f =
        new BinaryObjective(x, xt, dense, a, b, fitIntercept, penalty == Penalty.L2, par);
    Lbfgs.Result res = Lbfgs.minimize(f, new double[f.size()], maxIterations, tolerance, lbfgs);
    float[] w = new float[d];
    for (int j = 0; j < d; j++) {
      w[j] = (float) res.x()[j];
    }
    float bias = fitIntercept ? (float) res.x()[d] : 0f;
    return new LogisticFit(LogisticModel.binary(d, w, bias), List.of(res.report()));
  }

  // ---------------------------------------------------------------- one-vs-rest

  /**
   * One binary model per class (multi-label): example i is positive for class c when
   * {@code labelSets[i]} contains c. Classes are fitted in parallel.
   */
  public LogisticFit fitOneVsRest(
      FeatureMatrix x, int[][] labelSets, int numClasses) {
    return fitOneVsRest(x, labelSets, numClasses, ones(x.rows()));
  }

  /** One-vs-rest with a non-negative weight per example. */
  public LogisticFit fitOneVsRest(
      FeatureMatrix x, int[][] labelSets, int numClasses, float[] sampleWeights) {
    Objects.requireNonNull(x, "x");
    final int n = x.rows();
    final int d = x.cols();
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    }
    checkLength("labelSets", labelSets.length, n);
    checkWeights(sampleWeights, n);
    // positives per class (targets are built one class at a time, so k·n floats never coexist)
    int[] counts = new int[numClasses];
    for (int i = 0; i < n; i++) {
      for (int cl : labelSets[i]) {
        if (cl < 0 || cl >= numClasses) {
          throw new IllegalArgumentException(
              "labelSets[" + i + "] holds " + cl + ", not a class in [0, " + numClasses + ")");
        }
        counts[cl]++;
      }
    }
    int[][] positives = new int[numClasses][];
    for (int cl = 0; cl < numClasses; cl++) {
      positives[cl] = new int[counts[cl]];
    }
    int[] fill = new int[numClasses];
    for (int i = 0; i < n; i++) {
      for (int cl : labelSets[i]) {
        int[] p = positives[cl];
        if (fill[cl] == 0 || p[fill[cl] - 1] != i) { // a class listed twice counts once
          p[fill[cl]++] = i;
        }
      }
    }
    FeatureMatrix xt = x.transpose();
    DenseRows dense = DenseRows.of(x);
    try (Parallel par = Parallel.of(parallelism)) {
      Parallel inner = Parallel.inline();
      List<Callable<LogisticFit>> jobs = new ArrayList<>(numClasses);
      for (int cl = 0; cl < numClasses; cl++) {
        int[] pos = positives[cl];
        int count = fill[cl];
        jobs.add(() -> {
          float[] t = new float[n];
          for (int q = 0; q < count; q++) {
            t[pos[q]] = 1f;
          }
          return binary(x, xt, dense, t, sampleWeights, inner);
        });
      }
      List<LogisticFit> fits = par.invokeAll(jobs);
      float[] weights = new float[numClasses * d];
      float[] intercepts = new float[numClasses];
      List<FitReport> reports = new ArrayList<>(numClasses);
      for (int cl = 0; cl < numClasses; cl++) {
        LogisticModel m = fits.get(cl).model();
        System.arraycopy(m.weights(), 0, weights, cl * d, d);
        intercepts[cl] = m.intercept();
        reports.add(fits.get(cl).reports().get(0));
      }
      return new LogisticFit(
          LogisticModel.oneVsRest(numClasses, d, weights, intercepts), reports);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static float[] ones(int n) {
    float[] w = new float[n];
    Arrays.fill(w, 1f);
    return w;
  }

  private static void checkLength(String what, int got, int rows) {
    if (got != rows) {
      throw new IllegalArgumentException(
          what + " has " + got + " entries but the feature matrix has " + rows + " rows");
    }
  }

  private static void checkWeights(float[] w, int n) {
    checkLength("sampleWeights", w.length, n);
    for (int i = 0; i < n; i++) {
      if (!(w[i] >= 0) || Float.isInfinite(w[i])) {
        throw new IllegalArgumentException(
            "sampleWeights[" + i + "] = " + w[i] + " is not a finite non-negative number");
      }
    }
  }
}
