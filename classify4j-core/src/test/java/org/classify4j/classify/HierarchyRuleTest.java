package org.classify4j.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.classify4j.Json;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

/** Decisions made consistent with a label tree: flat-then-consistent and top-down. */
class HierarchyRuleTest {
  // HUM → HUM:ind, HUM:gr; LOC → LOC:city, LOC:country
  static final LabelSpace TREE = LabelSpace.of(List.of(
      Label.of("HUM"),
      new Label("HUM:ind", "", List.of(), "HUM"),
      new Label("HUM:gr", "", List.of(), "HUM"),
      Label.of("LOC"),
      new Label("LOC:city", "", List.of(), "LOC"),
      new Label("LOC:country", "", List.of(), "LOC")));

  /** A fine model's softmax: LOC:city is the single best leaf, but HUM has more mass. */
  static ScoreMatrix scores() {
    return ScoreMatrix.of(TREE, new float[][] {{0f, 0.30f, 0.25f, 0f, 0.40f, 0.05f}});
  }

  private static DecisionRule h(DecisionRule inner, HierarchyMode mode, boolean ancestors) {
    return DecisionRule.hierarchical(inner, mode, ancestors);
  }

  @Test
  void consistentAddsTheAncestorsOfTheFlatDecision() {
    Prediction p = h(DecisionRule.argmax(), HierarchyMode.CONSISTENT, true).decide(scores(), 0);
    assertThat(p.labelNames()).containsExactly("LOC:city", "LOC"); // tie: the specific first
    assertThat(p.labels().get(1).score()).isCloseTo(0.40, within(1e-6)); // lifted to the child's
    Prediction leaves =
        h(DecisionRule.argmax(), HierarchyMode.CONSISTENT, false).decide(scores(), 0);
    assertThat(leaves.labelNames()).containsExactly("LOC:city");
  }

  @Test
  void consistentWithoutAncestorsKeepsOnlyTheMostSpecificLabels() {
    ScoreMatrix s = ScoreMatrix.of(TREE, new float[][] {{0.9f, 0.7f, 0.1f, 0.2f, 0.6f, 0.1f}});
    DecisionRule t = DecisionRule.threshold(0.5);
    assertThat(t.decide(s, 0).labelNames()).containsExactly("HUM", "HUM:ind", "LOC:city");
    assertThat(h(t, HierarchyMode.CONSISTENT, false).decide(s, 0).labelNames())
        .containsExactly("HUM:ind", "LOC:city");
    Prediction all = h(t, HierarchyMode.CONSISTENT, true).decide(s, 0);
    assertThat(all.labelNames()).containsExactly("HUM", "HUM:ind", "LOC:city", "LOC");
    assertThat(all.labels().get(3).score()).isCloseTo(0.6, within(1e-6));
  }

  @Test
  void topDownFollowsTheSubtreeWithMoreMass() {
    // HUM's subtree holds 0.55, LOC's 0.45: top-down goes to HUM, then to HUM:ind
    Prediction p = h(DecisionRule.argmax(), HierarchyMode.TOP_DOWN, true).decide(scores(), 0);
    assertThat(p.labelNames()).containsExactly("HUM", "HUM:ind");
    assertThat(p.labels().get(0).score()).isCloseTo(0.55, within(1e-6));
    assertThat(h(DecisionRule.argmax(), HierarchyMode.TOP_DOWN, false).decide(scores(), 0)
        .labelNames()).containsExactly("HUM:ind");
    // the flat decision differs
    assertThat(DecisionRule.argmax().decide(scores(), 0).labelNames()).containsExactly("LOC:city");
  }

  @Test
  void topDownStopsAtALabelThatBeatsItsChildren() {
    // a coarse+fine model where LOC itself scores above each of its children
    ScoreMatrix s = ScoreMatrix.of(TREE, new float[][] {{0.05f, 0.05f, 0.0f, 0.5f, 0.2f, 0.2f}});
    assertThat(h(DecisionRule.argmax(), HierarchyMode.TOP_DOWN, false).decide(s, 0).labelNames())
        .containsExactly("LOC");
  }

  @Test
  void topDownAbstentionBelowTheRootsStopsAbove() {
    DecisionRule unsure = new DecisionRules.Abstain(DecisionRule.argmax(), 0.0, 0.08);
    // roots: HUM 0.55 vs LOC 0.45, margin 0.1 ≥ 0.08: decided; HUM:ind 0.30 vs HUM:gr 0.25: abstain
    ScoreMatrix s = scores();
    Prediction p = h(unsure, HierarchyMode.TOP_DOWN, true).decide(s, 0);
    assertThat(p.abstained()).isFalse();
    assertThat(p.labelNames()).containsExactly("HUM");
    DecisionRule stricter = new DecisionRules.Abstain(DecisionRule.argmax(), 0.0, 0.2);
    assertThat(h(stricter, HierarchyMode.TOP_DOWN, true).decide(s, 0).abstained()).isTrue();
  }

  @Test
  void aFlatSpaceIsDecidedByTheInnerRuleAlone() {
    ScoreMatrix s = ScoreMatrix.of(LabelSpace.ofNames("a", "b"), new float[][] {{0.3f, 0.7f}});
    for (HierarchyMode m : HierarchyMode.values()) {
      assertThat(h(DecisionRule.argmax(), m, true).decide(s, 0))
          .isEqualTo(DecisionRule.argmax().decide(s, 0));
    }
  }

  @Test
  void roundTripsAsJsonAndParsesModes() throws Exception {
    DecisionRule r = h(DecisionRule.limit(2, 0.1), HierarchyMode.TOP_DOWN, true);
    String json = Json.mapper().writeValueAsString(r);
    assertThat(json).contains("\"rule\":\"hierarchy\"").contains("\"mode\":\"top-down\"")
        .contains("\"then\":{\"rule\":\"limit\"");
    assertThat(Json.mapper().readValue(json, DecisionRule.class)).isEqualTo(r);
    assertThat(HierarchyMode.parse("Top_Down")).isEqualTo(HierarchyMode.TOP_DOWN);
    assertThatThrownBy(() -> HierarchyMode.parse("flat"))
        .hasMessageContaining("expected consistent or top-down");
    assertThatThrownBy(() -> h(r, HierarchyMode.CONSISTENT, false))
        .hasMessageContaining("cannot wrap another");
  }
}
