package org.classify4j.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An isotonic (pool-adjacent-violators) map from a score to the share of correct labels, as
 * Annif's PAV backend uses: fitted on (score, correct?) pairs, applied by linear interpolation
 * between the pooled blocks and clipped at both ends. A tiny multiple of the raw score is added so
 * that scores in one flat block keep their order.
 */
public final class IsotonicMap {
  private final float[] x;
  private final float[] y;


  /** A map through the points (x, y), x ascending, y non-decreasing. */
  public IsotonicMap(float[] x, float[] y) {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException("isotonic map: x and y must be non-empty and equal length");
    }
    this.x = x;
    this.y = y;
  }

  public static IsotonicMap identity() {
    return new IsotonicMap(new float[] {0f, 1f}, new float[] {0f, 1f});
  }

  /** Pool-adjacent-violators fit of P(correct | score). */
  public static IsotonicMap fit(float[] scores, boolean[] correct) {
    int n = scores.length;
    if (n == 0) {
      return identity();
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
    List<double[]> blocks = new ArrayList<>(); // {sumX, sumY, count}
    int i = 0;
    while (i < n) {
      // equal scores form one block from the start
      int j = i;
      double sx = 0;
      double sy = 0;
      while (j < n && scores[order[j]] == scores[order[i]]) {
        sx += scores[order[j]];
        sy += correct[order[j]] ? 1 : 0;
        j++;
      }
      blocks.add(new double[] {sx, sy, j - i});
      i = j;
      while (blocks.size() > 1) {
        double[] last = blocks.get(blocks.size() - 1);
        double[] prev = blocks.get(blocks.size() - 2);
        if (prev[1] / prev[2] <= last[1] / last[2]) {
          break;
        }
        prev[0] += last[0];
        prev[1] += last[1];
        prev[2] += last[2];
        blocks.remove(blocks.size() - 1);
      }
    }
    float[] bx = new float[blocks.size()];
    float[] by = new float[blocks.size()];
    for (int b = 0; b < bx.length; b++) {
      bx[b] = (float) (blocks.get(b)[0] / blocks.get(b)[2]);
      by[b] = (float) (blocks.get(b)[1] / blocks.get(b)[2]);
    }
    return new IsotonicMap(bx, by);
  }

  /** The calibrated value of score {@code s}, in [0, 1]. */
  public double apply(double s) {
    double tie = 1e-6 * s;
    if (s <= x[0]) {
      return clip(y[0] + tie);
    }
    int last = x.length - 1;
    if (s >= x[last]) {
      return clip(y[last] + tie);
    }
    int b = Arrays.binarySearch(x, (float) s);
    if (b >= 0) {
      return clip(y[b] + tie);
    }
    int hi = -b - 1;
    int lo = hi - 1;
    double f = (s - x[lo]) / (x[hi] - x[lo]);
    return clip(y[lo] + f * (y[hi] - y[lo]) + tie);
  }

  private static double clip(double v) {
    return Math.max(0, Math.min(1, v));
  }

  public float[] xs() {
    return x.clone();
  }

  public float[] ys() {
    return y.clone();
  }
}
