package org.classify4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.HierarchyMode;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

/** Hierarchical precision/recall/F1 (Kiritchenko et al.) and the top-level accuracy. */
class HierarchicalMetricsTest {
  static final LabelSpace TREE = LabelSpace.of(List.of(
      Label.of("A"),
      new Label("A1", "", List.of(), "A"),
      new Label("A2", "", List.of(), "A"),
      Label.of("B"),
      new Label("B1", "", List.of(), "B")));

  static EvalData data() {
    // gold A1, A1, B1; argmax predicts A2 (sibling), A1 (right), A1 (wrong branch)
    ScoreMatrix s = ScoreMatrix.of(TREE, new float[][] {
        {0f, 0.2f, 0.7f, 0f, 0.1f},
        {0f, 0.8f, 0.1f, 0f, 0.1f},
        {0f, 0.6f, 0.0f, 0f, 0.4f}});
    return EvalData.of(s, List.of(List.of("A1"), List.of("A1"), List.of("B1")),
        DecisionRule.argmax().decideAll(s), false);
  }

  @Test
  void setsAreAugmentedWithAncestors() {
    EvalData d = data();
    // augmented: gold {A,A1},{A,A1},{B,B1}; predicted {A,A2},{A,A1},{A,A1}
    // intersections 1 + 2 + 0 = 3; |pred| = 6; |gold| = 6
    Prf h = Metrics.hierarchical(d);
    assertThat(h.precision()).isCloseTo(0.5, within(1e-12));
    assertThat(h.recall()).isCloseTo(0.5, within(1e-12));
    assertThat(h.f1()).isCloseTo(0.5, within(1e-12));
    assertThat(Metrics.topLevelAccuracy(d)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(Metrics.accuracy(d)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(Metrics.all(d)).containsKeys(Metrics.HIERARCHICAL.toArray(String[]::new));
    assertThat(ClassificationReport.of(d).toJson().get("hierarchical_f1").asDouble())
        .isCloseTo(0.5, within(1e-12));
    String html = org.classify4j.eval.report.HtmlReport.of("tree", d).toHtml();
    assertThat(html).contains("data-metric=\"hierarchical_f1\"")
        .contains("data-metric=\"top_level_accuracy\"");
  }

  @Test
  void predictedAncestorsDoNotChangeTheHierarchicalScores() {
    EvalData d = data();
    EvalData withAncestors = d.withRule(
        DecisionRule.hierarchical(DecisionRule.argmax(), HierarchyMode.CONSISTENT, true));
    assertThat(Metrics.hierarchical(withAncestors)).isEqualTo(Metrics.hierarchical(d));
  }

  @Test
  void onAFlatSpaceTheyEqualMicroAveragesAndAreLeftOutOfAll() {
    LabelSpace flat = LabelSpace.ofNames("x", "y");
    ScoreMatrix s = ScoreMatrix.of(flat, new float[][] {{0.9f, 0.1f}, {0.8f, 0.2f}});
    EvalData d = EvalData.of(s, List.of(List.of("x"), List.of("y")),
        DecisionRule.argmax().decideAll(s), false);
    assertThat(Metrics.hierarchical(d).f1()).isCloseTo(Metrics.microF1(d), within(1e-12));
    assertThat(Metrics.all(d)).doesNotContainKeys(Metrics.HIERARCHICAL.toArray(String[]::new));
  }
}
