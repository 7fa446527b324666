package org.classify4j.linear;

import java.util.Arrays;

/** Shared storage and scoring of the fitted models: float weights plus a transposed copy. */
final class LinearScores {
  final int k;
  final int d;
  final float[] weights; // k×d row-major
  final float[] intercepts;
  final double[][] transposed; // d×k, for FeatureMatrix.multiplyRows
  final double[] bias;

  LinearScores(int k, int d, float[] weights, float[] intercepts, boolean allowInfiniteIntercepts) {
    if (k < 1 || d < 0) {
      throw new IllegalArgumentException("bad shape: " + k + " outputs, " + d + " features");
    }
    if (weights.length != (long) k * d) {
      throw new IllegalArgumentException(
          "weights: expected " + k + "x" + d + " = " + (long) k * d + " values, got "
              + weights.length);
    }
    if (intercepts.length != k) {
      throw new IllegalArgumentException(
          "intercepts: expected " + k + " values, got " + intercepts.length);
    }
    for (int i = 0; i < weights.length; i++) {
      if (!Float.isFinite(weights[i])) {
        throw new IllegalArgumentException(
            "weight [" + i / Math.max(d, 1) + "][" + i % Math.max(d, 1) + "] is " + weights[i]);
      }
    }
    for (int c = 0; c < k; c++) {
      if (Float.isNaN(intercepts[c]) || (!allowInfiniteIntercepts && Float.isInfinite(intercepts[c]))) {
        throw new IllegalArgumentException("intercept " + c + " is " + intercepts[c]);
      }
    }
    this.k = k;
    this.d = d;
    this.weights = weights.clone();
    this.intercepts = intercepts.clone();
    this.transposed = new double[d][k];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        transposed[j][c] = weights[c * d + j];
      }
    }
    this.bias = new double[k];
    for (int c = 0; c < k; c++) {
      bias[c] = intercepts[c];
    }
  }

  /** Double scores, one row of k per example. */
  double[][] scores(FeatureMatrix x) {
    if (x.cols() != d) {
      throw new IllegalArgumentException(
          "the model has " + d + " features, the matrix has " + x.cols() + " columns");
    }
    int n = x.rows();
    double[][] z = new double[n][];
    for (int i = 0; i < n; i++) {
      z[i] = bias.clone();
    }
    final int chunk = 256;
    for (int r0 = 0; r0 < n; r0 += chunk) {
      x.multiplyRows(r0, Math.min(n, r0 + chunk), transposed, z);
    }
    return z;
  }

  float[] decisionFunction(FeatureMatrix x) {
    double[][] z = scores(x);
    float[] out = new float[Math.multiplyExact(z.length, k)];
    for (int i = 0; i < z.length; i++) {
      for (int c = 0; c < k; c++) {
        out[i * k + c] = (float) z[i][c];
      }
    }
    return out;
  }

  float[] softmax(FeatureMatrix x) {
    double[][] z = scores(x);
    float[] out = new float[Math.multiplyExact(z.length, k)];
    for (int i = 0; i < z.length; i++) {
      double[] zi = z[i];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, zi[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double e = Math.exp(zi[c] - max);
        zi[c] = e;
        sum += e;
      }
      for (int c = 0; c < k; c++) {
        out[i * k + c] = (float) Math.min(1.0, zi[c] / sum);
      }
    }
    return out;
  }

  float[] sigmoid(FeatureMatrix x) {
    double[][] z = scores(x);
    float[] out = new float[Math.multiplyExact(z.length, k)];
    for (int i = 0; i < z.length; i++) {
      for (int c = 0; c < k; c++) {
        out[i * k + c] = (float) org.classify4j.classify.ScoreCalibration.sigmoid(z[i][c]);
      }
    }
    return out;
  }

  boolean sameAs(LinearScores o) {
    return k == o.k && d == o.d && Arrays.equals(weights, o.weights)
        && Arrays.equals(intercepts, o.intercepts);
  }

  int hash() {
    return 31 * Arrays.hashCode(weights) + Arrays.hashCode(intercepts);
  }
}
