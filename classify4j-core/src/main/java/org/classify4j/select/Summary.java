package org.classify4j.select;

/** Mean and sample standard deviation (n − 1; 0 for a single value) of a metric over folds. */
public record Summary(double mean, double sd, int n) {
  public static Summary of(double[] values) {
    int n = values.length;
    if (n == 0) {
      return new Summary(0, 0, 0);
    }
    double m = 0;
    for (double v : values) {
      m += v;
    }
    m /= n;
    double s = 0;
    for (double v : values) {
      s += (v - m) * (v - m);
    }
    return new Summary(m, n > 1 ? Math.sqrt(s / (n - 1)) : 0, n);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.4f ± %.4f", mean, sd);
  }
}
