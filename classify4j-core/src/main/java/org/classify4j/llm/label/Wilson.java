package org.classify4j.llm.label;

/** Wilson score intervals for a binomial proportion (good at small n and near 0 or 1). */
public final class Wilson {
  private Wilson() {}

  /** A proportion with its interval. */
  public record Proportion(long successes, long trials, double estimate, double lower,
      double upper, double level) {}

  /** The Wilson interval of {@code successes} out of {@code trials} at {@code level}. */
  public static Proportion interval(long successes, long trials, double level) {
    if (trials < 0 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException("need 0 ≤ successes ≤ trials");
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0,1)");
    }
    if (trials == 0) {
      return new Proportion(0, 0, 0, 0, 1, level);
    }
    double z = normalQuantile(1 - (1 - level) / 2);
    double n = trials;
    double p = successes / n;
    double z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return new Proportion(successes, trials, p, Math.max(0, centre - half),
        Math.min(1, centre + half), level);
  }

  /** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
  static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0,1)");
    }
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    double lo = 0.02425;
    if (p < lo) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - lo) {
      return -normalQuantile(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
