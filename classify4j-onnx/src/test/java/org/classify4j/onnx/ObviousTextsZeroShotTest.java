package org.classify4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.data.Document;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.PrototypeModel;
import org.classify4j.embed.ZeroShotClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Obvious texts against bare label names, with the zero-shot defaults and the bundled default
 * embedder (no download): issue 14's four texts, and issue 25's suite of 15 label sets and 74
 * texts ({@code obvious-texts.jsonl}, {@link ObviousTexts}), written before any model was run on
 * them.
 */
class ObviousTextsZeroShotTest {
  static OnnxTextEmbedder embedder;

  @BeforeAll
  static void load() {
    embedder = OnnxTextEmbedder.create();
  }

  @AfterAll
  static void unload() {
    embedder.close();
  }

  @Test
  void defaultsPutEachObviousTextUnderItsLabel() {
    LabelSpace labels =
        LabelSpace.of(
            List.of(
                Label.of("sports"),
                Label.of("politics"),
                Label.of("cooking"),
                Label.of("technology")));
    List<Document> docs =
        List.of(
            Document.of("1", "The striker scored twice in the cup final"),
            Document.of("2", "The senate voted against the new tax bill after a heated debate"),
            Document.of(
                "3", "Whisk the eggs with sugar, fold in the flour and bake for twenty minutes"),
            Document.of("4", "The new phone ships with a faster processor and a bigger battery"));
    PrototypeModel model = ZeroShotClassifier.of(embedder).forLabels(labels, false);
    List<Prediction> picked = DecisionRule.argmax().decideAll(model.predictProba(docs));
    assertThat(picked.stream().map(p -> p.labelNames().get(0)).toList())
        .containsExactly("sports", "politics", "cooking", "technology");
  }

  @Test
  void theSuiteHasTheSizeTheIssueAsksFor() {
    List<ObviousTexts.LabelSet> suite = ObviousTexts.load();
    assertThat(suite).hasSizeGreaterThanOrEqualTo(12);
    assertThat(ObviousTexts.size(suite)).isGreaterThanOrEqualTo(60);
    for (ObviousTexts.LabelSet s : suite) {
      assertThat(s.labels()).as(s.name()).containsAll(s.expected());
    }
  }

  /**
   * The issue's target is every text; the default (e5-small-v2-q) gets 72 of 74, the best of the
   * bundled models with bge-small-en-v1.5 (docs/benchmarks.md lists each model's misses). This
   * holds it there: a change that loses one more obvious text fails.
   */
  @Test
  void theDefaultEmbedderPutsAllButTwoSuiteTextsUnderTheirLabels() {
    List<ObviousTexts.Miss> misses = ObviousTexts.misses(embedder, ObviousTexts.load());
    assertThat(misses).as("misses: %s", misses).hasSizeLessThanOrEqualTo(2);
  }
}
