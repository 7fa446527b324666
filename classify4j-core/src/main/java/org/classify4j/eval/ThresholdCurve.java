package org.classify4j.eval;

import java.util.Arrays;

/**
 * Precision, recall and F1 of "decide every item scoring ≥ t", for every distinct score t (highest
 * first); the precision–recall curve is (recall[i], precision[i]). Items are:
 *
 * <ul>
 *   <li>{@link #micro}: every (document, label) pair; positives are the gold pairs.
 *   <li>{@link #forLabel}: one label's column; positives are the documents carrying it.
 *   <li>{@link #topScore}: one item per document with gold labels, its highest score, positive
 *       when the highest-scored label is gold. Precision is then the accuracy on the documents
 *       kept and recall the fraction of all documents answered correctly: the curve of an abstain
 *       threshold on the top score.
 * </ul>
 *
 * Thresholds are exact float score values (so {@code DecisionRule.threshold(t)} reproduces a point).
 */
public final class ThresholdCurve {
  private final String name;
  private final double[] thresholds;
  private final long[] tp;
  private final long[] fp;
  private final long positives;

  private ThresholdCurve(String name, double[] thresholds, long[] tp, long[] fp, long positives) {
    this.name = name;
    this.thresholds = thresholds;
    this.tp = tp;
    this.fp = fp;
    this.positives = positives;
  }

  /**
   * The micro-averaged curve over all (document, label) pairs. Memory: 4 bytes per gold pair and
   * per non-gold pair scoring above 0 (zero scores are only counted).
   */
  public static ThresholdCurve micro(EvalData d) {
    long pos = 0;
    long nonZeroNeg = 0;
    int k = d.cols();
    for (int i = 0; i < d.size(); i++) {
      int[] g = d.goldRef(i);
      pos += g.length;
      for (int j = 0; j < k; j++) {
        if (d.score(i, j) > 0f && !Metrics.contains(g, j)) {
          nonZeroNeg++;
        }
      }
    }
    if (pos + nonZeroNeg > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "too many scored (document, label) pairs for a curve: " + (pos + nonZeroNeg));
    }
    float[] p = new float[(int) pos];
    float[] n = new float[(int) nonZeroNeg];
    long zeroNeg = (long) d.size() * k - pos - nonZeroNeg;
    int a = 0, b = 0;
    for (int i = 0; i < d.size(); i++) {
      int[] g = d.goldRef(i);
      for (int j = 0; j < k; j++) {
        float v = d.score(i, j);
        if (Metrics.contains(g, j)) {
          p[a++] = v;
        } else if (v > 0f) {
          n[b++] = v;
        }
      }
    }
    return build("micro", p, n, zeroNeg, pos);
  }

  /** The curve of label column j. */
  public static ThresholdCurve forLabel(EvalData d, int j) {
    float[] p = new float[d.size()];
    float[] n = new float[d.size()];
    int a = 0, b = 0;
    for (int i = 0; i < d.size(); i++) {
      if (Metrics.contains(d.goldRef(i), j)) {
        p[a++] = d.score(i, j);
      } else {
        n[b++] = d.score(i, j);
      }
    }
    return build(d.labels().name(j), Arrays.copyOf(p, a), Arrays.copyOf(n, b), 0, a);
  }

  /** The curve of a threshold on each document's highest score (abstain threshold). */
  public static ThresholdCurve topScore(EvalData d) {
    float[] p = new float[d.size()];
    float[] n = new float[d.size()];
    int a = 0, b = 0;
    int docs = 0;
    for (int i = 0; i < d.size(); i++) {
      int[] g = d.goldRef(i);
      if (g.length == 0 || d.cols() == 0) {
        continue;
      }
      docs++;
      int top = d.argmax(i);
      if (Metrics.contains(g, top)) {
        p[a++] = d.score(i, top);
      } else {
        n[b++] = d.score(i, top);
      }
    }
    return build("top_score", Arrays.copyOf(p, a), Arrays.copyOf(n, b), 0, docs);
  }

  /**
   * The curve of items whose scores are {@code pos} (positives) and {@code neg} (negatives), with
   * recall measured against {@code totalPositives} (at least pos.length).
   */
  public static ThresholdCurve of(String name, float[] pos, float[] neg, long totalPositives) {
    if (totalPositives < pos.length) {
      throw new IllegalArgumentException("totalPositives must be at least the number of positives");
    }
    return build(name, pos.clone(), neg.clone(), 0, totalPositives);
  }

  /** Sorts p and n in place; {@code zeroNeg} more negatives score exactly 0. */
  private static ThresholdCurve build(String name, float[] p, float[] n, long zeroNeg, long totalPositives) {
    if (zeroNeg > 0) {
      // the zero-scored negatives join the last point (threshold 0), whether or not a positive is 0
      float[] withZero = Arrays.copyOf(n, n.length + 1);
      withZero[n.length] = 0f;
      n = withZero;
    }
    Arrays.sort(p);
    Arrays.sort(n);
    int i = p.length - 1;
    int j = n.length - 1;
    // after sorting, the added zero sits at the first index holding 0 (ties with real zeros are
    // impossible: real zero-scored negatives are never in n when zeroNeg > 0)
    int zeroIndex = zeroNeg > 0 ? 0 : -1;
    int points = 0;
    double[] th = new double[p.length + n.length];
    long[] tps = new long[th.length];
    long[] fps = new long[th.length];
    long tp = 0, fp = 0;
    while (i >= 0 || j >= 0) {
      float t = Math.max(i >= 0 ? p[i] : Float.NEGATIVE_INFINITY, j >= 0 ? n[j] : Float.NEGATIVE_INFINITY);
      while (i >= 0 && p[i] == t) {
        tp++;
        i--;
      }
      while (j >= 0 && n[j] == t) {
        fp += (zeroNeg > 0 && t == 0f && j == zeroIndex) ? zeroNeg : 1;
        j--;
      }
      th[points] = t;
      tps[points] = tp;
      fps[points] = fp;
      points++;
    }
    return new ThresholdCurve(name, Arrays.copyOf(th, points), Arrays.copyOf(tps, points),
        Arrays.copyOf(fps, points), totalPositives);
  }

  public String name() {
    return name;
  }

  /** Number of points (distinct scores). */
  public int size() {
    return thresholds.length;
  }

  /** Thresholds, descending. */
  public double[] thresholds() {
    return thresholds.clone();
  }

  public double threshold(int i) {
    return thresholds[i];
  }

  public long tp(int i) {
    return tp[i];
  }

  public long fp(int i) {
    return fp[i];
  }

  public long positives() {
    return positives;
  }

  public double precision(int i) {
    return LabelStats.ratio(tp[i], tp[i] + fp[i]);
  }

  public double recall(int i) {
    return LabelStats.ratio(tp[i], positives);
  }

  public double f1(int i) {
    return LabelStats.ratio(2.0 * tp[i], tp[i] + fp[i] + positives);
  }

  public double[] precisions() {
    double[] o = new double[size()];
    for (int i = 0; i < o.length; i++) {
      o[i] = precision(i);
    }
    return o;
  }

  public double[] recalls() {
    double[] o = new double[size()];
    for (int i = 0; i < o.length; i++) {
      o[i] = recall(i);
    }
    return o;
  }

  public double[] f1s() {
    double[] o = new double[size()];
    for (int i = 0; i < o.length; i++) {
      o[i] = f1(i);
    }
    return o;
  }

  /** Index of the point with the highest F1 (the highest threshold among ties); -1 when empty. */
  public int bestF1Index() {
    int best = -1;
    double bv = -1;
    for (int i = 0; i < size(); i++) {
      if (f1(i) > bv) {
        bv = f1(i);
        best = i;
      }
    }
    return best;
  }

  /**
   * Average precision as scikit-learn defines it: Σ (R_i − R_{i−1}) · P_i over the points from the
   * highest threshold down (R_{−1} = 0); 0 when there are no positives.
   */
  public double averagePrecision() {
    double ap = 0;
    double prevR = 0;
    for (int i = 0; i < size(); i++) {
      double r = recall(i);
      ap += (r - prevR) * precision(i);
      prevR = r;
    }
    return ap;
  }
}
