package org.classify4j.classify;

/**
 * Small, dependency-free calibration helpers shared by methods that turn similarities into
 * probabilities: softmax with a temperature, the logistic function, temperature fitting for
 * softmax and Platt scaling (a 2-parameter logistic fit) for independent per-label scores.
 */
public final class ScoreCalibration {
  private ScoreCalibration() {}

  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /** softmax(x / temperature), written into a new float array; stable (max subtracted). */
  public static float[] softmax(float[] x, double temperature) {
    float[] out = new float[x.length];
    if (x.length == 0) {
      return out;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      e[j] = Math.exp((x[j] - max) / temperature);
      sum += e[j];
    }
    for (int j = 0; j < x.length; j++) {
      out[j] = (float) Math.min(1.0, e[j] / sum);
    }
    return out;
  }

  /**
   * The softmax temperature in [lo, hi] minimising the mean negative log-likelihood of the gold
   * column ({@code gold[i] < 0} rows are skipped). Golden-section search over log(T); the NLL is
   * unimodal in T for fixed logits in practice.
   */
  public static double fitTemperature(float[][] logits, int[] gold, double lo, double hi) {
    return minimizeOverLogT(t -> nll(logits, gold, t), lo, hi);
  }

  /**
   * The T in [lo, hi] minimising {@code loss(T)}: golden-section search over log(T), 60 steps
   * (the losses calibration fits are unimodal in T in practice).
   */
  public static double minimizeOverLogT(java.util.function.DoubleUnaryOperator loss, double lo,
      double hi) {
    double a = Math.log(lo);
    double b = Math.log(hi);
    final double phi = (Math.sqrt(5) - 1) / 2;
    double c = b - phi * (b - a);
    double d = a + phi * (b - a);
    double fc = loss.applyAsDouble(Math.exp(c));
    double fd = loss.applyAsDouble(Math.exp(d));
    for (int it = 0; it < 60; it++) {
      if (fc < fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - phi * (b - a);
        fc = loss.applyAsDouble(Math.exp(c));
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + phi * (b - a);
        fd = loss.applyAsDouble(Math.exp(d));
      }
    }
    return Math.exp((a + b) / 2);
  }

  static double nll(float[][] logits, int[] gold, double t) {
    double total = 0;
    int n = 0;
    for (int i = 0; i < logits.length; i++) {
      if (gold[i] < 0) {
        continue;
      }
      float[] x = logits[i];
      double max = Double.NEGATIVE_INFINITY;
      for (float v : x) {
        max = Math.max(max, v / t);
      }
      double s = 0;
      for (float v : x) {
        s += Math.exp(v / t - max);
      }
      total += -(x[gold[i]] / t - max - Math.log(s));
      n++;
    }
    return n == 0 ? 0 : total / n;
  }

  /**
   * Platt scaling: a, b minimising the log-loss of sigmoid(a * x + b) against 0/1 targets, with
   * Platt's smoothed targets ((N+ + 1)/(N+ + 2), 1/(N- + 2)) against overfitting. Newton's method
   * with backtracking. Returns {a, b}; {1, 0}-like defaults are never assumed: when one class is
   * absent it returns the fit of the smoothed targets, which stays finite.
   */
  public static double[] plattFit(double[] x, boolean[] y) {
    int pos = 0;
    for (boolean v : y) {
      if (v) {
        pos++;
      }
    }
    int neg = y.length - pos;
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double[] t = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      t[i] = y[i] ? hi : lo;
    }
    double a = 0;
    double b = Math.log((neg + 1.0) / (pos + 1.0)) * -1;
    double f = plattLoss(x, t, a, b);
    for (int it = 0; it < 100; it++) {
      double g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h21 = 0;
      for (int i = 0; i < x.length; i++) {
        double p = sigmoid(a * x[i] + b);
        double d1 = p - t[i];
        double d2 = p * (1 - p);
        g1 += x[i] * d1;
        g2 += d1;
        h11 += x[i] * x[i] * d2;
        h22 += d2;
        h21 += x[i] * d2;
      }
      if (Math.abs(g1) < 1e-9 && Math.abs(g2) < 1e-9) {
        break;
      }
      double det = h11 * h22 - h21 * h21;
      double da = -(h22 * g1 - h21 * g2) / det;
      double db = -(-h21 * g1 + h11 * g2) / det;
      double step = 1;
      double nf;
      while (true) {
        nf = plattLoss(x, t, a + step * da, b + step * db);
        if (nf <= f + 1e-4 * step * (g1 * da + g2 * db) || step < 1e-10) {
          break;
        }
        step /= 2;
      }
      if (step < 1e-10) {
        break;
      }
      a += step * da;
      b += step * db;
      if (Math.abs(f - nf) < 1e-12 * Math.max(1, Math.abs(f))) {
        f = nf;
        break;
      }
      f = nf;
    }
    return new double[] {a, b};
  }

  private static double plattLoss(double[] x, double[] t, double a, double b) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double z = a * x[i] + b;
      // log(1 + e^z) - t z, computed stably
      double log1pexp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      s += log1pexp - t[i] * z;
    }
    return s;
  }
}
