package org.classify4j.linear;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense row-major feature matrix: {@code data[i * cols + j]} is row i, column j. The array is
 * copied in and out; values must be finite.
 */
public record DenseFeatures(int rows, int cols, float[] data) implements FeatureMatrix {

  public DenseFeatures {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
    }
    Objects.requireNonNull(data, "data");
    if ((long) rows * cols != data.length) {
      throw new IllegalArgumentException(
          "shape " + rows + "x" + cols + " needs " + (long) rows * cols + " values, got "
              + data.length);
    }
    data = data.clone();
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        throw new IllegalArgumentException(
            "value at row " + i / cols + ", column " + i % cols + " is " + data[i]);
      }
    }
  }

  /** A matrix from rows of equal length (copied); {@code cols} is needed when there are no rows. */
  public static DenseFeatures of(float[][] rows, int cols) {
    float[] d = new float[Math.multiplyExact(rows.length, cols)];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " values, expected " + cols);
      }
      System.arraycopy(rows[i], 0, d, i * cols, cols);
    }
    return new DenseFeatures(rows.length, cols, d);
  }

  /** A matrix from at least one row; the width is the first row's. */
  public static DenseFeatures of(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no rows: use of(rows, cols) to give the width");
    }
    return of(rows, rows[0].length);
  }

  /** A copy of the values. */
  @Override
  public float[] data() {
    return data.clone();
  }

  /** A copy of row i. */
  public float[] row(int i) {
    Objects.checkIndex(i, rows);
    return Arrays.copyOfRange(data, i * cols, i * cols + cols);
  }

  @Override
  public float get(int row, int col) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(col, cols);
    return data[row * cols + col];
  }

  @Override
  public long storedEntries() {
    return data.length;
  }

  @Override
  public double dot(int row, double[] w, int offset) {
    final float[] x = data;
    final int d = cols;
    final int base = row * d;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (; j + 3 < d; j += 4) {
      s0 += x[base + j] * w[offset + j];
      s1 += x[base + j + 1] * w[offset + j + 1];
      s2 += x[base + j + 2] * w[offset + j + 2];
      s3 += x[base + j + 3] * w[offset + j + 3];
    }
    for (; j < d; j++) {
      s0 += x[base + j] * w[offset + j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void addScaled(int row, double a, double[] g, int offset) {
    final float[] x = data;
    final int d = cols;
    final int base = row * d;
    for (int j = 0; j < d; j++) {
      g[offset + j] += a * x[base + j];
    }
  }

  @Override
  public void multiplyRows(int r0, int r1, double[][] m, double[][] out) {
    Objects.checkFromToIndex(r0, r1, rows);
    if (m.length != cols) {
      throw new IllegalArgumentException("m has " + m.length + " rows, expected " + cols);
    }
    if (r0 == r1 || cols == 0) {
      return;
    }
    final float[] x = data;
    final int d = cols;
    final int k = out[r0].length;
    // blocks of rows whose outputs stay in the L1 cache while M streams through once per block
    final int block = Math.max(1, 2048 / Math.max(1, k));
    for (int b0 = r0; b0 < r1; b0 += block) {
      final int b1 = Math.min(r1, b0 + block);
      int j = 0;
      // four features at a time: one load and store of the output per four multiply-adds
      for (; j + 3 < d; j += 4) {
        final double[] m0 = m[j];
        final double[] m1 = m[j + 1];
        final double[] m2 = m[j + 2];
        final double[] m3 = m[j + 3];
        for (int i = b0; i < b1; i++) {
          final int xb = i * d + j;
          final double v0 = x[xb];
          final double v1 = x[xb + 1];
          final double v2 = x[xb + 2];
          final double v3 = x[xb + 3];
          final double[] o = out[i];
          for (int c = 0; c < k; c++) {
            o[c] += v0 * m0[c] + v1 * m1[c] + v2 * m2[c] + v3 * m3[c];
          }
        }
      }
      for (; j < d; j++) {
        final double[] mj = m[j];
        for (int i = b0; i < b1; i++) {
          final double v = x[i * d + j];
          final double[] o = out[i];
          for (int c = 0; c < k; c++) {
            o[c] += v * mj[c];
          }
        }
      }
    }
  }

  @Override
  public DenseFeatures transpose() {
    float[] t = new float[data.length];
    final int block = 64;
    for (int i0 = 0; i0 < rows; i0 += block) {
      for (int j0 = 0; j0 < cols; j0 += block) {
        for (int i = i0; i < Math.min(rows, i0 + block); i++) {
          for (int j = j0; j < Math.min(cols, j0 + block); j++) {
            t[j * rows + i] = data[i * cols + j];
          }
        }
      }
    }
    return new DenseFeatures(cols, rows, t);
  }

  @Override
  public DenseFeatures selectRows(int[] positions) {
    float[] d = new float[Math.multiplyExact(positions.length, cols)];
    for (int r = 0; r < positions.length; r++) {
      Objects.checkIndex(positions[r], rows);
      System.arraycopy(data, positions[r] * cols, d, r * cols, cols);
    }
    return new DenseFeatures(positions.length, cols, d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenseFeatures f
        && f.rows == rows
        && f.cols == cols
        && Arrays.equals(f.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "DenseFeatures[" + rows + "x" + cols + "]";
  }
}
