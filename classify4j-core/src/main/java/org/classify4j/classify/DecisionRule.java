package org.classify4j.classify;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns scores into decisions, kept apart from the model that produced the scores, so one model
 * can be used at several operating points and rules can be tuned on validation data.
 *
 * <p>All rules rank labels by descending score (ties: label-space order) and compare with
 * {@code score >= threshold}. Rules are values; they serialize to JSON with a {@code "rule"}
 * property naming the kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "rule")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DecisionRules.Argmax.class, name = "argmax"),
  @JsonSubTypes.Type(value = DecisionRules.Threshold.class, name = "threshold"),
  @JsonSubTypes.Type(value = DecisionRules.Limit.class, name = "limit"),
  @JsonSubTypes.Type(value = DecisionRules.PerLabelThresholds.class, name = "per_label"),
  @JsonSubTypes.Type(value = DecisionRules.Abstain.class, name = "abstain"),
  @JsonSubTypes.Type(value = DecisionRules.Hierarchy.class, name = "hierarchy")
})
public sealed interface DecisionRule
    permits DecisionRules.Argmax,
        DecisionRules.Threshold,
        DecisionRules.Limit,
        DecisionRules.PerLabelThresholds,
        DecisionRules.Abstain,
        DecisionRules.Hierarchy {

  /** The decision for row {@code row} of {@code scores}. */
  Prediction decide(ScoreMatrix scores, int row);

  /** The decision for every row, in order. */
  default List<Prediction> decideAll(ScoreMatrix scores) {
    List<Prediction> out = new ArrayList<>(scores.rows());
    for (int i = 0; i < scores.rows(); i++) {
      out.add(decide(scores, i));
    }
    return out;
  }

  /** Always the single best label. */
  static DecisionRule argmax() {
    return new DecisionRules.Argmax();
  }

  /** Every label scoring at least {@code t} (possibly none). */
  static DecisionRule threshold(double t) {
    return new DecisionRules.Threshold(t);
  }

  /**
   * {@code rule}'s decisions made consistent with the label tree of the scores ({@link
   * DecisionRules.Hierarchy}); with {@code ancestors} the prediction lists the chosen labels'
   * ancestors too.
   */
  static DecisionRule hierarchical(DecisionRule rule, HierarchyMode mode, boolean ancestors) {
    return new DecisionRules.Hierarchy(rule, mode, ancestors);
  }

  /** At most {@code limit} best labels, each scoring at least {@code threshold} (Annif's rule). */
  static DecisionRule limit(int limit, double threshold) {
    return new DecisionRules.Limit(limit, threshold);
  }
}
