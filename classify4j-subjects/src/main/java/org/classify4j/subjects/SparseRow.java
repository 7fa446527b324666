package org.classify4j.subjects;

/** A sparse vector: sorted feature indices and their values (internal, arrays not copied). */
final class SparseRow {
  final int[] idx;
  final float[] val;

  SparseRow(int[] idx, float[] val) {
    this.idx = idx;
    this.val = val;
  }

  int size() {
    return idx.length;
  }

  double dot(float[] dense) {
    double s = 0;
    for (int i = 0; i < idx.length; i++) {
      s += val[i] * dense[idx[i]];
    }
    return s;
  }

  double squaredNorm() {
    double s = 0;
    for (float v : val) {
      s += (double) v * v;
    }
    return s;
  }
}
