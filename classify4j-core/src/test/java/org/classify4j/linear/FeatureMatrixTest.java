package org.classify4j.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureMatrixTest {

  static DenseFeatures randomDense(Random rnd, int n, int d, double density) {
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      if (rnd.nextDouble() < density) {
        x[i] = (float) rnd.nextGaussian();
      }
    }
    return new DenseFeatures(n, d, x);
  }

  @Test
  void denseAndSparseKernelsAgreeWithNaiveSums() {
    Random rnd = new Random(1);
    DenseFeatures dense = randomDense(rnd, 37, 11, 0.4);
    SparseFeatures sparse = SparseFeatures.of(dense);
    int k = 5;
    double[][] m = new double[11][k];
    for (double[] row : m) {
      for (int c = 0; c < k; c++) {
        row[c] = rnd.nextGaussian();
      }
    }
    double[] w = new double[3 + 11];
    for (int i = 0; i < w.length; i++) {
      w[i] = rnd.nextGaussian();
    }
    for (FeatureMatrix x : new FeatureMatrix[] {dense, sparse}) {
      double[][] out = new double[37][k];
      x.multiplyRows(0, 37, m, out);
      for (int i = 0; i < 37; i++) {
        double dot = 0;
        for (int j = 0; j < 11; j++) {
          dot += dense.get(i, j) * w[3 + j];
        }
        assertThat(x.dot(i, w, 3)).isCloseTo(dot, within(1e-9));
        for (int c = 0; c < k; c++) {
          double s = 0;
          for (int j = 0; j < 11; j++) {
            s += dense.get(i, j) * m[j][c];
          }
          assertThat(out[i][c]).isCloseTo(s, within(1e-9));
        }
        double[] g = new double[20];
        x.addScaled(i, 2.5, g, 4);
        for (int j = 0; j < 11; j++) {
          assertThat(g[4 + j]).isCloseTo(2.5 * dense.get(i, j), within(1e-9));
        }
      }
      double[][] part = new double[37][k];
      x.multiplyRows(3, 5, m, part);
      assertThat(part[2]).containsOnly(0.0);
      assertThat(part[3]).containsExactly(out[3]);
      assertThat(part[5]).containsOnly(0.0);
    }
  }

  @Test
  void rowRangesGiveTheSameBitsAsTheWholeMatrix() {
    Random rnd = new Random(2);
    DenseFeatures dense = randomDense(rnd, 300, 17, 1.0);
    int k = 7;
    double[][] m = new double[17][k];
    for (double[] row : m) {
      for (int c = 0; c < k; c++) {
        row[c] = rnd.nextGaussian();
      }
    }
    for (FeatureMatrix x : new FeatureMatrix[] {dense, SparseFeatures.of(dense)}) {
      double[][] whole = new double[300][k];
      x.multiplyRows(0, 300, m, whole);
      double[][] parts = new double[300][k];
      x.multiplyRows(0, 13, m, parts);
      x.multiplyRows(13, 250, m, parts);
      x.multiplyRows(250, 300, m, parts);
      for (int i = 0; i < 300; i++) {
        assertThat(parts[i]).containsExactly(whole[i]);
      }
    }
  }

  @Test
  void transposeAndSelectRows() {
    Random rnd = new Random(3);
    DenseFeatures dense = randomDense(rnd, 9, 4, 0.5);
    SparseFeatures sparse = SparseFeatures.of(dense);
    assertThat(sparse.toDense()).isEqualTo(dense);
    DenseFeatures dt = dense.transpose();
    SparseFeatures st = sparse.transpose();
    assertThat(dt.rows()).isEqualTo(4);
    assertThat(st.cols()).isEqualTo(9);
    for (int i = 0; i < 9; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(dt.get(j, i)).isEqualTo(dense.get(i, j));
        assertThat(st.get(j, i)).isEqualTo(dense.get(i, j));
      }
    }
    assertThat(st.toDense()).isEqualTo(dt);
    int[] pick = {8, 0, 8};
    assertThat(sparse.selectRows(pick).toDense()).isEqualTo(dense.selectRows(pick));
    assertThat(dense.selectRows(pick).row(0)).containsExactly(dense.row(8));
  }

  @Test
  void arraysAreCopiedAtTheBoundary() {
    float[] data = {1, 2, 3, 4};
    DenseFeatures d = new DenseFeatures(2, 2, data);
    data[0] = 99;
    assertThat(d.get(0, 0)).isEqualTo(1f);
    d.data()[1] = 99;
    assertThat(d.get(0, 1)).isEqualTo(2f);
    int[] ptr = {0, 1, 2};
    SparseFeatures s = new SparseFeatures(2, 3, ptr, new int[] {2, 0}, new float[] {5, 6});
    ptr[1] = 0;
    assertThat(s.get(0, 2)).isEqualTo(5f);
    assertThat(s.get(1, 0)).isEqualTo(6f);
    assertThat(s.get(1, 2)).isZero();
  }

  @Test
  void invalidShapesAndValuesAreRejected() {
    assertThatThrownBy(() -> new DenseFeatures(2, 2, new float[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x2");
    assertThatThrownBy(() -> new DenseFeatures(1, 2, new float[] {1, Float.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 1");
    assertThatThrownBy(() ->
        new SparseFeatures(1, 3, new int[] {0, 2}, new int[] {2, 1}, new float[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not increasing");
    assertThatThrownBy(() ->
        new SparseFeatures(1, 3, new int[] {0, 1}, new int[] {3}, new float[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    assertThatThrownBy(() ->
        new SparseFeatures(2, 3, new int[] {0, 1}, new int[] {0}, new float[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rowPtr");
  }
}
