package org.classify4j.linear;

/**
 * {@code sum_i [a_i * softplus(-z_i) + b_i * softplus(z_i)] + (l2 ? 0.5 * ||w||² : 0)} with
 * {@code z_i = w·x_i + b}: the weighted log-loss with soft targets, where a_i is the weight of
 * "positive" (C · sample weight · class weight · t_i) and b_i the weight of "negative". Parameters:
 * the d weights, then the intercept when fitted.
 */
final class BinaryObjective implements Lbfgs.Objective {
  private final FeatureMatrix x;
  private final FeatureMatrix xt;
  private final DenseRows dense; // null: use the FeatureMatrix kernels
  private final double[] a;
  private final double[] b;
  private final boolean intercept;
  private final boolean l2;
  private final Parallel parallel;
  private final double[] r;
  private final double[] rowLoss;
  private final int d;

  BinaryObjective(FeatureMatrix x, FeatureMatrix xt, DenseRows dense, double[] a, double[] b,
      boolean intercept, boolean l2, Parallel parallel) {
    this.x = x;
    this.xt = xt;
    this.dense = dense;
    this.a = a;
    this.b = b;
    this.intercept = intercept;
    this.l2 = l2;
    this.parallel = parallel;
    this.d = x.cols();
    this.r = new double[x.rows()];
    this.rowLoss = new double[x.rows()];
  }

  int size() {
    return d + (intercept ? 1 : 0);
  }

  static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  @Override
  public double evaluate(double[] w, double[] g) {
    final int n = x.rows();
    final double bias = intercept ? w[d] : 0;
    int minRows = (int) Math.max(64, 100_000 / Math.max(1, x.storedEntries() / Math.max(1, n)));
    parallel.forRange(n, minRows, (from, to) -> {
      if (dense != null) {
        java.util.Arrays.fill(r, from, to, bias);
        DenseRows.accumulate(w, d, dense.cols, r, from, to);
      }
      for (int i = from; i < to; i++) {
        double ai = a[i];
        double bi = b[i];
        if (ai == 0 && bi == 0) {
          r[i] = 0;
          rowLoss[i] = 0;
          continue;
        }
        double z = dense != null ? r[i] : bias + (d > 0 ? x.dot(i, w, 0) : 0);
        // one exp and one log1p: softplus(±z) = max(±z, 0) + log1p(e^-|z|)
        double e = Math.exp(-Math.abs(z));
        double l = Math.log1p(e);
        double sig = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        rowLoss[i] = ai * (Math.max(-z, 0) + l) + bi * (Math.max(z, 0) + l);
        r[i] = (ai + bi) * sig - ai;
      }
    });
    if (d > 0) {
      int minFeatures = (int) Math.max(1, 100_000 / Math.max(1, xt.storedEntries() / d));
      parallel.forRange(d, minFeatures, (from, to) -> {
        if (dense != null) {
          java.util.Arrays.fill(g, from, to, 0.0);
          DenseRows.accumulate(r, n, dense.rows, g, from, to);
          return;
        }
        for (int j = from; j < to; j++) {
          g[j] = xt.dot(j, r, 0);
        }
      });
    }
    double f = 0;
    double gb = 0;
    for (int i = 0; i < n; i++) {
      f += rowLoss[i];
      gb += r[i];
    }
    if (intercept) {
      g[d] = gb;
    }
    if (l2) {
      double p = 0;
      for (int j = 0; j < d; j++) {
        p += w[j] * w[j];
        g[j] += w[j];
      }
      f += 0.5 * p;
    }
    return f;
  }
}
