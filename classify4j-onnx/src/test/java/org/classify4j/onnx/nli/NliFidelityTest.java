package org.classify4j.onnx.nli;

import org.classify4j.nli.Hypotheses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scores equal to transformers' {@code pipeline("zero-shot-classification")} on the tiny random
 * models (reference.json, made by scripts/make_tiny_nli_models.py): single- and multi-label, one
 * label, two templates, a premise long enough to be truncated; BERT with token_type_ids and
 * DeBERTa-v2 without.
 */
class NliFidelityTest {
  static final double TOL = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {TinyNli.BERT, TinyNli.DEBERTA})
  void pairsAreEncodedAndScoredAsTransformersDoes(String name) {
    JsonNode ref = TinyNli.reference(name);
    try (NliCrossEncoder enc = NliCrossEncoder.open(TinyNli.dir(name))) {
      assertThat(enc.usesTokenTypes()).isEqualTo(name.equals(TinyNli.BERT));
      List<String> prem = new ArrayList<>();
      List<String> hyp = new ArrayList<>();
      for (int i = 0; i < ref.get("pairs").size(); i++) {
        JsonNode pair = ref.get("pairs").get(i);
        prem.add(pair.get(0).asText());
        hyp.add(pair.get(1).asText());
        long[] ids = enc.encode(prem.get(i), hyp.get(i)).ids();
        assertThat(ids).as("pair %d ids", i).containsExactly(longs(ref.get("pair_ids").get(i)));
      }
      // the second premise is longer than max_length: truncated to exactly 64 tokens
      assertThat(enc.encode(prem.get(1), hyp.get(1)).ids()).hasSize(64);
      float[][] logits = enc.logits(prem, hyp);
      for (int i = 0; i < logits.length; i++) {
        JsonNode want = ref.get("pair_logits").get(i);
        for (int j = 0; j < want.size(); j++) {
          assertThat((double) logits[i][j]).isCloseTo(want.get(j).asDouble(), within(TOL));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {TinyNli.BERT, TinyNli.DEBERTA})
  void zeroShotScoresEqualThePipelines(String name) {
    JsonNode ref = TinyNli.reference(name);
    int checked = 0;
    try (NliCrossEncoder enc = NliCrossEncoder.open(TinyNli.dir(name))) {
      for (JsonNode c : ref.get("cases")) {
        List<String> labels = strings(c.get("labels"));
        NliZeroShotModel m = NliZeroShotClassifier.of(enc)
            .withHypotheses(new Hypotheses(List.of(c.get("template").asText()), Hypotheses.LabelText.NAME))
            .forLabels(LabelSpace.ofNames(labels), c.get("multi_label").asBoolean());
        float[] got = m.predictProba(List.of(Document.of("d", c.get("text").asText()))).row(0);
        for (int j = 0; j < labels.size(); j++) {
          assertThat((double) got[j])
              .as("%s %s %s multi=%s", labels.get(j), c.get("template").asText(),
                  c.get("text").asText().substring(0, 20), c.get("multi_label").asBoolean())
              .isCloseTo(c.get("scores").get(j).asDouble(), within(TOL));
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(ref.get("cases").size()).isGreaterThan(40);
  }

  /** Several templates: each label's score is the mean of the pipeline's scores per template. */
  @ParameterizedTest
  @ValueSource(strings = {TinyNli.BERT, TinyNli.DEBERTA})
  void severalTemplatesAverageThePipelinesProbabilities(String name) {
    JsonNode ref = TinyNli.reference(name);
    Map<String, List<JsonNode>> byCase = new HashMap<>();
    for (JsonNode c : ref.get("cases")) {
      String key = c.get("text").asText() + "|" + c.get("labels") + "|" + c.get("multi_label");
      byCase.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    try (NliCrossEncoder enc = NliCrossEncoder.open(TinyNli.dir(name))) {
      int checked = 0;
      for (List<JsonNode> cs : byCase.values()) {
        assertThat(cs).hasSize(2);
        List<String> labels = strings(cs.get(0).get("labels"));
        boolean multi = cs.get(0).get("multi_label").asBoolean();
        NliZeroShotModel m = NliZeroShotClassifier.of(enc)
            .withHypotheses(new Hypotheses(
                List.of(cs.get(0).get("template").asText(), cs.get(1).get("template").asText()),
                Hypotheses.LabelText.NAME))
            .forLabels(LabelSpace.ofNames(labels), multi);
        float[] got = m.predictProba(List.of(Document.of("d", cs.get(0).get("text").asText()))).row(0);
        double sum = 0;
        for (int j = 0; j < labels.size(); j++) {
          double want = (cs.get(0).get("scores").get(j).asDouble() + cs.get(1).get("scores").get(j).asDouble()) / 2;
          assertThat((double) got[j]).isCloseTo(want, within(TOL));
          sum += got[j];
        }
        if (!multi && labels.size() > 1) {
          assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
        checked++;
      }
      assertThat(checked).isGreaterThan(20);
    }
  }

  static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asText()));
    return out;
  }

  static long[] longs(JsonNode a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asLong();
    }
    return out;
  }
}
