package org.classify4j.linear;

import java.util.Arrays;

/**
 * {@code sum_i s_i * (logsumexp(z_i) - z_i[y_i]) + (l2 ? 0.5 * ||W||² : 0)} with
 * {@code z_i = W x_i + b}; the sample weights s_i already include C and class weights. Parameters
 * are laid out feature-major: {@code w[j * k + c]} for the d×k weights, then the k intercepts
 * when fitted.
 */
final class MultinomialObjective implements Lbfgs.Objective {
  private final FeatureMatrix x;
  private final FeatureMatrix xt;
  private final int[] y;
  private final double[] s;
  private final int k;
  private final int d;
  private final boolean intercept;
  private final boolean l2;
  private final Parallel parallel;
  private final double[][] r; // n×k: scores, then d loss / d score
  private final double[][] wRows; // d×k weights as rows
  private final double[][] gRows; // d×k gradient as rows
  private final double[] rowLoss;

  MultinomialObjective(FeatureMatrix x, FeatureMatrix xt, int[] y, double[] s, int k,
      boolean intercept, boolean l2, Parallel parallel) {
    this.x = x;
    this.xt = xt;
    this.y = y;
    this.s = s;
    this.k = k;
    this.d = x.cols();
    this.intercept = intercept;
    this.l2 = l2;
    this.parallel = parallel;
    this.r = new double[x.rows()][k];
    this.wRows = new double[d][k];
    this.gRows = new double[d][k];
    this.rowLoss = new double[x.rows()];
  }

  int size() {
    return d * k + (intercept ? k : 0);
  }

  @Override
  public double evaluate(double[] w, double[] g) {
    final int n = x.rows();
    final int dk = d * k;
    for (int j = 0; j < d; j++) {
      System.arraycopy(w, j * k, wRows[j], 0, k);
    }
    // scores and per-row residuals, split over rows
    int minRows = (int) Math.max(16, 200_000 / Math.max(1, (x.storedEntries() / Math.max(1, n)) * k));
    parallel.forRange(n, minRows, (from, to) -> {
      for (int i = from; i < to; i++) {
        if (intercept) {
          System.arraycopy(w, dk, r[i], 0, k);
        } else {
          Arrays.fill(r[i], 0.0);
        }
      }
      final int chunk = 256;
      for (int a = from; a < to; a += chunk) {
        x.multiplyRows(a, Math.min(to, a + chunk), wRows, r);
      }
      for (int i = from; i < to; i++) {
        rowLoss[i] = residual(i);
      }
    });
    // gradient of the weights: Xᵀ R, split over features
    if (d > 0) {
      int minFeatures = (int) Math.max(1, 200_000 / Math.max(1, (xt.storedEntries() / d) * k));
      parallel.forRange(d, minFeatures, (from, to) -> {
        for (int j = from; j < to; j++) {
          Arrays.fill(gRows[j], 0.0);
        }
        final int chunk = Math.max(1, 2048 / k);
        for (int a = from; a < to; a += chunk) {
          xt.multiplyRows(a, Math.min(to, a + chunk), r, gRows);
        }
        for (int j = from; j < to; j++) {
          System.arraycopy(gRows[j], 0, g, j * k, k);
        }
      });
    }
    double f = 0;
    for (int i = 0; i < n; i++) {
      f += rowLoss[i];
    }
    if (intercept) {
      Arrays.fill(g, dk, dk + k, 0.0);
      for (int i = 0; i < n; i++) {
        final double[] ri = r[i];
        for (int c = 0; c < k; c++) {
          g[dk + c] += ri[c];
        }
      }
    }
    if (l2) {
      double p = 0;
      for (int j = 0; j < dk; j++) {
        p += w[j] * w[j];
        g[j] += w[j];
      }
      f += 0.5 * p;
    }
    return f;
  }

  /** Turns row i of r from scores into s_i * (softmax - onehot); returns s_i * loss_i. */
  private double residual(int i) {
    final double[] ri = r[i];
    final double si = s[i];
    if (si == 0) {
      Arrays.fill(ri, 0.0);
      return 0;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, ri[c]);
    }
    double zy = ri[y[i]];
    double sum = 0;
    for (int c = 0; c < k; c++) {
      double e = Math.exp(ri[c] - max);
      ri[c] = e;
      sum += e;
    }
    double loss = si * (max + Math.log(sum) - zy);
    double scale = si / sum;
    for (int c = 0; c < k; c++) {
      ri[c] *= scale;
    }
    ri[y[i]] -= si;
    return loss;
  }
}
