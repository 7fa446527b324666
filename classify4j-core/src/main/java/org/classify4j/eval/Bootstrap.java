package org.classify4j.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded percentile-bootstrap confidence intervals for any {@link Metric}: the documents are
 * resampled with replacement {@code resamples} times, the metric computed on each resample, and
 * the interval is the (1−level)/2 and (1+level)/2 quantiles of those values (linear interpolation,
 * as numpy's default). The same seed gives the same interval.
 */
public record Bootstrap(int resamples, double level, long seed) {
  public Bootstrap {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be ≥ 1, got " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0,1), got " + level);
    }
  }

  /** 1000 resamples, 95 %. */
  public static Bootstrap of(long seed) {
    return new Bootstrap(1000, 0.95, seed);
  }

  /** A metric's value on the full data with its bootstrap interval. */
  public record Interval(
      String metric, double estimate, double lower, double upper, double standardError, double level) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%s %.4f [%.4f, %.4f]", metric, estimate, lower, upper);
    }

    /** {@code {"estimate", "lower", "upper", "standard_error", "level"}}, as every report writes it. */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
      com.fasterxml.jackson.databind.node.ObjectNode o = org.classify4j.Json.mapper().createObjectNode();
      o.put("estimate", estimate);
      o.put("lower", lower);
      o.put("upper", upper);
      o.put("standard_error", standardError);
      o.put("level", level);
      return o;
    }
  }

  public Interval interval(EvalData d, Metric metric) {
    double est = metric.compute(d);
    int n = d.size();
    if (n == 0) {
      return new Interval(metric.name(), est, est, est, 0, level);
    }
    double[] v = values(d, metric);
    Arrays.sort(v);
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double var = 0;
    for (double x : v) {
      var += (x - mean) * (x - mean);
    }
    double se = v.length > 1 ? Math.sqrt(var / (v.length - 1)) : 0;
    double alpha = (1 - level) / 2;
    return new Interval(metric.name(), est, quantile(v, alpha), quantile(v, 1 - alpha), se, level);
  }

  /** The metric on each resample, in resample order. */
  public double[] values(EvalData d, Metric metric) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = d.size();
    double[] v = new double[resamples];
    int[] rows = new int[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        rows[i] = rnd.nextInt(n);
      }
      v[b] = metric.compute(d.subset(rows));
    }
    return v;
  }

  /** Quantile q of sorted values with linear interpolation between closest ranks. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
