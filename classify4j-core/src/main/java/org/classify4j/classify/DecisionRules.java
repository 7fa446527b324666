package org.classify4j.classify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.LabelTree;

/** The decision rules. Construct them through {@link DecisionRule}'s factories or directly. */
public final class DecisionRules {
  private DecisionRules() {}

  static void checkUnit(String what, double v) {
    if (!(v >= 0.0 && v <= 1.0)) {
      throw new IllegalArgumentException(what + " must be in [0,1], got " + v);
    }
  }

  static ScoredLabel scored(ScoreMatrix s, int row, int col) {
    return new ScoredLabel(s.classes().name(col), s.get(row, col));
  }

  /**
   * The best label; an abstention when every score is 0 (a model with no evidence for the text,
   * such as a TF-IDF model given only unknown words), empty when there are no labels.
   */
  public record Argmax() implements DecisionRule {
    @Override
    public Prediction decide(ScoreMatrix s, int row) {
      int j = s.argmax(row);
      if (j >= 0 && s.get(row, j) <= 0f) {
        return Prediction.abstain();
      }
      return new Prediction(j < 0 ? List.of() : List.of(scored(s, row, j)), false);
    }
  }

  /** Every label with score ≥ threshold, best first; the set may be empty. */
  public record Threshold(double threshold) implements DecisionRule {
    public Threshold {
      checkUnit("threshold", threshold);
    }

    @Override
    public Prediction decide(ScoreMatrix s, int row) {
      List<ScoredLabel> out = new ArrayList<>();
      for (int j : s.rankedColumns(row)) {
        if (s.get(row, j) < (float) threshold) {
          break;
        }
        out.add(scored(s, row, j));
      }
      return new Prediction(out, false);
    }
  }

  /**
   * At most {@code limit} best labels with score ≥ threshold (Annif's limit/threshold); the set may
   * be empty.
   */
  public record Limit(int limit, double threshold) implements DecisionRule {
    public Limit {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be ≥ 1, got " + limit);
      }
      checkUnit("threshold", threshold);
    }

    @Override
    public Prediction decide(ScoreMatrix s, int row) {
      List<ScoredLabel> out = new ArrayList<>();
      for (int j : s.topColumns(row, limit)) {
        if (s.get(row, j) < (float) threshold) {
          break;
        }
        out.add(scored(s, row, j));
      }
      return new Prediction(out, false);
    }
  }

  /**
   * Label j is chosen when its score ≥ its own threshold ({@code defaultThreshold} for labels not in
   * the map); best first; at most {@code limit} labels when limit > 0.
   */
  public record PerLabelThresholds(
      Map<String, Double> thresholds,
      @JsonProperty("default_threshold") double defaultThreshold,
      int limit)
      implements DecisionRule {
    public PerLabelThresholds {
      thresholds = Map.copyOf(thresholds);
      thresholds.forEach((k, v) -> checkUnit("threshold of '" + k + "'", v));
      checkUnit("default threshold", defaultThreshold);
      if (limit < 0) {
        throw new IllegalArgumentException("limit must be ≥ 0 (0 = no limit), got " + limit);
      }
    }

    public double thresholdOf(String label) {
      return thresholds.getOrDefault(label, defaultThreshold);
    }

    /** Thresholds in the column order of a label space. */
    public double[] thresholdsFor(LabelSpace space) {
      double[] t = new double[space.size()];
      for (int j = 0; j < t.length; j++) {
        t[j] = thresholdOf(space.name(j));
      }
      return t;
    }

    @Override
    public Prediction decide(ScoreMatrix s, int row) {
      List<ScoredLabel> out = new ArrayList<>();
      for (int j : s.rankedColumns(row)) {
        if (limit > 0 && out.size() >= limit) {
          break;
        }
        if (s.get(row, j) >= (float) thresholdOf(s.classes().name(j))) {
          out.add(scored(s, row, j));
        }
      }
      return new Prediction(out, false);
    }
  }

  /**
   * Abstains when the best score is below {@code minScore} or the gap between the best two is below
   * {@code minMargin}; otherwise applies {@code rule}.
   */
  public record Abstain(
      @JsonProperty("then") DecisionRule rule,
      @JsonProperty("min_score") double minScore,
      @JsonProperty("min_margin") double minMargin)
      implements DecisionRule {
    public Abstain {
      Objects.requireNonNull(rule, "rule");
      checkUnit("min score", minScore);
      checkUnit("min margin", minMargin);
    }

    @Override
    public Prediction decide(ScoreMatrix s, int row) {
      int[] top = s.topColumns(row, 2);
      if (top.length == 0) {
        return Prediction.abstain();
      }
      double best = s.get(row, top[0]);
      double second = top.length > 1 ? s.get(row, top[1]) : 0.0;
      if (best < (float) minScore || best - second < minMargin) {
        return Prediction.abstain();
      }
      return rule.decide(s, row);
    }
  }

  /**
   * Decisions that agree with the label tree of the scores' label space ({@link LabelSpace#tree()}):
   * a chosen label implies its ancestors. {@link HierarchyMode#CONSISTENT}: {@code rule} decides
   * over all labels, then every chosen label brings its ancestors, each scored at least as high as
   * its best chosen descendant. {@link HierarchyMode#TOP_DOWN}: {@code rule} decides among the roots
   * by subtree score (a label's own score plus its descendants', at most 1: the probability of the
   * subtree for a single-label model), then among the children of each chosen label, the label
   * itself competing with its own score as "none of the children", down to the leaves; an
   * abstention below the roots stops at the label above it. With {@code ancestors} the prediction
   * lists every label of the chosen paths; without, only the most specific ones (those with no
   * chosen descendant). A space without a hierarchy is decided by {@code rule} alone.
   */
  public record Hierarchy(
      @JsonProperty("then") DecisionRule rule, HierarchyMode mode, boolean ancestors)
      implements DecisionRule {
    public Hierarchy {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(mode, "mode");
      if (rule instanceof Hierarchy) {
        throw new IllegalArgumentException("a hierarchy rule cannot wrap another");
      }
    }

    @Override
    public Prediction decide(ScoreMatrix s, int row) {
      LabelSpace space = s.classes();
      if (!space.hasHierarchy()) {
        return rule.decide(s, row);
      }
      LabelTree tree = space.tree();
      int k = space.size();
      float[] raw = s.row(row);
      boolean[] chosen = new boolean[k];
      float[] score = new float[k];
      if (mode == HierarchyMode.CONSISTENT) {
        Prediction p = rule.decide(s, row);
        if (p.abstained()) {
          return p;
        }
        List<Integer> picked = new ArrayList<>();
        for (ScoredLabel l : p.labels()) {
          int j = space.requireIndex(l.label());
          chosen[j] = true;
          score[j] = (float) l.score();
          picked.add(j);
        }
        for (int j : picked) {
          for (int a = tree.parent(j); a >= 0; a = tree.parent(a)) {
            if (!chosen[a]) {
              chosen[a] = true;
              score[a] = raw[a];
            }
            score[a] = Math.max(score[a], score[j]);
          }
        }
      } else {
        float[] mass = subtreeMass(tree, raw);
        int[] roots = tree.roots();
        Prediction top = decideAmong(s.classes(), roots, mass, -1, raw);
        if (top.abstained()) {
          return top;
        }
        for (ScoredLabel l : top.labels()) {
          descend(space, tree, space.requireIndex(l.label()), mass, raw, chosen, score);
        }
      }
      return result(space, tree, chosen, score);
    }

    private void descend(LabelSpace space, LabelTree tree, int v, float[] mass, float[] raw,
        boolean[] chosen, float[] score) {
      chosen[v] = true;
      score[v] = mass[v];
      if (tree.childCount(v) == 0) {
        return;
      }
      Prediction p = decideAmong(space, tree.children(v), mass, v, raw);
      if (p.abstained()) {
        return;
      }
      for (ScoredLabel l : p.labels()) {
        int c = space.requireIndex(l.label());
        if (c != v) {
          descend(space, tree, c, mass, raw, chosen, score);
        }
      }
    }

    /** {@code rule} over the candidates' subtree masses, {@code self} (if ≥ 0) with its own score. */
    private Prediction decideAmong(LabelSpace space, int[] candidates, float[] mass, int self,
        float[] raw) {
      int n = candidates.length + (self >= 0 ? 1 : 0);
      List<Label> labels = new ArrayList<>(n);
      float[][] row = new float[1][n];
      int i = 0;
      if (self >= 0) {
        labels.add(space.get(self));
        row[0][i++] = raw[self];
      }
      for (int c : candidates) {
        labels.add(space.get(c));
        row[0][i++] = mass[c];
      }
      return rule.decide(ScoreMatrix.of(LabelSpace.of(labels), row), 0);
    }

    /** Own score plus the descendants' masses, at most 1. */
    static float[] subtreeMass(LabelTree tree, float[] raw) {
      float[] mass = raw.clone();
      for (int i = 0; i < mass.length; i++) {
        int j = tree.bottomUp(i);
        mass[j] = Math.min(1f, mass[j]);
        int p = tree.parent(j);
        if (p >= 0) {
          mass[p] += mass[j];
        }
      }
      return mass;
    }

    private Prediction result(LabelSpace space, LabelTree tree, boolean[] chosen,
        float[] score) {
      int k = chosen.length;
      boolean[] hasChosenChild = new boolean[k];
      for (int j = 0; j < k; j++) {
        if (chosen[j] && tree.parent(j) >= 0) {
          hasChosenChild[tree.parent(j)] = true;
        }
      }
      List<Integer> out = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        if (chosen[j] && (ancestors || !hasChosenChild[j])) {
          out.add(j);
        }
      }
      out.sort((a, b) -> {
        int c = Float.compare(score[b], score[a]); // best first
        if (c == 0) {
          c = Integer.compare(tree.depth(b), tree.depth(a)); // then the more specific
        }
        return c != 0 ? c : Integer.compare(a, b);
      });
      List<ScoredLabel> labels = new ArrayList<>(out.size());
      for (int j : out) {
        labels.add(new ScoredLabel(space.name(j), score[j]));
      }
      return new Prediction(labels, false);
    }
  }
}
