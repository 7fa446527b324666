package org.classify4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.classification.ClassificationResult;
import dev.langchain4j.classification.ScoredLabel;
import dev.langchain4j.classification.TextClassifier;
import dev.langchain4j.data.segment.TextSegment;
import java.util.List;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.embed.CentroidClassifier;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Test;

class Classify4jTextClassifierTest {
  static final ClassifierModel MODEL =
      CentroidClassifier.of(new HashingEmbedder(256)).fit(Fixtures.topics());
  static final String TEXT = "The players won the game and the fans cheered";

  private static float[] scores(String text) {
    ScoreMatrix s = MODEL.predictProba(List.of(Document.of("x", text)));
    return s.row(0);
  }

  @Test
  void theDefaultRuleReturnsTheArgmaxWithTheModelsScore() {
    TextClassifier<String> classifier = Classify4jTextClassifier.of(MODEL);

    ClassificationResult<String> r = classifier.classifyWithScores(TEXT);

    float[] s = scores(TEXT);
    assertThat(r.scoredLabels()).hasSize(1);
    ScoredLabel<String> top = r.scoredLabels().get(0);
    assertThat(top.label()).isEqualTo("sports");
    assertThat(top.score()).isCloseTo(s[MODEL.classes().indexOf("sports").getAsInt()],
        org.assertj.core.data.Offset.offset(1e-6));
    assertThat(classifier.classify(TEXT)).containsExactly("sports");
    assertThat(classifier.classify(TextSegment.from(TEXT))).containsExactly("sports");
  }

  @Test
  void aThresholdRuleReturnsEveryLabelAboveItBestFirst() {
    float[] s = scores(TEXT);
    // a threshold between the second and third scores: exactly two labels pass
    float[] sorted = s.clone();
    java.util.Arrays.sort(sorted);
    double t = (sorted[0] + sorted[1]) / 2.0;
    var classifier = Classify4jTextClassifier.of(MODEL, DecisionRule.threshold(t));

    List<ScoredLabel<String>> labels = classifier.classifyWithScores(TEXT).scoredLabels();

    assertThat(labels).hasSize(2);
    assertThat(labels.get(0).label()).isEqualTo("sports");
    assertThat(labels.get(0).score()).isGreaterThanOrEqualTo(labels.get(1).score());
    for (ScoredLabel<String> l : labels) {
      assertThat(l.score()).isCloseTo(s[MODEL.classes().indexOf(l.label()).getAsInt()],
          org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void anAbstainingRuleReturnsNoLabel() {
    var classifier = Classify4jTextClassifier.of(MODEL,
        new DecisionRules.Abstain(DecisionRule.argmax(), 1.0, 0.0));

    for (float v : scores(TEXT)) {
      assertThat(v).isLessThan(1f);
    }
    assertThat(classifier.classifyWithScores(TEXT).scoredLabels()).isEmpty();
    assertThat(classifier.classify(TEXT)).isEmpty();
  }

  @Test
  void manyTextsInOneCallGiveTheSameAnswersAsOneByOne() {
    var classifier = Classify4jTextClassifier.of(MODEL);
    List<String> texts = Fixtures.topicsTest().stream().map(e -> e.document().text()).toList();

    var all = classifier.classifyAllWithScores(texts);

    assertThat(all).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      assertThat(all.get(i)).isEqualTo(classifier.classifyWithScores(texts.get(i)));
      assertThat(all.get(i).scoredLabels()).hasSize(1);
    }
  }

  @Test
  void aMultiLabelModelReturnsTheLabelsItsOwnRuleKeeps() {
    ClassifierModel multi =
        CentroidClassifier.of(new HashingEmbedder(256)).fit(Fixtures.topicsMultiLabel());
    var classifier = Classify4jTextClassifier.of(multi);
    String text = "The players ate a pasta recipe the chef cooked after the match";

    List<String> labels = classifier.classify(text);

    float[] s = multi.predictProba(List.of(Document.of("x", text))).row(0);
    List<String> expected = new java.util.ArrayList<>();
    for (var p : multi.defaultRule().decide(multi.predictProba(List.of(Document.of("x", text))), 0)
        .labels()) {
      expected.add(p.label());
    }
    assertThat(multi.multiLabel()).isTrue();
    assertThat(classifier.rule()).isEqualTo(multi.defaultRule());
    assertThat(labels).containsExactlyElementsOf(expected);
    int above = 0;
    for (float v : s) {
      above += v >= 0.5f ? 1 : 0;
    }
    assertThat(labels).hasSize(above);
  }
}
