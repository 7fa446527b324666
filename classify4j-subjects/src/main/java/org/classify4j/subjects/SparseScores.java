package org.classify4j.subjects;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.LabelSpace;

/** The scored labels of one document: columns and scores, unordered, every other label 0. */
final class SparseScores {
  final int[] cols;
  final float[] scores;

  SparseScores(int[] cols, float[] scores) {
    this.cols = cols;
    this.scores = scores;
  }

  static SparseScores of(Map<Integer, Float> m) {
    int[] c = new int[m.size()];
    float[] s = new float[m.size()];
    int k = 0;
    for (Map.Entry<Integer, Float> e : m.entrySet()) {
      c[k] = e.getKey();
      s[k] = e.getValue();
      k++;
    }
    return sortedByColumn(c, s);
  }

  static SparseScores sortedByColumn(int[] c, float[] s) {
    Integer[] order = new Integer[c.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(c[a], c[b]));
    int[] c2 = new int[c.length];
    float[] s2 = new float[c.length];
    for (int i = 0; i < order.length; i++) {
      c2[i] = c[order[i]];
      s2[i] = s[order[i]];
    }
    return new SparseScores(c2, s2);
  }

  /**
   * The n×k matrix of these rows. Multi-label: scores as they are (clipped to [0, 1]);
   * single-label: each row divided by its sum. A row with nothing scored (a text with no known
   * word) stays all zeros: no evidence is an abstention, not a uniform 1/k guess.
   */
  static ScoreMatrix matrix(LabelSpace classes, boolean multiLabel, List<SparseScores> rows) {
    int k = classes.size();
    float[] flat = new float[rows.size() * k];
    for (int i = 0; i < rows.size(); i++) {
      SparseScores r = rows.get(i);
      int base = i * k;
      double sum = 0;
      for (int j = 0; j < r.cols.length; j++) {
        float v = Math.max(0f, Math.min(1f, r.scores[j]));
        flat[base + r.cols[j]] = v;
        sum += v;
      }
      if (!multiLabel) {
        if (sum > 0) {
          for (int j = 0; j < k; j++) {
            flat[base + j] = (float) (flat[base + j] / sum);
          }
        }
      }
    }
    return ScoreMatrix.ofFlat(classes, rows.size(), flat);
  }
}
