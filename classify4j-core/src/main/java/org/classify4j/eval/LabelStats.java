package org.classify4j.eval;

/**
 * Per-label counts of an evaluation: true positives, false positives and false negatives of the
 * decided sets against the gold sets, with precision, recall and F1 derived from them.
 *
 * <p>Convention (scikit-learn's {@code zero_division=0}): any ratio whose denominator is 0 is 0.
 * So a label never predicted has precision 0, a label never in the gold data has recall 0, and its
 * F1 {@code 2tp / (2tp + fp + fn)} is 0 when it is neither predicted nor gold.
 */
public final class LabelStats {
  private final int[] tp;
  private final int[] fp;
  private final int[] fn;

  private LabelStats(int[] tp, int[] fp, int[] fn) {
    this.tp = tp;
    this.fp = fp;
    this.fn = fn;
  }

  public static LabelStats of(EvalData d) {
    int k = d.labels().size();
    int[] tp = new int[k];
    int[] fp = new int[k];
    int[] fn = new int[k];
    for (int i = 0; i < d.size(); i++) {
      int[] g = d.goldRef(i);
      int[] p = d.predRef(i);
      int a = 0;
      int b = 0;
      while (a < g.length || b < p.length) {
        if (b >= p.length || (a < g.length && g[a] < p[b])) {
          fn[g[a++]]++;
        } else if (a >= g.length || p[b] < g[a]) {
          fp[p[b++]]++;
        } else {
          tp[g[a]]++;
          a++;
          b++;
        }
      }
    }
    return new LabelStats(tp, fp, fn);
  }

  public int labels() {
    return tp.length;
  }

  public int tp(int j) {
    return tp[j];
  }

  public int fp(int j) {
    return fp[j];
  }

  public int fn(int j) {
    return fn[j];
  }

  /** Number of gold occurrences of label j. */
  public int support(int j) {
    return tp[j] + fn[j];
  }

  /** Whether label j occurs in the gold or the decided sets (the labels macro averages use). */
  public boolean present(int j) {
    return tp[j] + fn[j] + fp[j] > 0;
  }

  public double precision(int j) {
    return ratio(tp[j], tp[j] + fp[j]);
  }

  public double recall(int j) {
    return ratio(tp[j], tp[j] + fn[j]);
  }

  public double f1(int j) {
    return ratio(2.0 * tp[j], 2.0 * tp[j] + fp[j] + fn[j]);
  }

  public long totalTp() {
    return sum(tp);
  }

  public long totalFp() {
    return sum(fp);
  }

  public long totalFn() {
    return sum(fn);
  }

  private static long sum(int[] a) {
    long s = 0;
    for (int v : a) {
      s += v;
    }
    return s;
  }

  static double ratio(double num, double den) {
    return den == 0 ? 0.0 : num / den;
  }
}
