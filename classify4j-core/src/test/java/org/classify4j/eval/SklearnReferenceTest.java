package org.classify4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

/**
 * The metrics against scikit-learn on random data (sklearn-reference.json, made by
 * sklearn_reference.py next to it). Every label occurs in the data, so the macro averages agree.
 */
class SklearnReferenceTest {
  static final double TOL = 1e-9;

  static JsonNode reference() throws Exception {
    try (InputStream in = SklearnReferenceTest.class.getResourceAsStream("sklearn-reference.json")) {
      return Json.mapper().readTree(in);
    }
  }

  static float[][] scores(JsonNode rows) {
    float[][] s = new float[rows.size()][];
    for (int i = 0; i < s.length; i++) {
      s[i] = new float[rows.get(i).size()];
      for (int j = 0; j < s[i].length; j++) {
        s[i][j] = (float) rows.get(i).get(j).asDouble();
      }
    }
    return s;
  }

  static LabelSpace space(int k) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      names.add("l" + j);
    }
    return LabelSpace.ofNames(names);
  }

  @Test
  void multiLabelMatchesScikitLearn() throws Exception {
    JsonNode r = reference().get("multi");
    float[][] s = scores(r.get("scores"));
    LabelSpace space = space(s[0].length);
    List<List<String>> gold = new ArrayList<>();
    for (JsonNode row : r.get("gold")) {
      List<String> g = new ArrayList<>();
      for (int j = 0; j < row.size(); j++) {
        if (row.get(j).asInt() == 1) {
          g.add(space.name(j));
        }
      }
      gold.add(g);
    }
    ScoreMatrix m = ScoreMatrix.of(space, s);
    EvalData d = EvalData.of(m, gold, DecisionRule.threshold(0.5).decideAll(m), true);
    for (String name : List.of("micro_f1", "macro_f1", "weighted_f1", "samples_f1",
        "subset_accuracy", "hamming_loss", "jaccard", "kappa", "ndcg_at_5", "ndcg")) {
      assertThat(Metrics.byName(name).compute(d)).as(name)
          .isCloseTo(r.get(name).asDouble(), within(TOL));
    }
    assertThat(ThresholdCurve.micro(d).averagePrecision())
        .isCloseTo(r.get("ap_micro").asDouble(), within(TOL));
    assertThat(ThresholdCurve.forLabel(d, 0).averagePrecision())
        .isCloseTo(r.get("ap_label0").asDouble(), within(TOL));
  }

  @Test
  void singleLabelMatchesScikitLearn() throws Exception {
    JsonNode r = reference().get("single");
    float[][] s = scores(r.get("scores"));
    LabelSpace space = space(s[0].length);
    List<List<String>> gold = new ArrayList<>();
    for (JsonNode g : r.get("gold")) {
      gold.add(List.of(space.name(g.asInt())));
    }
    ScoreMatrix m = ScoreMatrix.of(space, s);
    EvalData d = EvalData.of(m, gold, DecisionRule.argmax().decideAll(m), false);
    for (String name : List.of("accuracy", "macro_f1", "micro_f1", "weighted_f1", "kappa",
        "hamming_loss", "ndcg")) {
      assertThat(Metrics.byName(name).compute(d)).as(name)
          .isCloseTo(r.get(name).asDouble(), within(TOL));
    }
    // float32 rows sum to 1 only up to rounding; both renormalize
    assertThat(Metrics.logLoss(d)).isCloseTo(r.get("log_loss").asDouble(), within(1e-6));
  }
}
