package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.ClassifierContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LabelTreeClassifierTest extends ClassifierContract {

  static LabelTreeClassifier small(long seed) {
    return new LabelTreeClassifier("english", 2, 1, 2, 2, 1, 1.0, 5, 50, 0.0, 2, seed);
  }

  @Override
  protected Classifier spec(long seed) {
    return small(seed);
  }

  /** The contract again on a multi-label fixture with a deep tree (leaves of 2 labels). */
  @Nested
  class MultiLabel extends SubjectContract {
    @Override
    protected Classifier spec(long seed) {
      return small(seed);
    }

  }

  /** The contract for a forest of three trees (their scores averaged). */
  @Nested
  class Forest extends SubjectContract {
    @Override
    protected Classifier spec(long seed) {
      return new LabelTreeClassifier("english", 2, 1, 2, 3, 3, 1.0, 5, 50, 0.0, 2, seed);
    }

  }

  /** The contract with the title weighted (the fixture's texts have one line: no effect there). */
  @Nested
  class TitleWeighted extends SubjectContract {
    @Override
    protected Classifier spec(long seed) {
      return new LabelTreeClassifier("english", 2, 1, 2, 3, 2, 1.0, 5, 50, 0.0, 2, seed, 3);
    }
  }

  @Test
  void titleWeightRepeatsTheTitleAtFitAndAtPredictionAndIsSaved() throws Exception {
    LabelTreeClassifier weighted = new LabelTreeClassifier("english", 2, 1, 2, 3, 1, 1.0, 5, 50,
        0.0, 1, 7, 3);
    LabelTreeClassifier plain = new LabelTreeClassifier("english", 2, 1, 2, 3, 1, 1.0, 5, 50,
        0.0, 1, 7);
    LabelTreeModel m = weighted.fit(SubjectFixtures.titled(t -> t));
    // the same as repeating the title by hand in every text, for training and for prediction
    LabelTreeModel byHand = plain.fit(SubjectFixtures.titled(t -> Analysis.withTitleWeighted(t, 3)));
    List<Document> docs = new ArrayList<>();
    List<Document> docsByHand = new ArrayList<>();
    for (Example e : SubjectFixtures.titled(t -> t).examples()) {
      docs.add(e.document());
      docsByHand.add(Document.of(e.document().id(),
          Analysis.withTitleWeighted(e.document().text(), 3)));
    }
    assertThat(m.predictProba(docs).toArray())
        .isDeepEqualTo(byHand.predictProba(docsByHand).toArray());
    assertThat(java.util.Arrays.deepEquals(m.predictProba(docs).toArray(),
        plain.fit(SubjectFixtures.titled(t -> t)).predictProba(docs).toArray())).isFalse();
    assertThat(m.params()).containsEntry("title_weight", 3);
    java.nio.file.Path dir = tempDir.resolve("tree-title");
    org.classify4j.persist.ModelStore.save(m, dir,
        org.classify4j.persist.Provenance.of(weighted, SubjectFixtures.titled(t -> t)));
    try (LoadContext ctx = LoadContext.standard()) {
      org.classify4j.classify.ClassifierModel loaded =
          org.classify4j.persist.ModelStore.load(dir, ctx).model();
      assertThat(loaded.predictProba(docs).toArray()).isDeepEqualTo(m.predictProba(docs).toArray());
    }
  }

  @Test
  void forestAveragesTreesThatDiffer() {
    Dataset train = SubjectFixtures.train();
    LabelTreeClassifier one = new LabelTreeClassifier("english", 2, 1, 2, 3, 1, 1.0, 5, 50, 0.0,
        1, 7);
    LabelTreeModel forest = new LabelTreeClassifier("english", 2, 1, 2, 3, 3, 1.0, 5, 50, 0.0, 1,
        7).fit(train);
    LabelTreeModel single = one.fit(train);
    assertThat(forest.trees()).isEqualTo(3);
    assertThat(forest.nodes()).as("three trees' nodes").isGreaterThan(2 * single.nodes());
    List<Document> docs = SubjectFixtures.documents(SubjectFixtures.test());
    ScoreMatrix f = forest.predictProba(docs);
    ScoreMatrix s = single.predictProba(docs);
    boolean differs = false;
    int hits = 0;
    List<Example> test = SubjectFixtures.test();
    for (int i = 0; i < docs.size(); i++) {
      hits += test.get(i).labels().contains(train.labels().name(f.argmax(i))) ? 1 : 0;
      for (int j = 0; j < train.labels().size(); j++) {
        differs |= Math.abs(f.get(i, j) - s.get(i, j)) > 1e-6;
      }
    }
    assertThat(differs).as("the other trees (other clusterings) change the scores").isTrue();
    assertThat(hits).isGreaterThanOrEqualTo(test.size() - 1);
  }

  @Test
  void deepTreeRanksTheRightSubjectsFirst() {
    Dataset train = SubjectFixtures.train();
    LabelTreeModel m = small(1).fit(train);
    assertThat(m.nodes()).as("root, inner nodes and one node per used label")
        .isGreaterThan(train.labels().size());
    ScoreMatrix s = m.predictProba(SubjectFixtures.documents(SubjectFixtures.test()));
    int hits = 0;
    List<Example> test = SubjectFixtures.test();
    for (int i = 0; i < test.size(); i++) {
      String top = train.labels().name(s.argmax(i));
      hits += test.get(i).labels().contains(top) ? 1 : 0;
    }
    assertThat(hits).isGreaterThanOrEqualTo(test.size() - 1);
  }

  @Test
  void wideUnbalancedTreeAlsoRanksTheRightSubjectsFirst() {
    Dataset train = SubjectFixtures.train();
    LabelTreeModel m = new LabelTreeClassifier("english", 2, 1, 2, 3, 1, 1.0, 5, 50, 0.0, 1, 1)
        .fit(train);
    ScoreMatrix s = m.predictProba(SubjectFixtures.documents(SubjectFixtures.test()));
    List<Example> test = SubjectFixtures.test();
    int hits = 0;
    for (int i = 0; i < test.size(); i++) {
      hits += test.get(i).labels().contains(train.labels().name(s.argmax(i))) ? 1 : 0;
    }
    assertThat(hits).isGreaterThanOrEqualTo(test.size() - 1);
  }

  @Test
  void labelsWithoutExamplesScoreZero() {
    Dataset train = SubjectFixtures.train();
    List<org.classify4j.data.Label> more = new ArrayList<>(train.labels().labels());
    more.add(org.classify4j.data.Label.of("never seen"));
    Dataset wider = Dataset.of(LabelSpace.of(more), train.examples());
    LabelTreeModel m = small(1).fit(wider);
    ScoreMatrix s = m.predictProba(List.of(Document.of("x", "never seen in any training text")));
    assertThat(s.get(0, more.size() - 1)).isZero();
  }

  @Test
  void foundByNameWithParameters() {
    try (LoadContext ctx = LoadContext.standard()) {
      Classifier c = Methods.create("label-tree",
          MethodParams.of(Map.of("beam", "3", "max_leaf", "4", "trees", "3")), ctx);
      assertThat(c.params()).containsEntry("beam", 3).containsEntry("max_leaf", 4)
          .containsEntry("trees", 3);
    }
  }
}
