package org.classify4j.classify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classify4j.data.LabelSpace;

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
}
