package org.classify4j.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.classify4j.classify.DecisionRule;
import org.classify4j.baseline.PriorClassifier;
import org.classify4j.data.Dataset;
import org.classify4j.eval.Metric;
import org.classify4j.eval.Metrics;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  static final List<Metric> METRICS =
      List.of(Metrics.byName("accuracy"), Metrics.byName("macro_f1"), Metrics.byName("log_loss"));

  @Test
  void perFoldMetricsAndSummary() {
    Dataset data = Fixtures.topics();
    CrossValidation cv = new CrossValidation(new StratifiedKFold(4, 1), METRICS, 2);
    CrossValidation.Result r = cv.run(new CentroidTestClassifier(256, 0.1), data);
    assertThat(r.folds()).hasSize(4);
    // 24 examples, 8 per topic → 6 per fold, 2 of each topic
    for (CrossValidation.FoldResult f : r.folds()) {
      assertThat(f.data().size()).isEqualTo(6);
      assertThat(f.metrics()).containsOnlyKeys("accuracy", "macro_f1", "log_loss");
    }
    double[] acc = r.folds().stream().mapToDouble(f -> f.metrics().get("accuracy")).toArray();
    double mean = java.util.Arrays.stream(acc).average().orElseThrow();
    double ss = java.util.Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum();
    assertThat(r.summary().get("accuracy").mean()).isCloseTo(mean, within(1e-12));
    assertThat(r.summary().get("accuracy").sd()).isCloseTo(Math.sqrt(ss / 3), within(1e-12));
    // keyword-separable topics: the centroid model is far above chance (1/3)
    assertThat(r.summary().get("accuracy").mean()).isGreaterThan(0.6);
  }

  @Test
  void parallelismDoesNotChangeResults() {
    Dataset data = Fixtures.topicsMultiLabel();
    Splitter s = new StratifiedKFold(3, 7);
    var seq = new CrossValidation(s, METRICS, 1).run(new CentroidTestClassifier(128, 0.1), data);
    var par = new CrossValidation(s, METRICS, 3).run(new CentroidTestClassifier(128, 0.1), data);
    assertThat(par.summary()).isEqualTo(seq.summary());
    for (int f = 0; f < 3; f++) {
      assertThat(par.folds().get(f).metrics()).isEqualTo(seq.folds().get(f).metrics());
      assertThat(par.folds().get(f).split()).isEqualTo(seq.folds().get(f).split());
    }
  }

  @Test
  void aGivenRuleIsUsedForTheSetMetrics() {
    Dataset data = Fixtures.topics();
    // the prior predicts the same distribution for every text; with an abstain rule that needs
    // a top score of 1.0 everything is abstained on
    var cv = new CrossValidation(new StratifiedKFold(3, 1), List.of(Metrics.byName("coverage")), 1)
        .withRule(new org.classify4j.classify.DecisionRules.Abstain(DecisionRule.argmax(), 1.0, 0));
    var r = cv.run(new PriorClassifier(), data);
    assertThat(r.summary().get("coverage").mean()).isZero();
  }

  @Test
  void fewShotRunsGiveMeanAndSd() {
    Dataset data = Fixtures.topics();
    var cv = new CrossValidation(new FewShotSampler(2, 5, 3), List.of(Metrics.byName("accuracy")), 2);
    var r = cv.run(new CentroidTestClassifier(256, 0.1), data);
    assertThat(r.folds()).hasSize(5);
    assertThat(r.folds()).allSatisfy(f -> assertThat(f.data().size()).isEqualTo(24 - 6));
    assertThat(r.summary().get("accuracy").n()).isEqualTo(5);
  }

  @Test
  void gridSearchFindsTheBetterCandidateDeterministically() {
    Dataset data = Fixtures.topics();
    Map<String, List<Object>> grid = Map.of(
        "dimension", List.of(2, 512),
        "temperature", List.of(0.05, 1.0));
    Metric acc = Metrics.byName("accuracy");
    GridSearch seq = new GridSearch(grid, CentroidTestClassifier::of, acc, new StratifiedKFold(4, 1), 1);
    GridSearch par = new GridSearch(grid, CentroidTestClassifier::of, acc, new StratifiedKFold(4, 1), 2);
    // sorted names, last varying fastest
    assertThat(seq.candidates()).containsExactly(
        Map.of("dimension", 2, "temperature", 0.05), Map.of("dimension", 2, "temperature", 1.0),
        Map.of("dimension", 512, "temperature", 0.05), Map.of("dimension", 512, "temperature", 1.0));
    GridSearch.Result a = seq.search(data);
    GridSearch.Result b = par.search(data);
    assertThat(a.candidates()).hasSize(4);
    for (int c = 0; c < 4; c++) {
      assertThat(b.candidates().get(c).foldScores()).isEqualTo(a.candidates().get(c).foldScores());
      assertThat(b.candidates().get(c).params()).isEqualTo(a.candidates().get(c).params());
    }
    assertThat(b.best().index()).isEqualTo(a.best().index());
    // 2 hash buckets cannot separate three topics; 512 can
    assertThat(a.best().params().get("dimension")).isEqualTo(512);
    assertThat(a.best().score().mean()).isGreaterThan(a.candidates().get(0).score().mean());
    // log-loss is minimized: temperature 0.05 and 1.0 differ, the best has the lowest mean
    GridSearch ll = new GridSearch(grid, CentroidTestClassifier::of, Metrics.byName("log_loss"),
        new StratifiedKFold(4, 1), 2);
    GridSearch.Result r = ll.search(data);
    double min = r.candidates().stream().mapToDouble(c -> c.score().mean()).min().orElseThrow();
    assertThat(r.best().score().mean()).isEqualTo(min);
    assertThat(r.ranked(false).get(0)).isEqualTo(r.best());
  }
}
