package org.classify4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.persist.SavableModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every estimator passes. Subclass it in the estimator's tests and implement
 * {@link #spec(long)}; override the fixture methods when the estimator needs other data.
 *
 * <p>Checked: columns follow the training label space (also when it is not sorted); shape n×k;
 * scores in [0,1] and, for single-label models, rows summing to 1 (or all 0: no evidence); predict == default rule applied
 * to predictProba; fit leaves its input unchanged; the same seed gives the same scores; a document's
 * scores do not depend on the batch it is in; save → load gives the same scores; an empty batch
 * gives zero rows; and the model beats chance on clearly separable held-out documents.
 */
public abstract class ClassifierContract {

  @TempDir protected Path tempDir;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  /** The estimator under test, seeded with {@code seed}. */
  protected abstract Classifier spec(long seed);

  /** Training data; by default the single-label topics fixture. */
  protected Dataset trainData() {
    return Fixtures.topics();
  }

  /** Held-out documents with gold labels, clearly separable. */
  protected List<Example> testData() {
    return Fixtures.topicsTest();
  }

  /** What loading needs (embedders by id); closed after each test. */
  protected LoadContext loadContext() {
    return LoadContext.standard();
  }

  /** Tolerance for comparing scores computed twice. */
  protected double tolerance() {
    return 1e-6;
  }

  /** Minimum accuracy (top label) on {@link #testData()}. */
  protected double minimumAccuracy() {
    return 0.5;
  }

  protected <T extends AutoCloseable> T closeAfter(T resource) {
    toClose.add(resource);
    return resource;
  }

  @AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    toClose.clear();
  }

  private List<Document> testDocs() {
    return Fixtures.documents(testData());
  }

  private ClassifierModel fitted(long seed) {
    return spec(seed).fit(trainData());
  }

  @Test
  void columnsFollowTheTrainingLabelSpace() {
    Dataset train = trainData();
    ClassifierModel model = spec(1).fit(train);
    assertThat(model.classes()).isEqualTo(train.labels());
    ScoreMatrix s = model.predictProba(testDocs());
    assertThat(s.classes()).isEqualTo(train.labels());
    assertThat(s.rows()).isEqualTo(testDocs().size());
    assertThat(s.cols()).isEqualTo(train.labels().size());
    assertThat(model.multiLabel()).isEqualTo(train.multiLabel());
  }

  @Test
  void scoresAreProbabilities() {
    ClassifierModel model = fitted(1);
    ScoreMatrix s = model.predictProba(testDocs());
    for (int i = 0; i < s.rows(); i++) {
      double sum = 0;
      for (int j = 0; j < s.cols(); j++) {
        assertThat((double) s.get(i, j)).isBetween(0.0, 1.0);
        sum += s.get(i, j);
      }
      if (!model.multiLabel() && sum != 0) { // all zeros: no evidence, an abstention
        assertThat(sum).as("row %d sums to 1", i).isCloseTo(1.0, within(1e-4));
      }
    }
  }

  @Test
  void predictIsTheDefaultRuleAppliedToScores() {
    ClassifierModel model = fitted(1);
    List<Prediction> predicted = model.predict(testDocs());
    List<Prediction> byRule = model.defaultRule().decideAll(model.predictProba(testDocs()));
    assertThat(predicted).isEqualTo(byRule);
    List<Prediction> top2 = DecisionRule.limit(2, 0.0).decideAll(model.predictProba(testDocs()));
    assertThat(top2).allSatisfy(p -> assertThat(p.labels()).hasSizeLessThanOrEqualTo(2));
  }

  @Test
  void fitLeavesItsInputUnchanged() {
    Dataset train = trainData();
    List<Example> before = new ArrayList<>(train.examples());
    LabelSpace labelsBefore = LabelSpace.of(new ArrayList<>(train.labels().labels()));
    spec(1).fit(train);
    assertThat(train.examples()).isEqualTo(before);
    assertThat(train.labels()).isEqualTo(labelsBefore);
  }

  @Test
  void sameSeedGivesSameScores() {
    float[][] a = fitted(7).predictProba(testDocs()).toArray();
    float[][] b = fitted(7).predictProba(testDocs()).toArray();
    assertClose(a, b, 0.0);
  }

  @Test
  void scoresDoNotDependOnTheBatch() {
    ClassifierModel model = fitted(1);
    List<Document> docs = testDocs();
    float[][] batch = model.predictProba(docs).toArray();
    List<Document> reversed = new ArrayList<>(docs);
    java.util.Collections.reverse(reversed);
    float[][] rev = model.predictProba(reversed).toArray();
    for (int i = 0; i < docs.size(); i++) {
      float[] single = model.predictProba(List.of(docs.get(i))).row(0);
      assertClose(new float[][] {single}, new float[][] {batch[i]}, tolerance());
      assertClose(new float[][] {rev[docs.size() - 1 - i]}, new float[][] {batch[i]}, tolerance());
    }
  }

  @Test
  void emptyBatchGivesNoRows() {
    ScoreMatrix s = fitted(1).predictProba(List.of());
    assertThat(s.rows()).isZero();
  }

  @Test
  void saveThenLoadGivesTheSameScores() {
    ClassifierModel model = fitted(3);
    assertThat(model).as("estimators must be savable").isInstanceOf(SavableModel.class);
    Path dir = tempDir.resolve("model");
    ModelStore.save((SavableModel) model, dir, Provenance.of(spec(3), trainData()));
    try (LoadContext ctx = loadContext()) {
      LoadedModel loaded = ModelStore.load(dir, ctx);
      assertThat(loaded.model().classes()).isEqualTo(model.classes());
      assertThat(loaded.model().multiLabel()).isEqualTo(model.multiLabel());
      assertThat(loaded.decisionRule()).isEqualTo(model.defaultRule());
      assertClose(loaded.model().predictProba(testDocs()).toArray(),
          model.predictProba(testDocs()).toArray(), tolerance());
      assertThat(loaded.provenance().method()).isEqualTo(spec(3).method());
    }
  }

  @Test
  void beatsChanceOnSeparableDocuments() {
    ClassifierModel model = fitted(1);
    List<Example> test = testData();
    ScoreMatrix s = model.predictProba(Fixtures.documents(test));
    int correct = 0;
    for (int i = 0; i < test.size(); i++) {
      String top = s.classes().name(s.argmax(i));
      if (test.get(i).labels().contains(top)) {
        correct++;
      }
    }
    assertThat((double) correct / test.size()).isGreaterThanOrEqualTo(minimumAccuracy());
  }

  protected static void assertClose(float[][] a, float[][] b, double tol) {
    assertThat(a.length).isEqualTo(b.length);
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i].length).isEqualTo(b[i].length);
      for (int j = 0; j < a[i].length; j++) {
        assertThat((double) a[i][j]).as("score [%d][%d]", i, j).isCloseTo(b[i][j], within(tol));
      }
    }
  }
}
