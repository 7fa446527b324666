package org.classify4j.linear;

/**
 * A small dense matrix held twice as double rows, row-wise (n×d) and column-wise (d×n), so the
 * binary objective's X·w and Xᵀ·r become loops the JIT vectorizes (a plain dot product is a
 * reduction it does not vectorize). Used only below {@link #MAX_ENTRIES} entries.
 */
final class DenseRows {
  /** At most this many entries (two double copies: 128 MiB). */
  static final long MAX_ENTRIES = 1L << 23;

  final double[][] rows;
  final double[][] cols;

  private DenseRows(double[][] rows, double[][] cols) {
    this.rows = rows;
    this.cols = cols;
  }

  /** The double copies of {@code x}, or null when it is sparse or too large. */
  static DenseRows of(FeatureMatrix x) {
    if (!(x instanceof DenseFeatures f) || (long) f.rows() * f.cols() > MAX_ENTRIES) {
      return null;
    }
    int n = f.rows();
    int d = f.cols();
    float[] data = f.data();
    double[][] r = new double[n][d];
    double[][] c = new double[d][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = data[i * d + j];
        r[i][j] = v;
        c[j][i] = v;
      }
    }
    return new DenseRows(r, c);
  }

  /**
   * {@code out[c] += sum_{j < len} v[j] * m[j][c]} for {@code c0 <= c < c1}, summed in a fixed
   * order whatever the range.
   */
  static void accumulate(double[] v, int len, double[][] m, double[] out, int c0, int c1) {
    final int block = 1024;
    for (int b0 = c0; b0 < c1; b0 += block) {
      final int b1 = Math.min(c1, b0 + block);
      int j = 0;
      for (; j + 3 < len; j += 4) {
        final double v0 = v[j];
        final double v1 = v[j + 1];
        final double v2 = v[j + 2];
        final double v3 = v[j + 3];
        final double[] m0 = m[j];
        final double[] m1 = m[j + 1];
        final double[] m2 = m[j + 2];
        final double[] m3 = m[j + 3];
        for (int c = b0; c < b1; c++) {
          out[c] += v0 * m0[c] + v1 * m1[c] + v2 * m2[c] + v3 * m3[c];
        }
      }
      for (; j < len; j++) {
        final double vj = v[j];
        final double[] mj = m[j];
        for (int c = b0; c < b1; c++) {
          out[c] += vj * mj[c];
        }
      }
    }
  }
}
