package org.classify4j.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Test;

/** C chosen by cross-validation and label texts as training examples. */
class LinearHeadOptionsTest {
  private final HashingEmbedder embedder = new HashingEmbedder(1024);

  @Test
  void crossValidationPicksACandidateAndIsDeterministic() {
    LinearHeadClassifier spec =
        LinearHeadClassifier.of(embedder).withCGrid(List.of(0.001, 10.0, 1000.0));
    Dataset train = Fixtures.topics();
    float[][] x = embedder.embed(train.texts());
    int[] y = new int[train.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = train.goldIndices()[i][0];
    }
    double c = spec.chooseC(x, y, 3);
    assertThat(c).isIn(0.001, 10.0, 1000.0);
    assertThat(spec.chooseC(x, y, 3)).isEqualTo(c);
    // a single candidate needs no search
    assertThat(LinearHeadClassifier.of(embedder).withCGrid(List.of(3.0)).chooseC(x, y, 3))
        .isEqualTo(3.0);
  }

  @Test
  void rankingAveragePrecisionOfOneRow() {
    float[] p = {0.9f, 0.1f, 0.5f};
    // gold 0 ranks 1st (1/1), gold 2 ranks 2nd with both gold above or at it (2/2)
    assertThat(LinearHeadClassifier.rankingAveragePrecision(p, 0, 3, new int[] {0, 2})).isEqualTo(1.0);
    // gold 1 ranks 3rd: 1/3
    assertThat(LinearHeadClassifier.rankingAveragePrecision(p, 0, 3, new int[] {1}))
        .isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
    // rows are read at their offset
    float[] two = {0f, 0f, 0f, 0.2f, 0.7f, 0.1f};
    assertThat(LinearHeadClassifier.rankingAveragePrecision(two, 3, 3, new int[] {2}))
        .isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(LinearHeadClassifier.rankingAveragePrecision(p, 0, 3, new int[0])).isZero();
  }

  @Test
  void multiLabelCrossValidationSearchesTheGridInsteadOfIgnoringIt() {
    Dataset train = Fixtures.topicsMultiLabel();
    float[][] x = embedder.embed(train.texts());
    int k = train.labels().size();
    LinearHeadClassifier spec =
        LinearHeadClassifier.of(embedder).withCGrid(List.of(0.0001, 100.0));
    // with C = 0.0001 the weights vanish and every document gets the same ranking (label priors)
    double c = spec.chooseCMultiLabel(x, train.goldIndices(), k);
    assertThat(c).isEqualTo(100.0);
    assertThat(spec.chooseCMultiLabel(x, train.goldIndices(), k)).isEqualTo(c);
    // and the fitted head is the one at that C, not at the default C = 1
    LinearHeadClassifier.Model chosen = spec.fit(train);
    LinearHeadClassifier.Model at100 =
        new LinearHeadClassifier(embedder, LogisticRegression.defaults().withC(100)).fit(train);
    assertThat(chosen.head().weights()).containsExactly(at100.head().weights());
  }

  @Test
  void labelTextsGiveALabelWithoutExamplesAScore() {
    List<Example> noComputers = new ArrayList<>();
    for (Example e : Fixtures.topics().examples()) {
      if (!e.labels().contains("computers")) {
        noComputers.add(e);
      }
    }
    Dataset train = new Dataset(Fixtures.TOPICS, noComputers, false);
    List<Document> doc = List.of(Document.of("q", "This text is about computers."));
    LinearHeadClassifier spec = new LinearHeadClassifier(embedder, LogisticRegression.defaults().withC(10));
    float plain = spec.fit(train).predictProba(doc).get(0, 2);
    float withTexts = spec.withLabelTexts(true).fit(train).predictProba(doc).get(0, 2);
    assertThat(withTexts).isGreaterThan(plain);
    assertThat(withTexts).isGreaterThan(0.34f);
  }

  @Test
  void methodParamsAcceptAutoCAndLabelTexts() {
    try (LoadContext ctx = LoadContext.standard().with(embedder)) {
      LinearHeadClassifier c =
          (LinearHeadClassifier)
              Methods.create(
                  "linear",
                  MethodParams.parse(
                      List.of("model=" + embedder.id(), "C=auto", "label_texts=true")),
                  ctx);
      assertThat(c.cGrid()).isEqualTo(LinearHeadClassifier.AUTO_C);
      assertThat(c.labelTexts()).isTrue();
      LinearHeadClassifier fixed =
          (LinearHeadClassifier)
              Methods.create(
                  "linear", MethodParams.parse(List.of("model=" + embedder.id(), "C=5")), ctx);
      assertThat(fixed.cGrid()).isEmpty();
      assertThat(fixed.regression().c()).isEqualTo(5.0);
    }
  }
}
