package org.classify4j.linear;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sparse feature matrix in compressed sparse row (CSR) form: the entries of row i are at
 * positions {@code rowPtr[i] .. rowPtr[i+1]} of {@code colIdx} and {@code values}, with strictly
 * increasing column indices. Arrays are copied in and out; values must be finite.
 */
public record SparseFeatures(int rows, int cols, int[] rowPtr, int[] colIdx, float[] values)
    implements FeatureMatrix {

  public SparseFeatures {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
    }
    Objects.requireNonNull(rowPtr, "rowPtr");
    Objects.requireNonNull(colIdx, "colIdx");
    Objects.requireNonNull(values, "values");
    if (rowPtr.length != rows + 1) {
      throw new IllegalArgumentException(
          "rowPtr has " + rowPtr.length + " entries, expected rows + 1 = " + (rows + 1));
    }
    if (colIdx.length != values.length) {
      throw new IllegalArgumentException(
          "colIdx has " + colIdx.length + " entries but values has " + values.length);
    }
    if (rowPtr[0] != 0 || rowPtr[rows] != values.length) {
      throw new IllegalArgumentException(
          "rowPtr must start at 0 and end at the number of entries (" + values.length + ")");
    }
    rowPtr = rowPtr.clone();
    colIdx = colIdx.clone();
    values = values.clone();
    for (int i = 0; i < rows; i++) {
      if (rowPtr[i + 1] < rowPtr[i]) {
        throw new IllegalArgumentException("rowPtr decreases at row " + i);
      }
      int prev = -1;
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        int c = colIdx[p];
        if (c <= prev || c >= cols) {
          throw new IllegalArgumentException(
              "row " + i + ": column " + c + " out of range or not increasing");
        }
        if (!Float.isFinite(values[p])) {
          throw new IllegalArgumentException("row " + i + ", column " + c + " is " + values[p]);
        }
        prev = c;
      }
    }
  }

  /** A sparse copy of a dense matrix (zeros dropped). */
  public static SparseFeatures of(DenseFeatures dense) {
    int n = dense.rows();
    int d = dense.cols();
    float[] x = dense.data();
    int nnz = 0;
    for (float v : x) {
      if (v != 0) {
        nnz++;
      }
    }
    int[] ptr = new int[n + 1];
    int[] idx = new int[nnz];
    float[] val = new float[nnz];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        float v = x[i * d + j];
        if (v != 0) {
          idx[p] = j;
          val[p++] = v;
        }
      }
      ptr[i + 1] = p;
    }
    return new SparseFeatures(n, d, ptr, idx, val);
  }

  @Override
  public int[] rowPtr() {
    return rowPtr.clone();
  }

  @Override
  public int[] colIdx() {
    return colIdx.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /** A dense copy (for small matrices and tests). */
  public DenseFeatures toDense() {
    float[] d = new float[Math.multiplyExact(rows, cols)];
    for (int i = 0; i < rows; i++) {
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        d[i * cols + colIdx[p]] = values[p];
      }
    }
    return new DenseFeatures(rows, cols, d);
  }

  @Override
  public float get(int row, int col) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(col, cols);
    int p = Arrays.binarySearch(colIdx, rowPtr[row], rowPtr[row + 1], col);
    return p >= 0 ? values[p] : 0f;
  }

  @Override
  public long storedEntries() {
    return values.length;
  }

  @Override
  public double dot(int row, double[] w, int offset) {
    double s = 0;
    for (int p = rowPtr[row], e = rowPtr[row + 1]; p < e; p++) {
      s += values[p] * w[offset + colIdx[p]];
    }
    return s;
  }

  @Override
  public void addScaled(int row, double a, double[] g, int offset) {
    for (int p = rowPtr[row], e = rowPtr[row + 1]; p < e; p++) {
      g[offset + colIdx[p]] += a * values[p];
    }
  }

  @Override
  public void multiplyRows(int r0, int r1, double[][] m, double[][] out) {
    Objects.checkFromToIndex(r0, r1, rows);
    if (m.length != cols) {
      throw new IllegalArgumentException("m has " + m.length + " rows, expected " + cols);
    }
    for (int i = r0; i < r1; i++) {
      final double[] o = out[i];
      final int k = o.length;
      int p = rowPtr[i];
      final int e = rowPtr[i + 1];
      // four entries at a time: one load and store of the output per four multiply-adds
      for (; p + 3 < e; p += 4) {
        final double v0 = values[p];
        final double v1 = values[p + 1];
        final double v2 = values[p + 2];
        final double v3 = values[p + 3];
        final double[] m0 = m[colIdx[p]];
        final double[] m1 = m[colIdx[p + 1]];
        final double[] m2 = m[colIdx[p + 2]];
        final double[] m3 = m[colIdx[p + 3]];
        for (int c = 0; c < k; c++) {
          o[c] += v0 * m0[c] + v1 * m1[c] + v2 * m2[c] + v3 * m3[c];
        }
      }
      for (; p < e; p++) {
        final double v = values[p];
        final double[] mj = m[colIdx[p]];
        for (int c = 0; c < k; c++) {
          o[c] += v * mj[c];
        }
      }
    }
  }

  @Override
  public SparseFeatures transpose() {
    int[] ptr = new int[cols + 1];
    for (int c : colIdx) {
      ptr[c + 1]++;
    }
    for (int j = 0; j < cols; j++) {
      ptr[j + 1] += ptr[j];
    }
    int[] next = Arrays.copyOf(ptr, cols);
    int[] idx = new int[values.length];
    float[] val = new float[values.length];
    for (int i = 0; i < rows; i++) {
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        int q = next[colIdx[p]]++;
        idx[q] = i;
        val[q] = values[p];
      }
    }
    return new SparseFeatures(cols, rows, ptr, idx, val);
  }

  @Override
  public SparseFeatures selectRows(int[] positions) {
    int[] ptr = new int[positions.length + 1];
    long nnz = 0;
    for (int r = 0; r < positions.length; r++) {
      Objects.checkIndex(positions[r], rows);
      nnz += rowPtr[positions[r] + 1] - rowPtr[positions[r]];
    }
    int[] idx = new int[Math.toIntExact(nnz)];
    float[] val = new float[idx.length];
    int p = 0;
    for (int r = 0; r < positions.length; r++) {
      int s = rowPtr[positions[r]];
      int len = rowPtr[positions[r] + 1] - s;
      System.arraycopy(colIdx, s, idx, p, len);
      System.arraycopy(values, s, val, p, len);
      p += len;
      ptr[r + 1] = p;
    }
    return new SparseFeatures(positions.length, cols, ptr, idx, val);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseFeatures f
        && f.rows == rows
        && f.cols == cols
        && Arrays.equals(f.rowPtr, rowPtr)
        && Arrays.equals(f.colIdx, colIdx)
        && Arrays.equals(f.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, cols, Arrays.hashCode(rowPtr), Arrays.hashCode(colIdx),
        Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "SparseFeatures[" + rows + "x" + cols + ", " + values.length + " entries]";
  }
}
