package org.classify4j.linear;

/**
 * An n×d matrix of features, one row per example: dense ({@link DenseFeatures}, such as
 * embeddings) or sparse ({@link SparseFeatures}, such as TF-IDF). Immutable.
 *
 * <p>Besides shape and element access it offers the few kernels linear models need, all reading
 * row {@code row} of this matrix and a caller's double array:
 *
 * <ul>
 *   <li>{@link #dot}: x·w for a weight vector stored at {@code w[offset .. offset + cols)};
 *   <li>{@link #addScaled}: g += a·x, into the same kind of vector;
 *   <li>{@link #multiplyRows}: Z += X[r0:r1] · M for a cols×k matrix M (the scores of all
 *       classes of a multinomial model at once; on {@link #transpose()} it gives Xᵀ·R, the
 *       gradient).
 * </ul>
 *
 * <p>Each output element is summed in a fixed order, whatever the row range asked for, so work
 * split over threads by rows gives bit-identical results.
 */
public sealed interface FeatureMatrix permits DenseFeatures, SparseFeatures {

  /** Number of rows (examples). */
  int rows();

  /** Number of columns (features). */
  int cols();

  /** The element at (row, col). */
  float get(int row, int col);

  /** Stored (non-zero for sparse) entries: rows·cols for dense. */
  long storedEntries();

  /** {@code sum_j x[row][j] * w[offset + j]}. */
  double dot(int row, double[] w, int offset);

  /** {@code g[offset + j] += a * x[row][j]} for every column j. */
  void addScaled(int row, double a, double[] g, int offset);

  /**
   * {@code out[i][c] += sum_j x[i][j] * m[j][c]} for rows {@code r0 <= i < r1} and every column c
   * of the output rows: X[r0:r1]·M for a cols×k matrix M given as rows. {@code m} has
   * {@link #cols()} rows and {@code out} at least {@code r1} rows, all of one length k (out rows
   * outside [r0, r1) are not touched). Rows as separate arrays let the JIT vectorize the loop over
   * k.
   */
  void multiplyRows(int r0, int r1, double[][] m, double[][] out);

  /** The transpose (cols×rows), of the same kind. */
  FeatureMatrix transpose();

  /** The rows at these positions, in this order (same kind of matrix). */
  FeatureMatrix selectRows(int[] positions);
}
