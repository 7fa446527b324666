package org.classify4j.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.classify4j.Classify4jException;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.linear.ClassWeighting;
import org.classify4j.testkit.ClassifierContract;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** TF-IDF + logistic regression passes the estimator contract, single- and multi-label. */
class TfidfLinearClassifierTest extends ClassifierContract {

  @Override
  protected Classifier spec(long seed) {
    return TfidfLinearClassifier.defaults().withMinDf(1);
  }

  @Override
  protected double minimumAccuracy() {
    return 5.0 / 6;
  }

  @Test
  void classifiesEveryHeldOutTopicDocument() {
    TfidfLinearModel m = TfidfLinearClassifier.defaults().withMinDf(1).fit(Fixtures.topics());
    List<Example> test = Fixtures.topicsTest();
    ScoreMatrix s = m.predictProba(Fixtures.documents(test));
    for (int i = 0; i < test.size(); i++) {
      assertThat(s.classes().name(s.argmax(i))).as(test.get(i).document().text())
          .isEqualTo(test.get(i).labels().get(0));
    }
    assertThat(m.multiLabel()).isFalse();
    assertThat(m.tfidf().terms()).contains("recipe", "code", "the team");
  }

  @Test
  void aTextWithNoKnownWordScoresZeroAndArgmaxAbstains() {
    TfidfLinearModel m = TfidfLinearClassifier.defaults().withMinDf(1).fit(Fixtures.topics());
    List<org.classify4j.data.Document> docs = List.of(
        org.classify4j.data.Document.of("none", "zzqx blorf wibble"),
        Fixtures.topicsTest().get(0).document());
    ScoreMatrix s = m.predictProba(docs);
    for (int j = 0; j < s.cols(); j++) {
      assertThat(s.get(0, j)).isZero();
    }
    assertThat(s.get(1, s.argmax(1))).isPositive();
    var p = m.predict(docs);
    assertThat(p.get(0).abstained()).isTrue();
    assertThat(p.get(0).labels()).isEmpty();
    assertThat(p.get(1).abstained()).isFalse();
  }

  @Test
  void paramsRecordTheSettings() {
    TfidfLinearClassifier c = TfidfLinearClassifier.defaults().withC(3).withNgramMax(1)
        .withClassWeighting(ClassWeighting.BALANCED);
    assertThat(c.method()).isEqualTo("tfidf-linear");
    assertThat(c.params()).containsEntry("c", 3.0).containsEntry("ngram_max", 1)
        .containsEntry("class_weighting", "BALANCED").containsEntry("min_df", 2);
  }

  @Test
  void unusedLabelsGetProbabilityZeroAndUnlabeledExamplesAreSkipped() {
    LabelSpace space = LabelSpace.ofNames("cooking", "unused", "sports");
    Dataset d = new Dataset(space, List.of(
        Example.of("1", "bake bread in the oven", "cooking"),
        Example.of("2", "the team won the match", "sports"),
        Example.of("3", "whisk eggs for the cake", "cooking"),
        Example.of("4", "players scored a goal", "sports"),
        Example.of("5", "no label here")), false);
    TfidfLinearModel m = TfidfLinearClassifier.defaults().withMinDf(1).fit(d);
    ScoreMatrix s = m.predictProba(Fixtures.documents(List.of(Example.of("t", "bake a cake"))));
    assertThat(s.get(0, 1)).isZero();
    assertThat(s.classes().name(s.argmax(0))).isEqualTo("cooking");
  }

  @Test
  void trainingDataWithoutLabelsIsAnError() {
    Dataset d = new Dataset(LabelSpace.ofNames("a", "b"),
        List.of(Example.of("1", "text without label")), false);
    assertThatThrownBy(() -> TfidfLinearClassifier.defaults().fit(d))
        .isInstanceOf(Classify4jException.class).hasMessageContaining("no labeled examples");
  }

  /** The same contract on multi-label data (one-vs-rest). */
  @Nested
  class MultiLabel extends ClassifierContract {
    @Override
    protected Classifier spec(long seed) {
      return TfidfLinearClassifier.defaults().withMinDf(1);
    }

    @Override
    protected Dataset trainData() {
      return Fixtures.topicsMultiLabel();
    }

    @Override
    protected double minimumAccuracy() {
      return 5.0 / 6;
    }

    @Test
    void mixedDocumentsGetBothLabels() {
      TfidfLinearModel m =
          TfidfLinearClassifier.defaults().withMinDf(1).fit(Fixtures.topicsMultiLabel());
      assertThat(m.multiLabel()).isTrue();
      ScoreMatrix s = m.predictProba(Fixtures.documents(List.of(
          Example.of("x", "the chef cooked a recipe for the players after the match"))));
      LabelSpace l = s.classes();
      assertThat(s.get(0, l.requireIndex("sports"))).isGreaterThan(0.5f);
      assertThat(s.get(0, l.requireIndex("cooking"))).isGreaterThan(0.5f);
      assertThat(s.get(0, l.requireIndex("computers"))).isLessThan(0.5f);
      assertThat(s.get(0, l.requireIndex("music"))).isZero();
    }
  }
}
