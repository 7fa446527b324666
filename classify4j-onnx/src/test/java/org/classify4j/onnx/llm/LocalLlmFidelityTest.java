package org.classify4j.onnx.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.PromptExplainer.PromptTrace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classifiers against the transformers references (scripts/make_tiny_llms.py): the prompts
 * they build are the references' prompts character for character, and every label's
 * log-probability is within 1e-4 of transformers' — zero-shot, few-shot and yes/no multi-label, on
 * the tiny Llama (ChatML template) and the tiny GPT-2 (plain text).
 */
class LocalLlmFidelityTest {

  private static List<JsonNode> cases(JsonNode ref, String kind) {
    List<JsonNode> out = new ArrayList<>();
    ref.get("cases").forEach(c -> {
      if (c.get("kind").asText().equals(kind)) {
        out.add(c);
      }
    });
    return out;
  }

  private static List<String> labels(JsonNode ref) {
    List<String> l = new ArrayList<>();
    ref.get("labels").forEach(x -> l.add(x.asText()));
    return l;
  }

  private static void assertTraceMatches(PromptTrace t, JsonNode c) {
    assertThat(t.prompt()).isEqualTo(c.get("prompt").asText());
    JsonNode answers = c.get("answers");
    assertThat(t.answers()).hasSize(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      assertThat(t.answers().get(i).logProb())
          .as("%s: %s", c.get("name").asText(), answers.get(i).get("answer").asText())
          .isCloseTo(answers.get(i).get("logprob").asDouble(), within(1e-4));
    }
  }

  /** softmax over the reference log-probabilities, as the normalised score row. */
  private static double[] softmax(JsonNode answers) {
    double max = Double.NEGATIVE_INFINITY;
    for (JsonNode a : answers) {
      max = Math.max(max, a.get("logprob").asDouble());
    }
    double sum = 0;
    for (JsonNode a : answers) {
      sum += Math.exp(a.get("logprob").asDouble() - max);
    }
    double[] p = new double[answers.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(answers.get(i).get("logprob").asDouble() - max) / sum;
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-llama", "tiny-gpt2"})
  void zeroShot(String name) throws Exception {
    JsonNode ref = DecoderModelTest.reference(name);
    try (DecoderModel m = DecoderModel.open(DecoderModelTest.dir(name), 1)) {
      LocalLlmModel model = new LocalLlmClassifier(m, LocalLlmSettings.zeroShotDefaults())
          .fit(new Dataset(LabelSpace.ofNames(labels(ref)), List.of(), false));
      assertThat(model.chatTemplate())
          .isEqualTo(name.equals("tiny-llama") ? ChatTemplate.CHATML : ChatTemplate.NONE);
      for (JsonNode c : cases(ref, "zero-shot")) {
        Document d = Document.of(c.get("name").asText(), c.get("text").asText());
        List<PromptTrace> traces = model.explain(d, 3);
        assertThat(traces).hasSize(1);
        assertTraceMatches(traces.get(0), c);
        float[] row = model.predictProba(List.of(d)).row(0);
        double[] want = softmax(c.get("answers"));
        for (int j = 0; j < row.length; j++) {
          assertThat((double) row[j]).isCloseTo(want[j], within(1e-4));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-llama", "tiny-gpt2"})
  void fewShot(String name) throws Exception {
    JsonNode ref = DecoderModelTest.reference(name);
    List<Example> train = new ArrayList<>();
    int i = 0;
    for (JsonNode e : ref.get("examples")) {
      train.add(Example.of("e" + i++, e.get("text").asText(), e.get("label").asText()));
    }
    try (DecoderModel m = DecoderModel.open(DecoderModelTest.dir(name), 1)) {
      LocalLlmModel model = new LocalLlmClassifier(m, LocalLlmSettings.fewShotDefaults())
          .fit(new Dataset(LabelSpace.ofNames(labels(ref)), train, false));
      assertThat(model.examples()).isEqualTo(train);
      List<JsonNode> cs = cases(ref, "few-shot");
      assertThat(cs).hasSize(2);
      for (JsonNode c : cs) {
        Document d = Document.of(c.get("name").asText(), c.get("text").asText());
        assertTraceMatches(model.explain(d, 1).get(0), c);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-llama", "tiny-gpt2"})
  void multiLabelYesNo(String name) throws Exception {
    JsonNode ref = DecoderModelTest.reference(name);
    List<String> three = labels(ref).subList(0, 3);
    try (DecoderModel m = DecoderModel.open(DecoderModelTest.dir(name), 1)) {
      LocalLlmModel model = new LocalLlmClassifier(m, LocalLlmSettings.zeroShotDefaults())
          .fit(new Dataset(LabelSpace.ofNames(three), List.of(), true));
      List<JsonNode> cs = cases(ref, "multi-label");
      assertThat(cs).hasSize(6);
      for (int t = 0; t < 2; t++) {
        JsonNode first = cs.get(3 * t);
        Document d = Document.of("d" + t, first.get("text").asText());
        List<PromptTrace> traces = model.explain(d, 1);
        float[] row = model.predictProba(List.of(d)).row(0);
        for (int j = 0; j < 3; j++) {
          JsonNode c = cs.get(3 * t + j);
          assertTraceMatches(traces.get(j), c);
          double yes = c.get("answers").get(0).get("logprob").asDouble();
          double no = c.get("answers").get(1).get("logprob").asDouble();
          assertThat((double) row[j]).isCloseTo(1 / (1 + Math.exp(no - yes)), within(1e-4));
        }
      }
    }
  }
}
