package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.testkit.ClassifierContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TfidfKnnClassifierTest extends ClassifierContract {

  @Override
  protected Classifier spec(long seed) {
    return new TfidfKnnClassifier("english", 2, 1, 5, 2.0);
  }

  @Nested
  class MultiLabel extends SubjectContract {
    @Override
    protected Classifier spec(long seed) {
      return new TfidfKnnClassifier("english", 2, 1, 3, 2.0);
    }

  }

  @Test
  void titleWeightRepeatsTheTitleAtFitAndAtPredictionAndIsSaved() {
    Dataset train = SubjectFixtures.titled(t -> t);
    TfidfKnnModel m = new TfidfKnnClassifier("english", 2, 1, 3, 2.0, 2).fit(train);
    TfidfKnnModel byHand = new TfidfKnnClassifier("english", 2, 1, 3, 2.0)
        .fit(SubjectFixtures.titled(t -> Analysis.withTitleWeighted(t, 2)));
    List<Document> docs = new java.util.ArrayList<>();
    List<Document> docsByHand = new java.util.ArrayList<>();
    for (Example e : train.examples()) {
      docs.add(e.document());
      docsByHand.add(Document.of(e.document().id(),
          Analysis.withTitleWeighted(e.document().text(), 2)));
    }
    assertThat(m.predictProba(docs).toArray())
        .isDeepEqualTo(byHand.predictProba(docsByHand).toArray());
    java.nio.file.Path dir = tempDir.resolve("sknn-title");
    org.classify4j.persist.ModelStore.save(m, dir,
        org.classify4j.persist.Provenance.of(new TfidfKnnClassifier("english", 2, 1, 3, 2.0, 2),
            train));
    try (org.classify4j.method.LoadContext ctx = org.classify4j.method.LoadContext.standard()) {
      assertThat(org.classify4j.persist.ModelStore.load(dir, ctx).model().predictProba(docs)
          .toArray()).isDeepEqualTo(m.predictProba(docs).toArray());
    }
  }

  @Test
  void aTextWithNoKnownWordScoresZeroAndArgmaxAbstains() {
    Dataset train = SubjectFixtures.train();
    for (boolean multi : List.of(false, true)) {
      Dataset d = multi ? train : singleLabel(train);
      TfidfKnnModel m = new TfidfKnnClassifier("english", 2, 1, 3, 2.0).fit(d);
      ScoreMatrix s = m.predictProba(List.of(Document.of("none", "zzqx blorf wibble")));
      for (int j = 0; j < s.cols(); j++) {
        assertThat(s.get(0, j)).as("multi=%s label %d", multi, j).isZero();
      }
      assertThat(org.classify4j.classify.DecisionRule.argmax().decide(s, 0).abstained()).isTrue();
    }
  }

  private static Dataset singleLabel(Dataset d) {
    List<Example> out = new java.util.ArrayList<>();
    for (Example e : d.examples()) {
      out.add(new Example(e.document(), List.of(e.labels().get(0))));
    }
    return Dataset.of(out);
  }

  @Test
  void aTrainingTextGetsItsOwnLabelsFirst() {
    Dataset train = SubjectFixtures.train();
    TfidfKnnModel m = new TfidfKnnClassifier("english", 2, 1, 1, 1.0).fit(train);
    ScoreMatrix s = m.predictProba(List.of(train.get(3).document()));
    assertThat(train.get(3).labels()).contains(train.labels().name(s.argmax(0)));
  }

  @Test
  void aTextSharingNoTermScoresNothing() {
    TfidfKnnModel m = new TfidfKnnClassifier("english", 1, 1, 3, 1.0).fit(SubjectFixtures.train());
    ScoreMatrix s = m.predictProba(List.of(Document.of("z", "qwerty zxcvb")));
    for (int j = 0; j < s.cols(); j++) {
      assertThat(s.get(0, j)).isZero();
    }
  }
}
