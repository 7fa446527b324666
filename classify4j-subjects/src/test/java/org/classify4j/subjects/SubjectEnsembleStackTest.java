package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.testkit.ClassifierContract;
import org.junit.jupiter.api.Test;

/** The subject ensemble with the learned combiner ({@code combine=stack}). */
class SubjectEnsembleStackTest extends SubjectContract {

  static SubjectEnsembleClassifier spec(long seed, String dev) {
    return new SubjectEnsembleClassifier(List.of(
        new SubjectEnsembleClassifier.Part("tree", LabelTreeClassifierTest.small(seed)),
        new SubjectEnsembleClassifier.Part("lexical", new LexicalClassifier("english", 1.0, seed)),
        new SubjectEnsembleClassifier.Part("sknn", TfidfKnnClassifier.defaults())),
        dev, 0.3, 20, seed).stacked(5, 3, 1.0, true);
  }

  @Override
  protected Classifier spec(long seed) {
    return spec(seed, "");
  }


  @Test
  void savesTheStackerAndLoadsTheSameScoresAndRule() {
    Dataset train = SubjectFixtures.train();
    SubjectEnsembleModel m = spec(1, "").fit(train);
    assertThat(m.combine()).isEqualTo("stack");
    assertThat(m.tuning()).containsKeys("oof_f1_at_5", "oof_decided_f1");
    Path dir = tempDir.resolve("stack");
    ModelStore.save(m, dir, Provenance.of(spec(1, ""), train), m.defaultRule());
    List<Document> docs = SubjectFixtures.documents(SubjectFixtures.test());
    try (LoadContext ctx = LoadContext.standard()) {
      LoadedModel loaded = ModelStore.load(dir, ctx);
      SubjectEnsembleModel back = (SubjectEnsembleModel) loaded.model();
      assertThat(back.combine()).isEqualTo("stack");
      assertThat(back.defaultRule()).isEqualTo(m.defaultRule());
      assertThat(back.predictProba(docs).toArray()).isDeepEqualTo(m.predictProba(docs).toArray());
      assertThat(back.paramsMap()).containsEntry("combine", "stack")
          .containsEntry("stack.depth", 5).containsEntry("stack.folds", 3);
    }
  }

  @Test
  void foundByNameWithCombineStackAndWeightsStayTheDefault() {
    try (LoadContext ctx = LoadContext.standard()) {
      Classifier stack = Methods.create("subject-ensemble", MethodParams.of(Map.of(
          "combine", "stack", "stack.depth", "40", "stack.freq", "false")), ctx);
      assertThat(stack.params()).containsEntry("combine", "stack")
          .containsEntry("stack.depth", 40).containsEntry("stack.freq", false);
      Classifier plain = Methods.create("subject-ensemble", MethodParams.empty(), ctx);
      assertThat(plain.params()).containsEntry("combine", "weights")
          .doesNotContainKey("stack.depth");
      assertThatThrownBy(() -> Methods.create("subject-ensemble",
          MethodParams.of(Map.of("combine", "vote")), ctx))
          .hasMessageContaining("combine is weights or stack");
    }
  }

  @Test
  void candidatesAreTheUnionOfEachComponentsTopWithTheirFeatures() {
    SparseScores a = new SparseScores(new int[] {1, 2, 3}, new float[] {0.9f, 0.5f, 0.1f});
    SparseScores b = new SparseScores(new int[] {3, 4}, new float[] {0.2f, 0.8f});
    Isotonic[] cal = {Isotonic.identity(), Isotonic.identity()};
    int[] freq = {0, 5, 0, 2, 0};
    Stacker.Candidates c = Stacker.candidates(List.of(a, b), cal, freq, 2, true);
    // a's top 2 (1, 2), then b's top 2 (4, 3)
    assertThat(c.cols()).containsExactly(1, 2, 4, 3);
    assertThat(c.x()[0]).hasSize(Stacker.featureCount(2));
    double[] label1 = c.x()[0];
    double[] label3 = c.x()[3];
    int d = Stacker.featureCount(2);
    assertThat(label1[0]).isEqualTo(1.0);
    // component a: score 0.9, log, present, rank 1, relative to its best 1.0
    assertThat(label1[1]).isCloseTo(0.9, within(1e-5)); // identity map plus its 1e-6·s tie term
    assertThat(label1[2]).isCloseTo(Math.log(0.9), within(1e-5));
    assertThat(label1[3]).isEqualTo(1.0);
    assertThat(label1[4]).isEqualTo(1.0);
    assertThat(label1[5]).isCloseTo(1.0, within(1e-9));
    // component b does not propose label 1: zeros and the log of the floor
    assertThat(label1[6]).isZero();
    assertThat(label1[7]).isCloseTo(Math.log(1e-3), within(1e-9));
    assertThat(label1[8]).isZero();
    // label 3: only in b's top 2 (a ranks it third), at rank 2, 0.2 of b's best 0.8
    assertThat(label3[3]).isZero();
    assertThat(label3[8]).isEqualTo(1.0);
    assertThat(label3[9]).isCloseTo(0.5, within(1e-9));
    assertThat(label3[10]).isCloseTo(0.25, within(1e-6));
    // proposed by one of two components; label frequency 2 (log1p) and seen
    assertThat(label3[d - 3]).isEqualTo(0.5);
    assertThat(label3[d - 2]).isCloseTo(Math.log1p(2), within(1e-9));
    assertThat(label3[d - 1]).isEqualTo(1.0);
    assertThat(c.x()[1][d - 1]).isZero();
    Stacker.Candidates noFreq = Stacker.candidates(List.of(a, b), cal, freq, 2, false);
    assertThat(noFreq.x()[3][d - 2]).isZero();
  }

  @Test
  void foldsDealEveryDocumentToOneFoldOfNearlyEqualSize() {
    int[] f = Stacker.folds(103, 5, 7);
    int[] size = new int[5];
    for (int x : f) {
      size[x]++;
    }
    assertThat(Arrays.stream(size).boxed().toList()).allSatisfy(s -> assertThat(s).isBetween(20, 21));
    assertThat(Stacker.folds(103, 5, 7)).isEqualTo(f);
  }

  /**
   * Synthetic scores where neither component tells the gold label from the others (all scores
   * uniform; one of the two, by turns, proposes it among nine others, the other proposes ten
   * others), but gold labels are frequent in training and the others never seen: one weight per
   * component cannot use that, the stacker's label-frequency features can (out of fold), and
   * without them it does not.
   */
  @Test
  void learnsFromTheLabelFrequencyWhichWeightsCannotUse() {
    SplittableRandom rnd = new SplittableRandom(3);
    int m = 600;
    int k = 200;
    int[] freq = new int[k];
    Arrays.fill(freq, 0, 50, 10);
    List<SparseScores> a = new ArrayList<>();
    List<SparseScores> b = new ArrayList<>();
    int[][] gold = new int[m][];
    for (int i = 0; i < m; i++) {
      int g = rnd.nextInt(50);
      gold[i] = new int[] {g};
      a.add(row(rnd, i % 2 == 0 ? g : -1));
      b.add(row(rnd, i % 2 == 1 ? g : -1));
    }
    List<List<SparseScores>> raw = List.of(a, b);
    Map<String, Object> with = Stacker.crossFit(raw, gold, freq,
        new Stacker.Settings(10, 3, 1.0, true, 10, 1));
    Map<String, Object> without = Stacker.crossFit(raw, gold, freq,
        new Stacker.Settings(10, 3, 1.0, false, 10, 1));
    double stack = f1(with, "stack");
    assertThat(stack).isGreaterThan(0.33); // gold first in (nearly) every document: 2·1/(1 + 5)
    assertThat(stack).isGreaterThan(f1(with, "weights") + 0.1);
    assertThat(stack).isGreaterThan(f1(without, "stack") + 0.1);
  }

  private static double f1(Map<String, Object> report, String combiner) {
    return (double) ((Map<?, ?>) report.get(combiner)).get("oof_f1_at_5");
  }

  /**
   * Ten candidate labels with uniform scores: the gold one (unless it is -1) and never-seen ones
   * (50–199).
   */
  private static SparseScores row(SplittableRandom rnd, int gold) {
    int[] cols = new int[10];
    float[] v = new float[10];
    int first = 0;
    if (gold >= 0) {
      cols[0] = gold;
      v[0] = (float) rnd.nextDouble();
      first = 1;
    }
    for (int t = first; t < 10; t++) {
      int c;
      do {
        c = 50 + rnd.nextInt(150);
      } while (contains(cols, t, c));
      cols[t] = c;
      v[t] = (float) rnd.nextDouble();
    }
    return SparseScores.sortedByColumn(cols, v);
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }
}
