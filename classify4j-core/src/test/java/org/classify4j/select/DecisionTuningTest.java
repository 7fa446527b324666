package org.classify4j.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.LabelSpace;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metric;
import org.classify4j.eval.Metrics;
import org.junit.jupiter.api.Test;

class DecisionTuningTest {
  static final LabelSpace XYZ = LabelSpace.ofNames("X", "Y", "Z");

  /**
   * Multi-label validation data:
   *
   * <pre>
   * doc gold   X    Y    Z
   * d0  {X,Y}  .90  .40  .60
   * d1  {Y}    .20  .70  .10
   * d2  {}     .30  .20  .10
   * d3  {Z}    .55  .35  .45
   * </pre>
   */
  static EvalData multi() {
    float[][] s = {{.90f, .40f, .60f}, {.20f, .70f, .10f}, {.30f, .20f, .10f}, {.55f, .35f, .45f}};
    List<List<String>> gold = List.of(List.of("X", "Y"), List.of("Y"), List.of(), List.of("Z"));
    ScoreMatrix m = ScoreMatrix.of(XYZ, s);
    return EvalData.of(m, gold, DecisionRule.threshold(0.5).decideAll(m), true);
  }

  @Test
  void perLabelThresholdsMaximizeEachLabelsF1() {
    EvalData d = multi();
    TunedRule t = DecisionTuning.perLabelThresholds(d, 0.5);
    var rule = (DecisionRules.PerLabelThresholds) t.rule();
    // X: positives .90; negatives .55 .30 .20 → t = .90 gives P 1 R 1
    assertThat(rule.thresholdOf("X")).isEqualTo((double) .90f);
    // Y: positives .40 .70; negatives .35 .20 → t = .40 (F1 1)
    assertThat(rule.thresholdOf("Y")).isEqualTo((double) .40f);
    // Z: positive .45; negatives .60 .10 .10 → t=.60: F1 0; t=.45: tp1 fp1 → 2/3 (best)
    assertThat(rule.thresholdOf("Z")).isEqualTo((double) .45f);
    // macro F1 = (1 + 1 + 2/3)/3 = 8/9, reproduced by applying the rule
    assertThat(t.value()).isCloseTo(8.0 / 9, within(1e-9));
    assertThat(Metrics.macroF1(d.withRule(t.rule()))).isEqualTo(t.value());
    assertThat(t.metric()).isEqualTo("macro_f1");
  }

  @Test
  void perLabelFallsBackForLabelsWithoutPositives() {
    EvalData d = EvalData.of(ScoreMatrix.of(XYZ, new float[][] {{.9f, .1f, .2f}, {.8f, .3f, .1f}}),
        List.of(List.of("X"), List.of("X")), List.of(
            org.classify4j.classify.Prediction.abstain(), org.classify4j.classify.Prediction.abstain()),
        true);
    var rule = (DecisionRules.PerLabelThresholds) DecisionTuning.perLabelThresholds(d, 0.7).rule();
    assertThat(rule.thresholds()).containsOnlyKeys("X");
    assertThat(rule.thresholdOf("Y")).isEqualTo((double) 0.7f);
  }

  @Test
  void limitThresholdSweepMatchesTheAppliedRule() {
    EvalData d = multi();
    Metric f1 = Metrics.byName("samples_f1");
    TunedRule t = DecisionTuning.limitThreshold(d, f1);
    var rule = (DecisionRules.Limit) t.rule();
    // limit 2, threshold .40: d0 {X,Z}: .5; d1 {Y}: 1; d2 {}: 0; d3 {X,Z}: 2/3 → 2.1667/4
    // the best samples F1 on this data is 13/24 (checked by brute force below)
    double best = 0;
    for (int limit = 1; limit <= 15; limit++) {
      for (double th : DecisionTuning.defaultThresholds()) {
        best = Math.max(best, f1.compute(d.withRule(DecisionRule.limit(limit, th))));
      }
    }
    assertThat(t.value()).isEqualTo(best);
    assertThat(f1.compute(d.withRule(rule))).isEqualTo(t.value());
    assertThat(t.details()).containsKeys("limit", "threshold", "micro_f1");
  }

  @Test
  void limitThresholdAgreesWithTheRuleOnRandomData() {
    Random r = new Random(3);
    LabelSpace space = LabelSpace.ofNames("a", "b", "c", "d", "e", "f", "g", "h");
    float[][] s = new float[60][8];
    List<List<String>> gold = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      List<String> g = new java.util.ArrayList<>();
      for (int j = 0; j < 8; j++) {
        // quantized to multiples of .05 so scores fall exactly on and around grid thresholds
        s[i][j] = Math.round(r.nextFloat() * 20) / 20f;
        if (r.nextDouble() < 0.2 + 0.5 * s[i][j]) {
          g.add(space.name(j));
        }
      }
      gold.add(g);
    }
    ScoreMatrix m = ScoreMatrix.of(space, s);
    EvalData d = EvalData.of(m, gold, DecisionRule.threshold(0.5).decideAll(m), true);
    for (String name : List.of("samples_f1", "micro_f1", "f1_at_5", "hamming_loss")) {
      Metric metric = Metrics.byName(name);
      TunedRule t = DecisionTuning.limitThreshold(d, metric);
      double bruteBest = metric.higherIsBetter() ? -1 : 2;
      for (int limit : DecisionTuning.DEFAULT_LIMITS) {
        for (double th : DecisionTuning.defaultThresholds()) {
          double v = metric.compute(d.withRule(DecisionRule.limit(limit, th)));
          bruteBest = metric.higherIsBetter() ? Math.max(bruteBest, v) : Math.min(bruteBest, v);
        }
      }
      assertThat(t.value()).as(name).isEqualTo(bruteBest);
    }
  }

  @Test
  void maxRecallAtPrecisionOnMultiLabel() {
    EvalData d = multi();
    // micro curve, gold pairs .90 .40 .70 .45; thresholds down: .90 (1/1), .70 (2/2), .60 (2/3),
    // .55 (2/4), .45 (3/5), .40 (4/6), ...
    TunedRule p1 = DecisionTuning.maxRecallAtPrecision(d, 1.0).orElseThrow();
    assertThat(p1.details().get("threshold")).isEqualTo((double) .70f);
    assertThat(p1.value()).isCloseTo(0.5, within(1e-9)); // 2 of 4 gold pairs
    assertThat(p1.rule()).isEqualTo(DecisionRule.threshold(.70f));
    // precision ≥ .6: .45 gives 3/5 = .6 with recall 3/4; .40 gives 4/6 = .667 with recall 1 → .40
    TunedRule p6 = DecisionTuning.maxRecallAtPrecision(d, 0.6).orElseThrow();
    assertThat(p6.value()).isEqualTo(1.0);
    assertThat(p6.details().get("threshold")).isEqualTo((double) .40f);
    assertThat(p6.details().get("precision")).isCloseTo(4.0 / 6, within(1e-9));
    // recall ≥ .75: .45 (P .6, R .75) and .40 (P .667, R 1) → .40
    TunedRule r75 = DecisionTuning.maxPrecisionAtRecall(d, 0.75).orElseThrow();
    assertThat(r75.details().get("threshold")).isEqualTo((double) .40f);
    assertThat(DecisionTuning.maxRecallAtPrecision(
        d.subset(new int[] {2}), 0.5)).isEmpty(); // no gold at all: precision 0 everywhere
  }

  @Test
  void maxRecallAtPrecisionOnSingleLabelAbstains() {
    LabelSpace abc = LabelSpace.ofNames("A", "B", "C");
    float[][] s = {
      {.75f, .15f, .10f}, {.30f, .65f, .05f}, {.20f, .55f, .25f}, {.10f, .25f, .65f}, {.05f, .10f, .85f}
    };
    List<List<String>> gold = List.of(List.of("A"), List.of("A"), List.of("B"), List.of("B"), List.of("C"));
    ScoreMatrix m = ScoreMatrix.of(abc, s);
    EvalData d = EvalData.of(m, gold, DecisionRule.argmax().decideAll(m), false);
    // top scores .85✓ .75✓ .65✗ .65✗ .55✓ → precision 1 up to t = .75, recall 2/5
    TunedRule t = DecisionTuning.maxRecallAtPrecision(d, 1.0).orElseThrow();
    assertThat(t.rule()).isEqualTo(new DecisionRules.Abstain(DecisionRule.argmax(), .75f, 0.0));
    assertThat(t.value()).isCloseTo(0.4, within(1e-9));
    assertThat(t.details().get("coverage")).isCloseTo(0.4, within(1e-9));
    EvalData applied = d.withRule(t.rule());
    assertThat(Metrics.accuracyOnCovered(applied)).isEqualTo(1.0);
    assertThat(applied.abstentions()).isEqualTo(3);
    // recall ≥ 1: only t = .55 (answer all) reaches it: precision 3/5
    TunedRule all = DecisionTuning.maxPrecisionAtRecall(d, 0.6).orElseThrow();
    assertThat(all.value()).isCloseTo(0.6, within(1e-9));
    assertThat(all.details().get("coverage")).isEqualTo(1.0);
  }
}
