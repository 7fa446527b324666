package org.classify4j.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.classify.ScoredLabel;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;

/**
 * What every metric is computed from: for n documents over one {@link LabelSpace}, the gold label
 * sets, the scores (an n×k {@link ScoreMatrix}) and the decided label sets (from a {@link
 * DecisionRule} or given {@link Prediction}s, abstentions included). Immutable.
 *
 * <p>Scores feed the ranking metrics (P@k, NDCG, …), calibration, log-loss and curves; the decided
 * sets feed the set metrics (accuracy, F1, Hamming loss, …). When no rule is given the default rule
 * of {@link org.classify4j.classify.ClassifierModel#defaultRule()} is used: argmax for single-label
 * data, threshold 0.5 for multi-label data.
 */
public final class EvalData {
  private final ScoreMatrix base; // the scores; row i of this evaluation is base row rowOf(i)
  private final int[] rowMap; // null: identity
  private final boolean multiLabel;
  private final int[][] gold; // sorted, distinct column indices
  private final int[][] predicted; // sorted, distinct column indices
  private final boolean[] abstained;
  private final Ranks ranks; // lazily computed, shared by evaluations over the same rows and gold
  private volatile ScoreMatrix scores; // materialized view of base through rowMap

  /**
   * Per row: the number of labels scoring above 0 and the rank (0 = best; ties by label order) of
   * each gold label. Lets every ranking metric run without sorting rows.
   */
  static final class Ranks {
    volatile int[] positives;
    volatile int[][] goldRanks;
  }

  private EvalData(
      ScoreMatrix base,
      int[] rowMap,
      boolean multiLabel,
      int[][] gold,
      int[][] predicted,
      boolean[] abstained,
      Ranks ranks) {
    this.base = base;
    this.rowMap = rowMap;
    this.multiLabel = multiLabel;
    this.gold = gold;
    this.predicted = predicted;
    this.abstained = abstained;
    this.ranks = ranks;
    this.scores = rowMap == null ? base : null;
  }

  /** Gold labels of {@code gold}, scores, and decisions by the default rule. */
  public static EvalData of(Dataset gold, ScoreMatrix scores) {
    return of(gold, scores, defaultRule(gold.multiLabel()));
  }

  /** Gold labels of {@code gold}, scores, and decisions by {@code rule} applied to the scores. */
  public static EvalData of(Dataset gold, ScoreMatrix scores, DecisionRule rule) {
    return of(gold, scores, rule.decideAll(scores));
  }

  /** Gold labels of {@code gold}, scores, and the given decisions (one per row). */
  public static EvalData of(Dataset gold, ScoreMatrix scores, List<Prediction> predictions) {
    List<List<String>> g = new ArrayList<>(gold.size());
    for (int i = 0; i < gold.size(); i++) {
      g.add(gold.get(i).labels());
    }
    return of(scores, g, predictions, gold.multiLabel());
  }

  /**
   * The general factory: gold label names per row (each in {@code scores.classes()}), the scores,
   * the decisions (one per row), and whether documents may carry several labels.
   */
  public static EvalData of(
      ScoreMatrix scores,
      List<? extends Collection<String>> gold,
      List<Prediction> predictions,
      boolean multiLabel) {
    Objects.requireNonNull(scores, "scores");
    int n = scores.rows();
    if (gold.size() != n) {
      throw new IllegalArgumentException(
          "gold has " + gold.size() + " rows but the scores have " + n);
    }
    LabelSpace space = scores.classes();
    int[][] g = new int[n][];
    for (int i = 0; i < n; i++) {
      g[i] = indices(space, gold.get(i), "gold", i);
      if (!multiLabel && g[i].length > 1) {
        throw new IllegalArgumentException(
            "row " + i + " has " + g[i].length + " gold labels but the data is single-label");
      }
    }
    return new EvalData(scores, null, multiLabel, g, decisions(space, predictions, n),
        abstainedOf(predictions), new Ranks());
  }

  /** The same gold labels and scores, decided by another rule. */
  public EvalData withRule(DecisionRule rule) {
    return withPredictions(rule.decideAll(scores()));
  }

  /** The same gold labels and scores with other decisions. */
  public EvalData withPredictions(List<Prediction> predictions) {
    return new EvalData(base, rowMap, multiLabel, gold, decisions(labels(), predictions, size()),
        abstainedOf(predictions), ranks);
  }

  /**
   * The same gold labels and scores with decided sets given as column indices per row (no
   * abstentions). For tuning code that evaluates many operating points without building {@link
   * Prediction}s.
   */
  public EvalData withDecisions(int[][] decided) {
    if (decided.length != size()) {
      throw new IllegalArgumentException("got " + decided.length + " decisions for " + size() + " rows");
    }
    int[][] p = new int[decided.length][];
    for (int i = 0; i < p.length; i++) {
      p[i] = sortedDistinct(decided[i].clone());
      for (int j : p[i]) {
        Objects.checkIndex(j, labels().size());
      }
    }
    return new EvalData(base, rowMap, multiLabel, gold, p, new boolean[size()], ranks);
  }

  /**
   * The rows at these positions, in this order (repeats allowed, as bootstrap resampling needs).
   * The scores are not copied.
   */
  public EvalData subset(int[] rows) {
    int[][] g = new int[rows.length][];
    int[][] p = new int[rows.length][];
    boolean[] a = new boolean[rows.length];
    int[] map = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      Objects.checkIndex(rows[r], size());
      g[r] = gold[rows[r]];
      p[r] = predicted[rows[r]];
      a[r] = abstained[rows[r]];
      map[r] = rowOf(rows[r]);
    }
    Ranks sub = new Ranks();
    int[] pos = ranks.positives;
    int[][] gr = ranks.goldRanks;
    if (pos != null && gr != null) {
      int[] sp = new int[rows.length];
      int[][] sg = new int[rows.length][];
      for (int r = 0; r < rows.length; r++) {
        sp[r] = pos[rows[r]];
        sg[r] = gr[rows[r]];
      }
      sub.goldRanks = sg;
      sub.positives = sp;
    }
    return new EvalData(base, map, multiLabel, g, p, a, sub);
  }

  /** Stacks several evaluations over the same labels (such as the test folds of a CV run). */
  public static EvalData concat(List<EvalData> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    LabelSpace space = parts.get(0).labels();
    boolean multi = parts.get(0).multiLabel;
    List<ScoreMatrix> s = new ArrayList<>();
    int n = 0;
    for (EvalData d : parts) {
      if (!d.labels().equals(space) || d.multiLabel != multi) {
        throw new IllegalArgumentException("cannot stack evaluations over different label spaces");
      }
      s.add(d.scores());
      n += d.size();
    }
    int[][] g = new int[n][];
    int[][] p = new int[n][];
    boolean[] a = new boolean[n];
    int off = 0;
    for (EvalData d : parts) {
      System.arraycopy(d.gold, 0, g, off, d.size());
      System.arraycopy(d.predicted, 0, p, off, d.size());
      System.arraycopy(d.abstained, 0, a, off, d.size());
      off += d.size();
    }
    return new EvalData(ScoreMatrix.concat(space, s), null, multi, g, p, a, new Ranks());
  }

  static DecisionRule defaultRule(boolean multiLabel) {
    return multiLabel ? DecisionRule.threshold(0.5) : DecisionRule.argmax();
  }

  private static int[] indices(LabelSpace space, Collection<String> names, String what, int row) {
    int[] out = new int[names.size()];
    int m = 0;
    for (String name : names) {
      var idx = space.indexOf(name);
      if (idx.isEmpty()) {
        throw new IllegalArgumentException(
            what + " label '" + name + "' of row " + row + " is not in the label space");
      }
      out[m++] = idx.getAsInt();
    }
    return sortedDistinct(out);
  }

  /** Sorts a in place and returns its distinct values (a itself when there were no repeats). */
  private static int[] sortedDistinct(int[] a) {
    Arrays.sort(a);
    int m = 0;
    for (int x = 0; x < a.length; x++) {
      if (x == 0 || a[x] != a[x - 1]) {
        a[m++] = a[x];
      }
    }
    return m == a.length ? a : Arrays.copyOf(a, m);
  }

  private static int[][] decisions(LabelSpace space, List<Prediction> predictions, int n) {
    if (predictions.size() != n) {
      throw new IllegalArgumentException(
          "got " + predictions.size() + " predictions for " + n + " rows");
    }
    int[][] p = new int[n][];
    for (int i = 0; i < n; i++) {
      List<String> names = new ArrayList<>();
      for (ScoredLabel l : predictions.get(i).labels()) {
        names.add(l.label());
      }
      p[i] = indices(space, names, "predicted", i);
    }
    return p;
  }

  private static boolean[] abstainedOf(List<Prediction> predictions) {
    boolean[] a = new boolean[predictions.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = predictions.get(i).abstained();
    }
    return a;
  }

  public LabelSpace labels() {
    return base.classes();
  }

  public boolean multiLabel() {
    return multiLabel;
  }

  /** Number of documents. */
  public int size() {
    return gold.length;
  }

  /** The scores, row i for document i (materialized on first use after {@link #subset}). */
  public ScoreMatrix scores() {
    ScoreMatrix s = scores;
    if (s == null) {
      s = base.selectRows(rowMap);
      scores = s;
    }
    return s;
  }

  private int rowOf(int i) {
    return rowMap == null ? i : rowMap[i];
  }

  /** Score of row i, column j, without materializing a subset's score matrix. */
  float score(int i, int j) {
    return base.get(rowOf(i), j);
  }

  int argmax(int i) {
    return base.argmax(rowOf(i));
  }

  int cols() {
    return base.cols();
  }

  /** Number of labels scoring above 0 in row i. */
  int positives(int i) {
    computeRanks();
    return ranks.positives[i];
  }

  /** Ranks (0 = best) of the gold labels of row i, in {@link #gold(int)} order. */
  int[] goldRanks(int i) {
    computeRanks();
    return ranks.goldRanks[i];
  }

  private void computeRanks() {
    if (ranks.goldRanks != null) {
      return;
    }
    synchronized (ranks) {
      if (ranks.goldRanks != null) {
        return;
      }
      int n = size();
      int k = cols();
      int[] pos = new int[n];
      int[][] gr = new int[n][];
      for (int i = 0; i < n; i++) {
        int row = rowOf(i);
        int c = 0;
        for (int j = 0; j < k; j++) {
          if (base.get(row, j) > 0f) {
            c++;
          }
        }
        pos[i] = c;
        int[] g = gold[i];
        gr[i] = new int[g.length];
        for (int x = 0; x < g.length; x++) {
          float v = base.get(row, g[x]);
          int rank = 0;
          for (int j = 0; j < k; j++) {
            float w = base.get(row, j);
            if (w > v || (w == v && j < g[x])) {
              rank++;
            }
          }
          gr[i][x] = rank;
        }
      }
      ranks.positives = pos;
      ranks.goldRanks = gr;
    }
  }

  /** Gold column indices of row i, ascending (a copy). */
  public int[] gold(int i) {
    return gold[i].clone();
  }

  /** Decided column indices of row i, ascending (a copy; empty when abstained). */
  public int[] predicted(int i) {
    return predicted[i].clone();
  }

  public boolean abstained(int i) {
    return abstained[i];
  }

  // no-copy access for the metric code of this package
  int[] goldRef(int i) {
    return gold[i];
  }

  int[] predRef(int i) {
    return predicted[i];
  }

  /** Number of abstained rows. */
  public int abstentions() {
    int c = 0;
    for (boolean b : abstained) {
      if (b) {
        c++;
      }
    }
    return c;
  }

  @Override
  public String toString() {
    return "EvalData[" + size() + " rows, " + labels().size() + " labels, "
        + (multiLabel ? "multi" : "single") + "-label]";
  }
}
