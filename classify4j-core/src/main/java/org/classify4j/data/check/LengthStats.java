package org.classify4j.data.check;

import java.util.Arrays;

/**
 * Distribution of text lengths (nearest-rank percentiles).
 */
public record LengthStats(int min, int p50, int p90, int p99, int max, double mean) {
  static LengthStats of(int[] values) {
    if (values.length == 0) {
      return new LengthStats(0, 0, 0, 0, 0, 0);
    }
    int[] v = values.clone();
    Arrays.sort(v);
    long sum = 0;
    for (int x : v) {
      sum += x;
    }
    return new LengthStats(v[0], rank(v, 50), rank(v, 90), rank(v, 99), v[v.length - 1],
        (double) sum / v.length);
  }

  private static int rank(int[] sorted, int p) {
    int k = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, k - 1)];
  }
}
