package org.classify4j.onnx.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.classify4j.Classify4jException;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.Prediction;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.persist.SavableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLlmMethodsTest {
  static final String GPT2 = DecoderModelTest.dir("tiny-gpt2").toString();
  static final Dataset LABELS =
      new Dataset(LabelSpace.ofNames("positive", "negative", "neutral"), List.of(), false);
  static final List<Document> DOCS = List.of(Document.of("a", "The movie was wonderful."),
      Document.of("b", "The food was terrible."));

  private static ClassifierModel fit(LoadContext ctx, Map<String, String> params) {
    return Methods.create("local-llm-zero-shot", MethodParams.of(params), ctx).fit(LABELS);
  }

  @Test
  void methodsAreFoundByNameAndListed() {
    assertThat(Methods.all()).extracting(i -> i.name())
        .contains("local-llm-zero-shot", "local-llm-few-shot");
    try (LoadContext ctx = LoadContext.standard()) {
      Classifier c = Methods.create("local-llm-few-shot",
          MethodParams.of(Map.of("model", "onnx-llm:" + GPT2, "max_examples", "2")), ctx);
      assertThat(c.method()).isEqualTo("local-llm-few-shot");
      assertThat(c.params()).containsEntry("max_examples", 2);
    }
  }

  @Test
  void rawProbabilitiesAreTheSequenceProbabilities() {
    try (LoadContext ctx = LoadContext.standard()) {
      float[] norm = fit(ctx, Map.of("model", GPT2)).predictProba(DOCS).row(0);
      float[] raw = fit(ctx, Map.of("model", GPT2, "probas_sum_to_1", "false"))
          .predictProba(DOCS).row(0);
      double sum = 0;
      for (float f : raw) {
        sum += f;
      }
      assertThat(sum).isLessThan(1.0).isGreaterThan(0.0);
      for (int j = 0; j < raw.length; j++) {
        assertThat((double) raw[j] / sum).isCloseTo(norm[j], within(1e-4));
      }
    }
  }

  @Test
  void lowProbabilityPolicies() {
    try (LoadContext ctx = LoadContext.standard()) {
      // the random model gives the labels far less than all the mass: min_mass=0.99 triggers
      assertThatThrownBy(() -> fit(ctx, Map.of("model", GPT2, "low_prob", "raise",
          "min_mass", "0.99")).predictProba(DOCS))
          .isInstanceOf(LowProbabilityException.class)
          .hasMessageContaining("document 'a'").hasMessageContaining("min_mass");
      ClassifierModel abstain = fit(ctx, Map.of("model", GPT2, "low_prob", "abstain",
          "min_mass", "0.99"));
      assertThat(abstain.predictProba(DOCS).row(0)).containsOnly(0f);
      assertThat(abstain.predict(DOCS)).allSatisfy(p -> assertThat(p.labels()).isEmpty());
      ClassifierModel warn = fit(ctx, Map.of("model", GPT2, "low_prob", "warn", "min_mass", "0.99"));
      List<Prediction> preds = warn.predict(DOCS);
      assertThat(preds).allSatisfy(p -> assertThat(p.labels()).hasSize(1));
      // below the mass the model gives, abstain changes nothing
      ClassifierModel loose = fit(ctx, Map.of("model", GPT2, "low_prob", "abstain",
          "min_mass", "0"));
      assertThat(loose.predict(DOCS)).allSatisfy(p -> assertThat(p.labels()).hasSize(1));
    }
  }

  @Test
  void badParametersAreNamed() {
    try (LoadContext ctx = LoadContext.standard()) {
      assertThatThrownBy(() -> fit(ctx, Map.of("model", GPT2, "temperature", "1")))
          .isInstanceOf(Classify4jException.class).hasMessageContaining("'temperature'");
      assertThatThrownBy(() -> fit(ctx, Map.of("model", GPT2, "low_prob", "maybe")))
          .hasMessageContaining("low_prob");
      assertThatThrownBy(() -> fit(ctx, Map.of("model", GPT2, "prompt", "Say {label}: {text}")))
          .hasMessageContaining("missing [labels]").hasMessageContaining("unknown [label]");
      assertThatThrownBy(() -> fit(ctx, Map.of("model", "no/such/dir")))
          .hasMessageContaining("parameter 'model'");
      assertThatThrownBy(() -> fit(ctx, Map.of()))
          .hasMessageContaining("-p model=DIR");
      assertThatThrownBy(() -> fit(ctx, Map.of("model", GPT2, "template", "alpaca")))
          .hasMessageContaining("parameter 'template'");
    }
  }

  @Test
  void aCustomPromptIsUsedAsWritten() {
    try (LoadContext ctx = LoadContext.standard()) {
      LocalLlmModel m = (LocalLlmModel) fit(ctx, Map.of("model", GPT2,
          "prompt", "Topic of {text} among {labels}?\\nAnswer: "));
      var trace = m.explain(Document.of("x", "a {label} text"), 2).get(0);
      assertThat(trace.prompt())
          .isEqualTo("Topic of a {label} text among positive, negative, neutral?\nAnswer: ");
      // the prompt ends with a space: the answers follow without another one
      assertThat(trace.answers().get(0).tokens().get(0)).doesNotStartWith(" ");
      assertThat(trace.generated()).isNotNull();
    }
  }

  @Test
  void savedModelsLoadWithTheSameScoresAndExamples(@TempDir Path tmp) {
    Dataset train = new Dataset(LabelSpace.ofNames("sports", "politics"), List.of(
        Example.of("1", "The team won.", "sports"), Example.of("2", "The vote failed.", "politics"),
        Example.of("3", "A late goal.", "sports")), false);
    try (LoadContext ctx = LoadContext.standard()) {
      Classifier spec = Methods.create("local-llm-few-shot",
          MethodParams.of(Map.of("model", GPT2, "max_examples", "2", "seed", "5")), ctx);
      SavableModel m = (SavableModel) spec.fit(train);
      assertThat(((LocalLlmModel) m).examples()).hasSize(2)
          .extracting(e -> e.labels().get(0)).containsExactlyInAnyOrder("sports", "politics");
      ModelStore.save(m, tmp.resolve("m"), Provenance.of(spec, train));
      try (LoadContext ctx2 = LoadContext.standard()) {
        LoadedModel loaded = ModelStore.load(tmp.resolve("m"), ctx2);
        assertThat(((LocalLlmModel) loaded.model()).examples())
            .isEqualTo(((LocalLlmModel) m).examples());
        assertThat(loaded.model().predictProba(DOCS).toArray())
            .isDeepEqualTo(m.predictProba(DOCS).toArray());
      }
    }
  }
}
