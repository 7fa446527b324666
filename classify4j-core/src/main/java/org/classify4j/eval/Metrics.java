package org.classify4j.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Classification metrics over an {@link EvalData}. Conventions, for all of them:
 *
 * <ul>
 *   <li>A ratio whose denominator is 0 is 0 (scikit-learn's {@code zero_division=0}); see {@link
 *       LabelStats} and {@link Average}. An empty evaluation gives 0 for every metric.
 *   <li>Set metrics use the decided label sets; an abstained document has an empty set and is
 *       never correct. {@code accuracy} is the fraction of documents whose decided set equals the
 *       gold set: top-1 accuracy for single-label data, subset accuracy for multi-label data (as in
 *       scikit-learn).
 *   <li>Ranking metrics (P@k, R@k, F1@k, NDCG) use the scores: labels ranked by descending score,
 *       ties broken by label-space order. Like Annif, P@k, R@k and F1@k only consider labels with a
 *       score above 0, and P@k divides by min(k, number of such labels).
 *   <li>Documents without gold labels are included everywhere (their NDCG and R@k are 0).
 *   <li>Hierarchical metrics, computed only when the labels form a tree ({@link
 *       org.classify4j.data.LabelSpace#hasHierarchy()}): precision, recall and F1 of Kiritchenko
 *       et al. (2005), micro-averaged over documents after adding every ancestor to both the gold
 *       and the decided sets; {@code top_level_accuracy} compares the sets of roots above them
 *       (the coarse label a fine decision implies).
 * </ul>
 */
public final class Metrics {
  private Metrics() {}

  // ---------------------------------------------------------------- set metrics

  /** Fraction of documents whose decided set equals the gold set (abstained: wrong). */
  public static double accuracy(EvalData d) {
    int ok = 0;
    for (int i = 0; i < d.size(); i++) {
      if (!d.abstained(i) && java.util.Arrays.equals(d.goldRef(i), d.predRef(i))) {
        ok++;
      }
    }
    return LabelStats.ratio(ok, d.size());
  }

  /** Same as {@link #accuracy(EvalData)}: exact match of the whole label set. */
  public static double subsetAccuracy(EvalData d) {
    return accuracy(d);
  }

  /** Per-label precision, recall and F1 of label column j. */
  public static Prf perLabel(EvalData d, int j) {
    LabelStats s = LabelStats.of(d);
    return new Prf(s.precision(j), s.recall(j), s.f1(j));
  }

  /** Averaged precision, recall and F1. */
  public static Prf average(EvalData d, Average avg) {
    return average(d, LabelStats.of(d), avg);
  }

  static Prf average(EvalData d, LabelStats s, Average avg) {
    switch (avg) {
      case MICRO: {
        long tp = s.totalTp();
        long fp = s.totalFp();
        long fn = s.totalFn();
        return new Prf(
            LabelStats.ratio(tp, tp + fp),
            LabelStats.ratio(tp, tp + fn),
            LabelStats.ratio(2.0 * tp, 2.0 * tp + fp + fn));
      }
      case MACRO: {
        double p = 0, r = 0, f = 0;
        int m = 0;
        for (int j = 0; j < s.labels(); j++) {
          if (s.present(j)) {
            p += s.precision(j);
            r += s.recall(j);
            f += s.f1(j);
            m++;
          }
        }
        return new Prf(LabelStats.ratio(p, m), LabelStats.ratio(r, m), LabelStats.ratio(f, m));
      }
      case WEIGHTED: {
        double p = 0, r = 0, f = 0;
        long w = 0;
        for (int j = 0; j < s.labels(); j++) {
          int sup = s.support(j);
          p += sup * s.precision(j);
          r += sup * s.recall(j);
          f += sup * s.f1(j);
          w += sup;
        }
        return new Prf(LabelStats.ratio(p, w), LabelStats.ratio(r, w), LabelStats.ratio(f, w));
      }
      case SAMPLES: {
        double p = 0, r = 0, f = 0;
        for (int i = 0; i < d.size(); i++) {
          int[] g = d.goldRef(i);
          int[] pr = d.predRef(i);
          int tp = intersection(g, pr);
          p += LabelStats.ratio(tp, pr.length);
          r += LabelStats.ratio(tp, g.length);
          f += LabelStats.ratio(2.0 * tp, g.length + pr.length);
        }
        int n = d.size();
        return new Prf(LabelStats.ratio(p, n), LabelStats.ratio(r, n), LabelStats.ratio(f, n));
      }
      default:
        throw new IllegalArgumentException(String.valueOf(avg));
    }
  }

  // ---------------------------------------------------------------- hierarchical metrics

  /**
   * Hierarchical precision, recall and F1 (Kiritchenko et al.): both sets of each document extended
   * with their labels' ancestors, then Σ|P̂∩Ĝ| / Σ|P̂|, Σ|P̂∩Ĝ| / Σ|Ĝ| and their harmonic mean. On
   * a flat label space they equal the micro averages. Abstained documents have an empty set.
   */
  public static Prf hierarchical(EvalData d) {
    org.classify4j.data.LabelTree tree = d.labels().tree();
    long inter = 0;
    long pred = 0;
    long gold = 0;
    for (int i = 0; i < d.size(); i++) {
      int[] g = tree.withAncestors(d.goldRef(i));
      int[] p = tree.withAncestors(d.predRef(i));
      inter += intersection(g, p);
      pred += p.length;
      gold += g.length;
    }
    double hp = LabelStats.ratio(inter, pred);
    double hr = LabelStats.ratio(inter, gold);
    return new Prf(hp, hr, LabelStats.ratio(2.0 * inter, pred + gold));
  }

  /**
   * Fraction of documents whose decided labels lie under the same roots as the gold labels: the
   * coarse-level accuracy a fine-level model implies (abstained: wrong).
   */
  public static double topLevelAccuracy(EvalData d) {
    org.classify4j.data.LabelTree tree = d.labels().tree();
    int ok = 0;
    for (int i = 0; i < d.size(); i++) {
      if (!d.abstained(i)
          && java.util.Arrays.equals(tree.rootsOf(d.goldRef(i)), tree.rootsOf(d.predRef(i)))) {
        ok++;
      }
    }
    return LabelStats.ratio(ok, d.size());
  }

  /** The names of the metrics that {@link #all} computes only over a label hierarchy. */
  public static final List<String> HIERARCHICAL = List.of("hierarchical_precision",
      "hierarchical_recall", "hierarchical_f1", "top_level_accuracy");

  public static double microF1(EvalData d) {
    return average(d, Average.MICRO).f1();
  }

  public static double macroF1(EvalData d) {
    return average(d, Average.MACRO).f1();
  }

  public static double weightedF1(EvalData d) {
    return average(d, Average.WEIGHTED).f1();
  }

  public static double samplesF1(EvalData d) {
    return average(d, Average.SAMPLES).f1();
  }

  /** Fraction of wrong (document, label) decisions: Σ|decided Δ gold| / (n·k). */
  public static double hammingLoss(EvalData d) {
    long wrong = 0;
    for (int i = 0; i < d.size(); i++) {
      int[] g = d.goldRef(i);
      int[] p = d.predRef(i);
      wrong += g.length + p.length - 2L * intersection(g, p);
    }
    return LabelStats.ratio(wrong, (double) d.size() * d.labels().size());
  }

  /** Mean over documents of |decided ∩ gold| / |decided ∪ gold| (0 when both are empty). */
  public static double jaccard(EvalData d) {
    double s = 0;
    for (int i = 0; i < d.size(); i++) {
      int[] g = d.goldRef(i);
      int[] p = d.predRef(i);
      int inter = intersection(g, p);
      s += LabelStats.ratio(inter, g.length + p.length - inter);
    }
    return LabelStats.ratio(s, d.size());
  }

  // ------------------------------------------------------------- ranking metrics

  static boolean contains(int[] sorted, int v) {
    return java.util.Arrays.binarySearch(sorted, v) >= 0;
  }

  /** Gold labels of row i among the k best labels that score above 0. */
  private static int hitsAtK(EvalData d, int i, int k) {
    int[] g = d.goldRef(i);
    int[] ranks = d.goldRanks(i);
    int h = 0;
    for (int x = 0; x < g.length; x++) {
      if (ranks[x] < k && d.score(i, g[x]) > 0f) {
        h++;
      }
    }
    return h;
  }

  /** Precision at k: mean over documents of (gold labels among the top k) / min(k, positive). */
  public static double precisionAtK(EvalData d, int k) {
    double s = 0;
    for (int i = 0; i < d.size(); i++) {
      s += LabelStats.ratio(hitsAtK(d, i, k), Math.min(k, d.positives(i)));
    }
    return LabelStats.ratio(s, d.size());
  }

  /** Recall at k: mean over documents of (gold labels among the top k) / |gold|. */
  public static double recallAtK(EvalData d, int k) {
    double s = 0;
    for (int i = 0; i < d.size(); i++) {
      s += LabelStats.ratio(hitsAtK(d, i, k), d.goldRef(i).length);
    }
    return LabelStats.ratio(s, d.size());
  }

  /**
   * F1 at k (Annif's F1@5 for k = 5): samples-averaged F1 of the top k labels with a score above 0
   * against the gold set.
   */
  public static double f1AtK(EvalData d, int k) {
    double s = 0;
    for (int i = 0; i < d.size(); i++) {
      int decided = Math.min(k, d.positives(i));
      s += LabelStats.ratio(2.0 * hitsAtK(d, i, k), d.goldRef(i).length + decided);
    }
    return LabelStats.ratio(s, d.size());
  }

  /**
   * NDCG at k with binary relevance: DCG = Σ_{r=1..k} rel_r / log2(r + 1) over the k best labels,
   * divided by the ideal DCG Σ_{r=1..min(k,|gold|)} 1 / log2(r + 1); 0 for documents without gold
   * labels. Averaged over documents.
   */
  public static double ndcgAtK(EvalData d, int k) {
    double s = 0;
    for (int i = 0; i < d.size(); i++) {
      int[] g = d.goldRef(i);
      if (g.length == 0) {
        continue;
      }
      double dcg = 0;
      for (int rank : d.goldRanks(i)) {
        if (rank < k) {
          dcg += 1.0 / log2(rank + 2);
        }
      }
      double idcg = 0;
      for (int r = 0; r < Math.min(k, g.length); r++) {
        idcg += 1.0 / log2(r + 2);
      }
      s += dcg / idcg;
    }
    return LabelStats.ratio(s, d.size());
  }

  /** NDCG over the full ranking of all labels. */
  public static double ndcg(EvalData d) {
    return ndcgAtK(d, Math.max(1, d.labels().size()));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  // ------------------------------------------------------------------ agreement

  /** Confusion matrix of single-label data. */
  public static ConfusionMatrix confusionMatrix(EvalData d) {
    return ConfusionMatrix.of(d);
  }

  /**
   * Cohen's kappa: (p_o − p_e) / (1 − p_e). Single-label data: over the documents that have a gold
   * label and a decided label (abstentions and empty decisions are left out). Multi-label data:
   * over all n·k binary (document, label) decisions. 0 when 1 − p_e is 0.
   */
  public static double kappa(EvalData d) {
    if (!d.multiLabel()) {
      ConfusionMatrix cm = ConfusionMatrix.of(d);
      int k = cm.size();
      long n = 0;
      long agree = 0;
      long[] rows = new long[k];
      long[] cols = new long[k];
      for (long[] cell : cm.cells()) {
        n += cell[2];
        rows[(int) cell[0]] += cell[2];
        cols[(int) cell[1]] += cell[2];
        if (cell[0] == cell[1]) {
          agree += cell[2];
        }
      }
      if (n == 0) {
        return 0;
      }
      double po = (double) agree / n;
      double pe = 0;
      for (int a = 0; a < k; a++) {
        pe += (double) rows[a] * cols[a] / ((double) n * n);
      }
      return LabelStats.ratio(po - pe, 1 - pe);
    }
    long n = (long) d.size() * d.labels().size();
    if (n == 0) {
      return 0;
    }
    LabelStats s = LabelStats.of(d);
    double tp = s.totalTp();
    double fp = s.totalFp();
    double fn = s.totalFn();
    double tn = n - tp - fp - fn;
    double po = (tp + tn) / n;
    double pe = ((tp + fn) * (tp + fp) + (tn + fp) * (tn + fn)) / ((double) n * n);
    return LabelStats.ratio(po - pe, 1 - pe);
  }

  // ----------------------------------------------------------- probabilistic

  static final double EPS = 1e-15;

  /**
   * Log-loss (cross-entropy, natural log), scores clipped to [1e-15, 1 − 1e-15]. Single-label: mean
   * of −ln p(gold) over documents with a gold label, rows renormalized to sum to 1 (as
   * scikit-learn does). Multi-label: mean binary cross-entropy over all (document, label) pairs.
   */
  public static double logLoss(EvalData d) {
    int k = d.cols();
    double total = 0;
    long m = 0;
    for (int i = 0; i < d.size(); i++) {
      int[] g = d.goldRef(i);
      if (!d.multiLabel()) {
        if (g.length == 0) {
          continue;
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
          sum += d.score(i, j);
        }
        double p = sum > 0 ? d.score(i, g[0]) / sum : 0;
        total += -Math.log(clip(p));
        m++;
      } else {
        for (int j = 0; j < k; j++) {
          double p = clip(d.score(i, j));
          total += contains(g, j) ? -Math.log(p) : -Math.log(1 - p);
          m++;
        }
      }
    }
    return LabelStats.ratio(total, m);
  }

  private static double clip(double p) {
    return Math.min(1 - EPS, Math.max(EPS, p));
  }

  /** Expected calibration error with 10 equal-width bins; see {@link Calibration}. */
  public static double expectedCalibrationError(EvalData d) {
    return Calibration.of(d, 10).ece();
  }

  // ---------------------------------------------------------------- abstention

  /** Fraction of documents not abstained on. */
  public static double coverage(EvalData d) {
    return LabelStats.ratio(d.size() - d.abstentions(), d.size());
  }

  /** Accuracy (exact set match) over the documents not abstained on; 0 when all abstained. */
  public static double accuracyOnCovered(EvalData d) {
    int ok = 0;
    int covered = 0;
    for (int i = 0; i < d.size(); i++) {
      if (!d.abstained(i)) {
        covered++;
        if (java.util.Arrays.equals(d.goldRef(i), d.predRef(i))) {
          ok++;
        }
      }
    }
    return LabelStats.ratio(ok, covered);
  }

  static int intersection(int[] a, int[] b) {
    int x = 0, y = 0, c = 0;
    while (x < a.length && y < b.length) {
      if (a[x] < b[y]) {
        x++;
      } else if (a[x] > b[y]) {
        y++;
      } else {
        c++;
        x++;
        y++;
      }
    }
    return c;
  }

  // ------------------------------------------------------------------ registry

  record Named(String name, boolean higherIsBetter, ToDoubleFunction<EvalData> f)
      implements Metric {
    @Override
    public double compute(EvalData data) {
      return f.applyAsDouble(data);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final Map<String, Metric> REGISTRY = registry();

  private static Map<String, Metric> registry() {
    Map<String, Metric> m = new LinkedHashMap<>();
    List<Metric> all = new ArrayList<>();
    all.add(Metric.of("accuracy", true, Metrics::accuracy));
    all.add(Metric.of("macro_f1", true, Metrics::macroF1));
    all.add(Metric.of("micro_f1", true, Metrics::microF1));
    all.add(Metric.of("weighted_f1", true, Metrics::weightedF1));
    all.add(Metric.of("samples_f1", true, Metrics::samplesF1));
    all.add(Metric.of("subset_accuracy", true, Metrics::subsetAccuracy));
    all.add(Metric.of("hamming_loss", false, Metrics::hammingLoss));
    all.add(Metric.of("jaccard", true, Metrics::jaccard));
    all.add(Metric.of("f1_at_5", true, d -> f1AtK(d, 5)));
    all.add(Metric.of("ndcg", true, Metrics::ndcg));
    all.add(Metric.of("ndcg_at_5", true, d -> ndcgAtK(d, 5)));
    all.add(Metric.of("ndcg_at_10", true, d -> ndcgAtK(d, 10)));
    all.add(Metric.of("p_at_1", true, d -> precisionAtK(d, 1)));
    all.add(Metric.of("p_at_3", true, d -> precisionAtK(d, 3)));
    all.add(Metric.of("p_at_5", true, d -> precisionAtK(d, 5)));
    all.add(Metric.of("kappa", true, Metrics::kappa));
    all.add(Metric.of("log_loss", false, Metrics::logLoss));
    all.add(Metric.of("ece", false, Metrics::expectedCalibrationError));
    all.add(Metric.of("coverage", true, Metrics::coverage));
    all.add(Metric.of("hierarchical_precision", true, d -> hierarchical(d).precision()));
    all.add(Metric.of("hierarchical_recall", true, d -> hierarchical(d).recall()));
    all.add(Metric.of("hierarchical_f1", true, d -> hierarchical(d).f1()));
    all.add(Metric.of("top_level_accuracy", true, Metrics::topLevelAccuracy));
    for (Metric x : all) {
      m.put(x.name(), x);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The metric with this name (see {@link #names()}), or empty. */
  public static Optional<Metric> find(String name) {
    return Optional.ofNullable(REGISTRY.get(name));
  }

  /** The metric with this name; fails listing the known names when there is none. */
  public static Metric byName(String name) {
    Metric m = REGISTRY.get(name);
    if (m == null) {
      throw new IllegalArgumentException(
          "unknown metric '" + name + "'; known: " + String.join(", ", REGISTRY.keySet()));
    }
    return m;
  }

  /** All registered names, in a stable order. */
  public static List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /**
   * Every registered metric computed on {@code d}, in {@link #names()} order; the {@link
   * #HIERARCHICAL} ones only when the labels form a hierarchy.
   */
  public static Map<String, Double> all(EvalData d) {
    Map<String, Double> out = new LinkedHashMap<>();
    boolean tree = d.labels().hasHierarchy();
    REGISTRY.forEach((k, v) -> {
      if (tree || !HIERARCHICAL.contains(k)) {
        out.put(k, v.compute(d));
      }
    });
    return out;
  }
}
