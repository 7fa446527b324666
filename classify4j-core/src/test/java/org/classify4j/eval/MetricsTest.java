package org.classify4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

class MetricsTest {
  static final double TOL = 1e-6;

  // ------------------------------------------------------------ single-label (EvalFixtures.single)

  @Test
  void singleLabelSetMetrics() {
    EvalData d = EvalFixtures.single();
    // correct: d0, d2, d4 → 3/5
    assertThat(Metrics.accuracy(d)).isCloseTo(0.6, within(TOL));
    assertThat(Metrics.subsetAccuracy(d)).isCloseTo(0.6, within(TOL));
    // A: tp1 (d0) fp0 fn1 (d1) → P 1, R .5, F1 2·1/(2+0+1) = 2/3
    assertThat(Metrics.perLabel(d, 0)).satisfies(p -> {
      assertThat(p.precision()).isCloseTo(1.0, within(TOL));
      assertThat(p.recall()).isCloseTo(0.5, within(TOL));
      assertThat(p.f1()).isCloseTo(2.0 / 3, within(TOL));
    });
    // B: tp1 (d2) fp1 (d1) fn1 (d3) → P .5 R .5 F1 2/(2+1+1) = .5
    assertThat(Metrics.perLabel(d, 1).f1()).isCloseTo(0.5, within(TOL));
    // C: tp1 (d4) fp1 (d3) fn0 → P .5 R 1 F1 2/(2+1) = 2/3
    assertThat(Metrics.perLabel(d, 2).recall()).isCloseTo(1.0, within(TOL));
    assertThat(Metrics.perLabel(d, 2).f1()).isCloseTo(2.0 / 3, within(TOL));
    // macro F1 = (2/3 + 1/2 + 2/3) / 3 = 11/18
    assertThat(Metrics.macroF1(d)).isCloseTo(11.0 / 18, within(TOL));
    // micro: tp 3, fp 2, fn 2 → F1 = 6/(6+2+2) = .6
    assertThat(Metrics.microF1(d)).isCloseTo(0.6, within(TOL));
    // weighted by support A2 B2 C1: (2·2/3 + 2·1/2 + 1·2/3)/5 = 3/5
    assertThat(Metrics.weightedF1(d)).isCloseTo(0.6, within(TOL));
    // samples: per document 2tp/(|g|+|p|) = 1,0,1,0,1 → .6
    assertThat(Metrics.samplesF1(d)).isCloseTo(0.6, within(TOL));
    // hamming: d1 and d3 each miss one and add one → 4 wrong of 5·3 = 4/15
    assertThat(Metrics.hammingLoss(d)).isCloseTo(4.0 / 15, within(TOL));
    // jaccard per doc 1,0,1,0,1 → .6
    assertThat(Metrics.jaccard(d)).isCloseTo(0.6, within(TOL));
  }

  @Test
  void singleLabelKappaAndConfusion() {
    EvalData d = EvalFixtures.single();
    // confusion (gold→pred): A→A 1, A→B 1, B→B 1, B→C 1, C→C 1; n = 5, p_o = 3/5
    // row sums A2 B2 C1, column sums A1 B2 C2 → p_e = (2·1 + 2·2 + 1·2)/25 = 8/25
    // kappa = (3/5 − 8/25) / (1 − 8/25) = (7/25) / (17/25) = 7/17
    assertThat(Metrics.kappa(d)).isCloseTo(7.0 / 17, within(TOL));
    ConfusionMatrix cm = Metrics.confusionMatrix(d);
    assertThat(cm.count(0, 1)).isEqualTo(1);
    assertThat(cm.count(1, 2)).isEqualTo(1);
    assertThat(cm.count(2, 0)).isZero();
    assertThat(cm.topConfusions(5)).containsExactly(
        new ConfusionMatrix.Confusion("A", "B", 1), new ConfusionMatrix.Confusion("B", "C", 1));
    assertThat(cm.focusLabels(2)).containsExactly(0, 1);
    assertThat(cm.focusLabels(10)).containsExactly(0, 1, 2);
  }

  @Test
  void singleLabelRankingMetrics() {
    EvalData d = EvalFixtures.single();
    // top-1 hits 1,0,1,0,1
    assertThat(Metrics.precisionAtK(d, 1)).isCloseTo(0.6, within(TOL));
    // all 3 labels score > 0 so P@3 = P@5 = 1 hit / 3 per document
    assertThat(Metrics.precisionAtK(d, 3)).isCloseTo(1.0 / 3, within(TOL));
    assertThat(Metrics.precisionAtK(d, 5)).isCloseTo(1.0 / 3, within(TOL));
    assertThat(Metrics.recallAtK(d, 1)).isCloseTo(0.6, within(TOL));
    assertThat(Metrics.recallAtK(d, 2)).isCloseTo(1.0, within(TOL));
    // F1@5: 3 decided, 1 gold, 1 hit → 2/(1+3) = .5 per document
    assertThat(Metrics.f1AtK(d, 5)).isCloseTo(0.5, within(TOL));
    // gold at rank 1 for d0,d2,d4 (gain 1), rank 2 for d1,d3 (gain 1/log2(3)); ideal DCG 1
    double expected = (3 + 2 / log2(3)) / 5;
    assertThat(Metrics.ndcg(d)).isCloseTo(expected, within(TOL));
    assertThat(Metrics.ndcgAtK(d, 5)).isCloseTo(expected, within(TOL));
    assertThat(Metrics.ndcgAtK(d, 1)).isCloseTo(0.6, within(TOL));
  }

  @Test
  void singleLabelLogLossAndCalibration() {
    EvalData d = EvalFixtures.single();
    // p(gold) = .75, .30, .55, .25, .85 (rows sum to 1)
    double ll = -(Math.log(.75) + Math.log(.30) + Math.log(.55) + Math.log(.25) + Math.log(.85)) / 5;
    assertThat(Metrics.logLoss(d)).isCloseTo(ll, within(1e-6));
    // confidence/correct: .75✓ (bin 7), .65✗ .65✗ (bin 6), .55✓ (bin 5), .85✓ (bin 8)
    // ECE = (1·|1−.55| + 2·|0−.65| + 1·|1−.75| + 1·|1−.85|)/5 = (.45+1.3+.25+.15)/5 = .43
    assertThat(Metrics.expectedCalibrationError(d)).isCloseTo(0.43, within(1e-6));
    Calibration c = Calibration.of(d, 10);
    assertThat(c.bins()).hasSize(10);
    assertThat(c.bins().get(6).count()).isEqualTo(2);
    assertThat(c.bins().get(6).accuracy()).isZero();
    assertThat(c.bins().get(6).meanConfidence()).isCloseTo(0.65, within(1e-6));
    assertThat(c.mce()).isCloseTo(0.65, within(1e-6));
  }

  @Test
  void riskCoverageAndThresholdCurves() {
    EvalData d = EvalFixtures.single();
    RiskCoverageCurve rc = RiskCoverageCurve.of(d);
    // thresholds .85 (1 kept, 0 wrong), .75 (2, 0), .65 (4, 2 wrong), .55 (5, 2 wrong)
    assertThat(rc.size()).isEqualTo(4);
    assertThat(rc.coverages()).containsExactly(new double[] {.2, .4, .8, 1.0}, within(TOL));
    assertThat(rc.risks()).containsExactly(new double[] {0, 0, .5, .4}, within(TOL));
    // AURC = .2·0 + .2·0 + .4·.5 + .2·.4 = .28
    assertThat(rc.aurc()).isCloseTo(0.28, within(TOL));

    // micro curve: gold pairs score .75 .30 .55 .25 .85; the 10 others .15 .10 .65 .05 .20 .25 .10 .65 .05 .10
    ThresholdCurve m = ThresholdCurve.micro(d);
    assertThat(m.size()).isEqualTo(10); // distinct: .85 .75 .65 .55 .30 .25 .20 .15 .10 .05
    assertThat(m.threshold(0)).isEqualTo((double) .85f);
    // at t = .25: tp 5, fp 3 (.65 .65 .25) → P 5/8, R 1, F1 10/13, the best
    int best = m.bestF1Index();
    assertThat(m.threshold(best)).isEqualTo((double) .25f);
    assertThat(m.f1(best)).isCloseTo(10.0 / 13, within(TOL));
    assertThat(m.precision(best)).isCloseTo(5.0 / 8, within(TOL));
    // AP = .2·1 + .2·1 + .2·3/5 + .2·4/6 + .2·5/8
    assertThat(m.averagePrecision()).isCloseTo(.2 + .2 + .12 + .2 * 4 / 6 + .125, within(TOL));
    // label A: positives .75 .30, negatives .20 .10 .05 → at .30: P 1, R 1
    ThresholdCurve a = ThresholdCurve.forLabel(d, 0);
    assertThat(a.name()).isEqualTo("A");
    assertThat(a.recall(1)).isEqualTo(1.0);
    assertThat(a.precision(1)).isEqualTo(1.0);
    assertThat(a.averagePrecision()).isCloseTo(1.0, within(TOL));
  }

  // -------------------------------------------------------------- multi-label (EvalFixtures.multi)

  @Test
  void multiLabelSetMetrics() {
    EvalData d = EvalFixtures.multi();
    // exact matches: d1 ({Y}={Y}) and d2 ({}={}) → 2/4
    assertThat(Metrics.subsetAccuracy(d)).isCloseTo(0.5, within(TOL));
    assertThat(Metrics.accuracy(d)).isCloseTo(0.5, within(TOL));
    // X: tp1 fp1 fn0 → F1 2/3; Y: tp1 fp0 fn1 → 2/3; Z: tp0 fp1 fn1 → 0
    assertThat(Metrics.macroF1(d)).isCloseTo(4.0 / 9, within(TOL));
    // micro tp2 fp2 fn2 → .5
    assertThat(Metrics.average(d, Average.MICRO)).isEqualTo(new Prf(.5, .5, .5));
    // weighted, supports X1 Y2 Z1: (2/3 + 2·2/3 + 0)/4 = .5
    assertThat(Metrics.weightedF1(d)).isCloseTo(0.5, within(TOL));
    // samples F1: d0 2·1/(2+2) = .5, d1 1, d2 0 (0/0 → 0), d3 0 → 1.5/4
    assertThat(Metrics.samplesF1(d)).isCloseTo(0.375, within(TOL));
    // hamming: d0 misses Y adds Z (2), d3 misses Z adds X (2) → 4/12
    assertThat(Metrics.hammingLoss(d)).isCloseTo(1.0 / 3, within(TOL));
    // jaccard: d0 1/3, d1 1, d2 0 (0/0), d3 0 → (4/3)/4
    assertThat(Metrics.jaccard(d)).isCloseTo(1.0 / 3, within(TOL));
    // kappa over 12 binary decisions: tp2 fp2 fn2 tn6, p_o = 8/12
    // p_e = ((tp+fn)(tp+fp) + (tn+fp)(tn+fn))/144 = (16 + 64)/144 = 5/9 → (2/3−5/9)/(4/9) = 1/4
    assertThat(Metrics.kappa(d)).isCloseTo(0.25, within(TOL));
    assertThatThrownBy(() -> Metrics.confusionMatrix(d)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void multiLabelRankingMetrics() {
    EvalData d = EvalFixtures.multi();
    // top-1: d0 X ✓, d1 Y ✓, d2 X ✗, d3 X ✗
    assertThat(Metrics.precisionAtK(d, 1)).isCloseTo(0.5, within(TOL));
    // P@3 (all labels > 0): 2/3, 1/3, 0, 1/3 → (4/3)/4
    assertThat(Metrics.precisionAtK(d, 3)).isCloseTo(1.0 / 3, within(TOL));
    // R@1: 1/2, 1, 0 (no gold), 0 → 1.5/4
    assertThat(Metrics.recallAtK(d, 1)).isCloseTo(0.375, within(TOL));
    // F1@5 = all 3 labels decided: 2·2/(2+3)=.8, 2/(1+3)=.5, 0, 2/(1+3)=.5 → 1.8/4
    assertThat(Metrics.f1AtK(d, 5)).isCloseTo(0.45, within(TOL));
    // NDCG: d0 ranks X Z Y → (1 + 1/log2 4)/(1 + 1/log2 3); d1 1; d2 0; d3 ranks X Z Y → 1/log2 3
    double d0 = (1 + 1 / log2(4)) / (1 + 1 / log2(3));
    assertThat(Metrics.ndcg(d)).isCloseTo((d0 + 1 + 0 + 1 / log2(3)) / 4, within(TOL));
    assertThat(Metrics.ndcgAtK(d, 10)).isCloseTo(Metrics.ndcg(d), within(TOL));
    // NDCG@1: 1, 1, 0, 0
    assertThat(Metrics.ndcgAtK(d, 1)).isCloseTo(0.5, within(TOL));
  }

  @Test
  void multiLabelLogLossIsMeanBinaryCrossEntropy() {
    EvalData d = EvalFixtures.multi();
    // gold pairs: ln .9 + ln .4 | ln .7 | — | ln .45 ; others ln(1−p)
    double s = Math.log(.9) + Math.log(.4) + Math.log(1 - .6)
        + Math.log(1 - .2) + Math.log(.7) + Math.log(1 - .1)
        + Math.log(1 - .3) + Math.log(1 - .2) + Math.log(1 - .1)
        + Math.log(1 - .55) + Math.log(1 - .35) + Math.log(.45);
    assertThat(Metrics.logLoss(d)).isCloseTo(-s / 12, within(1e-6));
    // calibration uses 12 pairs
    long n = Calibration.of(d, 10).bins().stream().mapToLong(Calibration.Bin::count).sum();
    assertThat(n).isEqualTo(12);
  }

  // ----------------------------------------------------------------------------- edge cases

  @Test
  void aLabelNeverPredictedHasPrecisionZero() {
    // always decide B: A and C are never decided → precision 0 by zero_division = 0
    EvalData d = EvalFixtures.single(new DecisionRules.PerLabelThresholds(
        java.util.Map.of("A", 1.0, "C", 1.0), 0.0, 1));
    assertThat(d.predicted(0)).containsExactly(1);
    LabelStats s = LabelStats.of(d);
    assertThat(s.precision(0)).isZero();
    assertThat(s.recall(0)).isZero();
    assertThat(s.f1(0)).isZero();
    // B: tp 2 (d2, d3), fp 3 → P 2/5, R 1, F1 4/(4+3) = 4/7
    assertThat(s.f1(1)).isCloseTo(4.0 / 7, within(TOL));
  }

  @Test
  void emptyDecisionsScoreZeroNotNaN() {
    EvalData d = EvalFixtures.single(DecisionRule.threshold(0.99));
    for (int i = 0; i < d.size(); i++) {
      assertThat(d.predicted(i)).isEmpty();
    }
    assertThat(Metrics.accuracy(d)).isZero();
    // micro P = 0/0 → 0, R = 0/5, F1 = 0/(0+0+5)
    assertThat(Metrics.average(d, Average.MICRO)).isEqualTo(new Prf(0, 0, 0));
    assertThat(Metrics.macroF1(d)).isZero();
    assertThat(Metrics.samplesF1(d)).isZero();
    // 5 gold pairs missed of 15
    assertThat(Metrics.hammingLoss(d)).isCloseTo(1.0 / 3, within(TOL));
    // no decided labels → no cells, kappa 0 by convention
    assertThat(Metrics.kappa(d)).isZero();
    assertThat(Metrics.confusionMatrix(d).undecided(0)).isEqualTo(2);
    // ranking metrics do not depend on decisions
    assertThat(Metrics.precisionAtK(d, 1)).isCloseTo(0.6, within(TOL));
    assertThat(Metrics.coverage(d)).isEqualTo(1.0);
  }

  @Test
  void allAbstained() {
    EvalData d = EvalFixtures.single(
        new DecisionRules.Abstain(DecisionRule.argmax(), 0.9, 0.0));
    assertThat(d.abstentions()).isEqualTo(5);
    assertThat(Metrics.coverage(d)).isZero();
    assertThat(Metrics.accuracyOnCovered(d)).isZero();
    assertThat(Metrics.accuracy(d)).isZero();
    assertThat(Metrics.microF1(d)).isZero();
    // half the documents kept: abstain below .65 → d0 d1 d3 d4 kept, d0 d4 right → 2/4
    EvalData half = EvalFixtures.single(new DecisionRules.Abstain(DecisionRule.argmax(), 0.6, 0.0));
    assertThat(Metrics.coverage(half)).isCloseTo(0.8, within(TOL));
    assertThat(Metrics.accuracyOnCovered(half)).isCloseTo(0.5, within(TOL));
    assertThat(Metrics.accuracy(half)).isCloseTo(0.4, within(TOL));
  }

  @Test
  void singleClass() {
    LabelSpace one = LabelSpace.ofNames("only");
    ScoreMatrix s = ScoreMatrix.of(one, new float[][] {{1f}, {1f}, {1f}});
    List<List<String>> gold = List.of(List.of("only"), List.of("only"), List.of("only"));
    EvalData d = EvalData.of(s, gold, DecisionRule.argmax().decideAll(s), false);
    assertThat(Metrics.accuracy(d)).isEqualTo(1.0);
    assertThat(Metrics.macroF1(d)).isEqualTo(1.0);
    assertThat(Metrics.ndcg(d)).isEqualTo(1.0);
    // p_o = 1 and p_e = 1: kappa is 0/0 → 0 by convention (scikit-learn gives NaN)
    assertThat(Metrics.kappa(d)).isZero();
    // −ln(1 − 1e-15) ≈ 1e-15
    assertThat(Metrics.logLoss(d)).isCloseTo(0.0, within(1e-12));
    // confidence 1 in the last bin, all right → ECE 0
    assertThat(Metrics.expectedCalibrationError(d)).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void emptyEvaluationGivesZeros() {
    ScoreMatrix s = ScoreMatrix.of(EvalFixtures.ABC, new float[0][]);
    EvalData d = EvalData.of(s, List.<List<String>>of(), List.of(), false);
    for (String name : Metrics.names()) {
      assertThat(Metrics.byName(name).compute(d)).as(name).isEqualTo(0.0);
    }
  }

  @Test
  void registryHasExactlyTheDocumentedNames() {
    assertThat(Metrics.names()).containsExactly(
        "accuracy", "macro_f1", "micro_f1", "weighted_f1", "samples_f1", "subset_accuracy",
        "hamming_loss", "jaccard", "f1_at_5", "ndcg", "ndcg_at_5", "ndcg_at_10", "p_at_1",
        "p_at_3", "p_at_5", "kappa", "log_loss", "ece", "coverage", "hierarchical_precision",
        "hierarchical_recall", "hierarchical_f1", "top_level_accuracy");
    assertThat(Metrics.byName("hamming_loss").higherIsBetter()).isFalse();
    assertThat(Metrics.byName("macro_f1").compute(EvalFixtures.single()))
        .isCloseTo(11.0 / 18, within(TOL));
    assertThatThrownBy(() -> Metrics.byName("nope"))
        .hasMessageContaining("unknown metric 'nope'").hasMessageContaining("macro_f1");
  }

  @Test
  void evalDataRejectsUnknownLabelsAndWrongShapes() {
    ScoreMatrix s = ScoreMatrix.of(EvalFixtures.ABC, new float[][] {{1f, 0f, 0f}});
    assertThatThrownBy(() -> EvalData.of(s, List.of(List.of("Q")),
        DecisionRule.argmax().decideAll(s), false)).hasMessageContaining("'Q'");
    assertThatThrownBy(() -> EvalData.of(s, List.of(List.of("A", "B")),
        DecisionRule.argmax().decideAll(s), false)).hasMessageContaining("single-label");
    assertThatThrownBy(() -> EvalData.of(s, List.of(), List.of(), false))
        .hasMessageContaining("rows");
  }

  @Test
  void subsetAndConcatKeepRows() {
    EvalData d = EvalFixtures.single();
    EvalData s = d.subset(new int[] {1, 1, 3});
    // d1 and d3 are both wrong
    assertThat(Metrics.accuracy(s)).isZero();
    EvalData back = EvalData.concat(List.of(d.subset(new int[] {0, 1}), d.subset(new int[] {2, 3, 4})));
    assertThat(Metrics.all(back)).isEqualTo(Metrics.all(d));
  }

  @Test
  void bootstrapIsSeededAndBracketsTheEstimate() {
    EvalData d = EvalFixtures.single();
    Bootstrap b = new Bootstrap(200, 0.9, 42);
    Bootstrap.Interval i1 = b.interval(d, Metrics.byName("accuracy"));
    Bootstrap.Interval i2 = b.interval(d, Metrics.byName("accuracy"));
    assertThat(i1).isEqualTo(i2);
    assertThat(i1.estimate()).isCloseTo(0.6, within(TOL));
    assertThat(i1.lower()).isLessThanOrEqualTo(0.6).isGreaterThanOrEqualTo(0.0);
    assertThat(i1.upper()).isGreaterThanOrEqualTo(0.6).isLessThanOrEqualTo(1.0);
    assertThat(i1.upper()).isGreaterThan(i1.lower());
    // resampled accuracy is k/5: every value is a multiple of .2
    for (double v : b.values(d, Metrics.byName("accuracy"))) {
      assertThat(v * 5).isCloseTo(Math.rint(v * 5), within(1e-9));
    }
    // a perfect model has a degenerate interval
    EvalData perfect = d.subset(new int[] {0, 2, 4});
    Bootstrap.Interval p = b.interval(perfect, Metrics.byName("accuracy"));
    assertThat(p.lower()).isEqualTo(1.0);
    assertThat(p.upper()).isEqualTo(1.0);
    // quantile interpolation: q .25 of {0,1,2,3,4} = 1; q .1 = .4
    assertThat(Bootstrap.quantile(new double[] {0, 1, 2, 3, 4}, .25)).isEqualTo(1.0);
    assertThat(Bootstrap.quantile(new double[] {0, 1, 2, 3, 4}, .1)).isCloseTo(.4, within(1e-12));
  }

  @Test
  void rankingMetricsAgreeWithSortedRowsIncludingTies() {
    java.util.Random r = new java.util.Random(11);
    LabelSpace space = LabelSpace.ofNames("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
    float[][] s = new float[80][10];
    List<List<String>> gold = new java.util.ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      List<String> g = new java.util.ArrayList<>();
      for (int j = 0; j < 10; j++) {
        s[i][j] = r.nextInt(4) / 4f; // many ties and zeros
        if (r.nextDouble() < 0.25) {
          g.add(space.name(j));
        }
      }
      gold.add(g);
    }
    ScoreMatrix m = ScoreMatrix.of(space, s);
    EvalData d = EvalData.of(m, gold, DecisionRule.threshold(0.5).decideAll(m), true);
    EvalData resampled = d.subset(new int[] {3, 3, 7, 0, 79, 12});
    Metrics.ndcg(d); // ranks computed before the subset: the subset reuses them
    EvalData resampledAfter = d.subset(new int[] {3, 3, 7, 0, 79, 12});
    for (int k : new int[] {1, 3, 5, 10}) {
      for (EvalData x : List.of(d, resampled, resampledAfter)) {
        double p = 0, rc = 0, f = 0, nd = 0;
        for (int i = 0; i < x.size(); i++) {
          int[] ranked = x.scores().rankedColumns(i);
          int[] g = x.gold(i);
          int decided = 0, hits = 0;
          double dcg = 0;
          for (int rank = 0; rank < Math.min(k, ranked.length); rank++) {
            boolean rel = java.util.Arrays.binarySearch(g, ranked[rank]) >= 0;
            if (x.scores().get(i, ranked[rank]) > 0) {
              decided++;
              hits += rel ? 1 : 0;
            }
            dcg += rel ? 1 / log2(rank + 2) : 0;
          }
          double idcg = 0;
          for (int q = 0; q < Math.min(k, g.length); q++) {
            idcg += 1 / log2(q + 2);
          }
          p += decided == 0 ? 0 : (double) hits / decided;
          rc += g.length == 0 ? 0 : (double) hits / g.length;
          f += g.length + decided == 0 ? 0 : 2.0 * hits / (g.length + decided);
          nd += idcg == 0 ? 0 : dcg / idcg;
        }
        int n = x.size();
        assertThat(Metrics.precisionAtK(x, k)).as("P@%d", k).isCloseTo(p / n, within(1e-12));
        assertThat(Metrics.recallAtK(x, k)).as("R@%d", k).isCloseTo(rc / n, within(1e-12));
        assertThat(Metrics.f1AtK(x, k)).as("F1@%d", k).isCloseTo(f / n, within(1e-12));
        assertThat(Metrics.ndcgAtK(x, k)).as("NDCG@%d", k).isCloseTo(nd / n, within(1e-12));
      }
    }
  }

  @Test
  void microCurveCountsZeroScoresWithoutStoringThem() {
    // gold pairs: .8 (d0 X), 0 (d1 Y); non-gold: .5, 0 (d0), .3, 0 (d1) → 2 zero negatives
    ScoreMatrix m = ScoreMatrix.of(EvalFixtures.XYZ, new float[][] {{.8f, .5f, 0f}, {.3f, 0f, 0f}});
    EvalData d = EvalData.of(m, List.of(List.of("X"), List.of("Y")),
        DecisionRule.threshold(0.5).decideAll(m), true);
    ThresholdCurve c = ThresholdCurve.micro(d);
    ThresholdCurve ref = ThresholdCurve.of("ref", new float[] {.8f, 0f}, new float[] {.5f, 0f, .3f, 0f}, 2);
    assertThat(c.size()).isEqualTo(4).isEqualTo(ref.size()); // .8 .5 .3 0
    for (int i = 0; i < c.size(); i++) {
      assertThat(c.threshold(i)).isEqualTo(ref.threshold(i));
      assertThat(c.tp(i)).isEqualTo(ref.tp(i));
      assertThat(c.fp(i)).isEqualTo(ref.fp(i));
    }
    // at t = 0 everything is decided: tp 2, fp 4
    assertThat(c.tp(3)).isEqualTo(2);
    assertThat(c.fp(3)).isEqualTo(4);
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
