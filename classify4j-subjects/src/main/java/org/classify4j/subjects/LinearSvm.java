package org.classify4j.subjects;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Binary L2-regularized squared-hinge SVM trained by dual coordinate descent (the liblinear solver
 * Omikuji uses), with a bias feature; weights below {@code prune} in magnitude are dropped, as
 * Omikuji does, to keep tens of thousands of classifiers small. Scores map to (0, 1] as
 * exp(−max(0, 1 − w·x)²).
 */
final class LinearSvm {
  /** A trained classifier: sparse weights and a bias. */
  record Weights(int[] idx, float[] val, float bias) {}

  private LinearSvm() {}

  /**
   * Trains on {@code rows} with labels {@code positive}. {@code w} is a zeroed scratch array of the
   * feature dimension; it is zeroed again before returning.
   */
  static Weights train(List<SparseRow> rows, boolean[] positive, double c, double eps, int maxIter,
      long seed, double prune, float[] w) {
    int n = rows.size();
    int pos = 0;
    for (boolean p : positive) {
      pos += p ? 1 : 0;
    }
    if (pos == n) {
      return new Weights(new int[0], new float[0], 2f);
    }
    if (pos == 0) {
      return new Weights(new int[0], new float[0], -2f);
    }
    double diag = 0.5 / c;
    double[] qd = new double[n];
    double[] alpha = new double[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      qd[i] = rows.get(i).squaredNorm() + 1.0 + diag; // + 1 for the bias feature
      order[i] = i;
    }
    double b = 0;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int iter = 0; iter < maxIter; iter++) {
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double maxPg = Double.NEGATIVE_INFINITY;
      double minPg = Double.POSITIVE_INFINITY;
      for (int s = 0; s < n; s++) {
        int i = order[s];
        SparseRow x = rows.get(i);
        double y = positive[i] ? 1 : -1;
        double g = y * (x.dot(w) + b) - 1 + diag * alpha[i];
        double pg = alpha[i] == 0 ? Math.min(g, 0) : g;
        maxPg = Math.max(maxPg, pg);
        minPg = Math.min(minPg, pg);
        if (Math.abs(pg) > 1e-12) {
          double old = alpha[i];
          alpha[i] = Math.max(old - g / qd[i], 0);
          double d = (alpha[i] - old) * y;
          for (int k = 0; k < x.idx.length; k++) {
            w[x.idx[k]] += (float) (d * x.val[k]);
          }
          b += d;
        }
      }
      if (maxPg - minPg <= eps) {
        break;
      }
    }
    // collect and reset the touched features
    int count = 0;
    int[] tmpIdx = new int[64];
    float[] tmpVal = new float[64];
    for (SparseRow x : rows) {
      for (int k = 0; k < x.idx.length; k++) {
        int f = x.idx[k];
        float v = w[f];
        if (v != 0f) {
          if (Math.abs(v) >= prune) {
            if (count == tmpIdx.length) {
              tmpIdx = java.util.Arrays.copyOf(tmpIdx, count * 2);
              tmpVal = java.util.Arrays.copyOf(tmpVal, count * 2);
            }
            tmpIdx[count] = f;
            tmpVal[count] = v;
            count++;
          }
          w[f] = 0f;
        }
      }
    }
    int[] idx = java.util.Arrays.copyOf(tmpIdx, count);
    float[] val = java.util.Arrays.copyOf(tmpVal, count);
    sortByIndex(idx, val);
    return new Weights(idx, val, (float) b);
  }

  private static void sortByIndex(int[] idx, float[] val) {
    Integer[] order = new Integer[idx.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(idx[a], idx[b]));
    int[] i2 = new int[idx.length];
    float[] v2 = new float[idx.length];
    for (int i = 0; i < order.length; i++) {
      i2[i] = idx[order[i]];
      v2[i] = val[order[i]];
    }
    System.arraycopy(i2, 0, idx, 0, idx.length);
    System.arraycopy(v2, 0, val, 0, val.length);
  }

  /** exp(−max(0, 1 − m)²) for a margin m = w·x + b. */
  static double score(double margin) {
    double h = Math.max(0, 1 - margin);
    return Math.exp(-h * h);
  }
}
