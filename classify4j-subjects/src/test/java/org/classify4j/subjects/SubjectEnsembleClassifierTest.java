package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.testkit.ClassifierContract;
import org.junit.jupiter.api.Test;

class SubjectEnsembleClassifierTest extends SubjectContract {

  static SubjectEnsembleClassifier spec(long seed, String dev) {
    return new SubjectEnsembleClassifier(List.of(
        new SubjectEnsembleClassifier.Part("tree", LabelTreeClassifierTest.small(seed)),
        new SubjectEnsembleClassifier.Part("lexical", new LexicalClassifier("english", 1.0, seed))),
        dev, 0.2, 20, seed);
  }

  @Override
  protected Classifier spec(long seed) {
    return spec(seed, "");
  }


  @Test
  void tunesOnADevFileAndSavesTheRuleWithTheModel() throws Exception {
    Path dev = tempDir.resolve("dev.jsonl");
    StringBuilder sb = new StringBuilder();
    for (Example e : SubjectFixtures.test()) {
      sb.append("{\"text\": \"").append(e.document().text()).append("\", \"labels\": [\"")
          .append(e.labels().get(0)).append("\"]}\n");
    }
    Files.writeString(dev, sb.toString());
    Dataset train = SubjectFixtures.train();
    SubjectEnsembleModel m = spec(1, dev.toString()).fit(train);
    double[] w = m.weights();
    assertThat(w[0] + w[1]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    DecisionRule rule = m.defaultRule();
    Path dir = tempDir.resolve("m");
    ModelStore.save(m, dir, Provenance.of(spec(1, dev.toString()), train), rule);
    try (LoadContext ctx = LoadContext.standard()) {
      LoadedModel loaded = ModelStore.load(dir, ctx);
      assertThat(loaded.model().defaultRule()).isEqualTo(rule);
      assertThat(loaded.model().classes().get(0).uri()).isEqualTo("http://example.org/subject/0");
    }
  }

  @Test
  void refitFitsTheComponentsOnTrainAndDevTogetherAndKeepsTheTuning() throws Exception {
    Path dev = tempDir.resolve("dev-refit.jsonl");
    StringBuilder sb = new StringBuilder();
    List<Example> devExamples = new java.util.ArrayList<>();
    for (Example e : SubjectFixtures.test()) {
      sb.append("{\"text\": \"").append(e.document().text()).append("\", \"labels\": [\"")
          .append(e.labels().get(0)).append("\"]}\n");
      devExamples.add(new Example(e.document(), List.of(e.labels().get(0))));
    }
    Files.writeString(dev, sb.toString());
    Dataset train = SubjectFixtures.train();
    SubjectEnsembleClassifier plainSpec = spec(4, dev.toString());
    SubjectEnsembleClassifier refitSpec = plainSpec.withRefit(true);
    SubjectEnsembleModel plain = plainSpec.fit(train);
    SubjectEnsembleModel refit = refitSpec.fit(train);

    // the tuning is the first fit's
    assertThat(refit.weights()).isEqualTo(plain.weights());
    assertThat(refit.defaultRule()).isEqualTo(plain.defaultRule());
    assertThat(refit.tuning()).containsEntry("refit_docs", train.size() + devExamples.size());

    // the components are those fitted on train and dev together
    List<Example> both = new java.util.ArrayList<>(train.examples());
    both.addAll(devExamples);
    Dataset all = new Dataset(train.labels(), both, train.multiLabel());
    LabelTreeModel expected = (LabelTreeModel) LabelTreeClassifierTest.small(4).fit(all);
    LabelTreeModel firstFit = (LabelTreeModel) plain.components().get("tree");
    LabelTreeModel got = (LabelTreeModel) refit.components().get("tree");
    List<org.classify4j.data.Document> docs = SubjectFixtures.documents(SubjectFixtures.test());
    assertThat(got.predictProba(docs).toArray()).isDeepEqualTo(expected.predictProba(docs).toArray());
    assertThat(java.util.Arrays.deepEquals(got.predictProba(docs).toArray(),
        firstFit.predictProba(docs).toArray())).as("dev adds records the tree learns from").isFalse();

    // saved with its parameter, and the stacker refuses it
    Path dir = tempDir.resolve("m-refit");
    ModelStore.save(refit, dir, Provenance.of(refitSpec, train), refit.defaultRule());
    try (LoadContext ctx = LoadContext.standard()) {
      SubjectEnsembleModel loaded = (SubjectEnsembleModel) ModelStore.load(dir, ctx).model();
      assertThat(loaded.paramsMap()).containsEntry("refit", true);
      assertThat(loaded.predictProba(docs).toArray())
          .isDeepEqualTo(refit.predictProba(docs).toArray());
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> refitSpec.stacked(5, 3, 1.0, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refit");
  }

  @Test
  void threeComponentsIncludingDenseKnnSaveAndLoad() {
    org.classify4j.testkit.HashingEmbedder e = new org.classify4j.testkit.HashingEmbedder(32);
    SubjectEnsembleClassifier spec = new SubjectEnsembleClassifier(List.of(
        new SubjectEnsembleClassifier.Part("tree", LabelTreeClassifierTest.small(1)),
        new SubjectEnsembleClassifier.Part("lexical", new LexicalClassifier("english", 1.0, 1)),
        new SubjectEnsembleClassifier.Part("knn", new DenseKnnClassifier(e, 3, 0.05, 0, ""))),
        "", 0.25, 20, 1);
    Dataset train = SubjectFixtures.train();
    SubjectEnsembleModel m = spec.fit(train);
    assertThat(m.weights()).hasSize(3);
    Path dir = tempDir.resolve("m3");
    ModelStore.save(m, dir, Provenance.of(spec, train), m.defaultRule());
    List<org.classify4j.data.Document> docs = SubjectFixtures.documents(SubjectFixtures.test());
    try (LoadContext ctx = LoadContext.standard().with(e)) {
      float[][] loaded = ModelStore.load(dir, ctx).model().predictProba(docs).toArray();
      assertThat(loaded).isDeepEqualTo(m.predictProba(docs).toArray());
    }
  }

  @Test
  void denseComponentsWithOneEmbedderEmbedEachBatchOnce() {
    org.classify4j.testkit.HashingEmbedder e = new org.classify4j.testkit.HashingEmbedder(32);
    SubjectEnsembleClassifier spec = new SubjectEnsembleClassifier(List.of(
        new SubjectEnsembleClassifier.Part("knn", new DenseKnnClassifier(e, 3, 0.05, 0, "")),
        new SubjectEnsembleClassifier.Part("proto",
            new DensePrototypeClassifier(e, "unseen", 5, 0, ""))),
        "", 0.25, 20, 1);
    SubjectEnsembleModel fitted = spec.fit(SubjectFixtures.train());
    // both dense components weighted (tuning on this tiny fixture may zero one of them)
    SubjectEnsembleModel m = new SubjectEnsembleModel(fitted.classes(), fitted.multiLabel(),
        Map.of(), List.of("knn", "proto"), List.of(
            (SubjectComponent) fitted.components().get("knn"),
            (SubjectComponent) fitted.components().get("proto")),
        new double[] {0.5, 0.5}, new Isotonic[] {Isotonic.identity(), Isotonic.identity()},
        Isotonic.identity(), 3, 0.0, 20, Map.of());
    List<org.classify4j.data.Document> docs = SubjectFixtures.documents(SubjectFixtures.test());
    int before = e.calls();
    List<SparseScores> shared = m.scoreAll(docs);
    assertThat(e.calls() - before).isEqualTo(1);
    // the same scores as each component embedding the batch itself
    List<SparseScores> knn = ((DenseKnnModel) m.components().get("knn")).scoreAll(docs);
    List<SparseScores> proto = ((DensePrototypeModel) m.components().get("proto")).scoreAll(docs);
    assertThat(e.calls() - before).isEqualTo(3);
    DenseKnnModel k = (DenseKnnModel) m.components().get("knn");
    List<SparseScores> knnFromVectors = k.scoreVectors(k.embed(docs));
    for (int i = 0; i < docs.size(); i++) {
      assertThat(knnFromVectors.get(i).cols).isEqualTo(knn.get(i).cols);
      assertThat(knnFromVectors.get(i).scores).isEqualTo(knn.get(i).scores);
    }
    assertThat(shared).hasSize(docs.size());
    assertThat(proto).hasSize(docs.size());
  }

  @Test
  void forestAndDensePrototypeComponentsSaveAndLoad() {
    org.classify4j.testkit.HashingEmbedder e = new org.classify4j.testkit.HashingEmbedder(32);
    SubjectEnsembleClassifier spec = new SubjectEnsembleClassifier(List.of(
        new SubjectEnsembleClassifier.Part("tree",
            new LabelTreeClassifier("english", 2, 1, 2, 3, 2, 1.0, 5, 50, 0.0, 1, 3)),
        new SubjectEnsembleClassifier.Part("proto",
            new DensePrototypeClassifier(e, "unseen", 5, 0, ""))),
        "", 0.25, 20, 1);
    Dataset train = SubjectFixtures.train();
    SubjectEnsembleModel m = spec.fit(train);
    assertThat(m.weights()).hasSize(2);
    Path dir = tempDir.resolve("m-proto");
    ModelStore.save(m, dir, Provenance.of(spec, train), m.defaultRule());
    List<org.classify4j.data.Document> docs = SubjectFixtures.documents(SubjectFixtures.test());
    try (LoadContext ctx = LoadContext.standard().with(e)) {
      SubjectEnsembleModel loaded = (SubjectEnsembleModel) ModelStore.load(dir, ctx).model();
      assertThat(((LabelTreeModel) loaded.components().get("tree")).trees()).isEqualTo(2);
      assertThat(((DensePrototypeModel) loaded.components().get("proto")).params())
          .containsEntry("names", "unseen");
      assertThat(loaded.predictProba(docs).toArray()).isDeepEqualTo(m.predictProba(docs).toArray());
    }
  }

  @Test
  void componentsFittedBeforeGiveTheSameEnsembleAndMustMatchItsParams() throws Exception {
    Path dev = tempDir.resolve("dev2.jsonl");
    StringBuilder sb = new StringBuilder();
    for (Example e : SubjectFixtures.test()) {
      sb.append("{\"text\": \"").append(e.document().text()).append("\", \"labels\": [\"")
          .append(e.labels().get(0)).append("\"]}\n");
    }
    Files.writeString(dev, sb.toString());
    Dataset train = SubjectFixtures.train();
    LabelTreeModel tree = LabelTreeClassifierTest.small(1).fit(train);
    // saved and loaded, as the benchmark takes them
    Path treeDir = tempDir.resolve("tree");
    ModelStore.save(tree, treeDir, Provenance.of(LabelTreeClassifierTest.small(1), train));
    org.classify4j.persist.SavableModel loadedTree;
    try (LoadContext ctx = LoadContext.standard()) {
      loadedTree = (org.classify4j.persist.SavableModel) ModelStore.load(treeDir, ctx).model();
    }
    SubjectEnsembleModel whole = spec(1, dev.toString()).fit(train);
    SubjectEnsembleModel reused = spec(1, dev.toString()).fit(train, Map.of("tree", loadedTree));
    List<org.classify4j.data.Document> docs = SubjectFixtures.documents(SubjectFixtures.test());
    assertThat(reused.weights()).containsExactly(whole.weights());
    assertThat(reused.predictProba(docs).toArray()).isDeepEqualTo(whole.predictProba(docs).toArray());
    assertThat(reused.tuning().get("fit_seconds").toString()).contains("tree=fitted before");

    LabelTreeModel otherSeed = LabelTreeClassifierTest.small(2).fit(train);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> spec(1, dev.toString()).fit(train, Map.of("tree", otherSeed)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed=2");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> spec(1, dev.toString()).fit(train, Map.of("lexical", otherSeed)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a lexical");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> spec(1, "").fit(train, Map.of("tree", tree)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dev=FILE");
  }

  @Test
  void rankedSelectsTheBestColumnsAboveTheThresholdTiesByColumn() {
    SparseScores r = new SparseScores(new int[] {2, 5, 7, 9, 11, 12},
        new float[] {0.3f, 0.9f, 0.3f, 0f, 0.5f, 0.1f});
    assertThat(SubjectEnsembleClassifier.ranked(r, 3, 0.0)).containsExactly(5, 11, 2);
    assertThat(SubjectEnsembleClassifier.ranked(r, 10, 0.0)).containsExactly(5, 11, 2, 7, 12);
    assertThat(SubjectEnsembleClassifier.ranked(r, 5, 0.3)).containsExactly(5, 11, 2, 7);
    assertThat(SubjectEnsembleClassifier.ranked(r, 1, 0.95)).isEmpty();
    assertThat(SubjectEnsembleClassifier.ranked(new SparseScores(new int[0], new float[0]), 5, 0))
        .isEmpty();
  }

  @Test
  void simplexGridCoversWeightsSummingToOne() {
    List<double[]> g = SubjectEnsembleClassifier.simplex(3, 20);
    assertThat(g).hasSize(231);
    assertThat(g).allSatisfy(w -> assertThat(w[0] + w[1] + w[2])
        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9)));
  }

  @Test
  void foundByNameWithComponentParameters() {
    try (LoadContext ctx = LoadContext.standard()) {
      Classifier c = Methods.create("subject-ensemble",
          MethodParams.of(Map.of("tree.beam", "4", "lexical.analyzer", "plain")), ctx);
      assertThat(c.params()).containsEntry("tree.beam", 4)
          .containsEntry("lexical.analyzer", "plain");
    }
  }
}
