package org.classify4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.classify4j.Classify4jException;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Test;

/** Behaviour of the embedding classifiers beyond the contract. */
class EmbeddingClassifiersTest {
  private final HashingEmbedder embedder = new HashingEmbedder(1024);

  @Test
  void labelNamesAreMadeReadable() {
    assertThat(LabelTexts.humanize("lost_or_stolen_card")).isEqualTo("lost or stolen card");
    assertThat(LabelTexts.humanize("comp.sys.ibm.pc.hardware")).isEqualTo("comp sys ibm pc hardware");
    assertThat(LabelTexts.humanize("cardArrival")).isEqualTo("card arrival");
    assertThat(LabelTexts.humanize("__")).isEqualTo("__");
    assertThat(LabelTexts.textsOf(Fixtures.TOPICS.get(0)))
        .containsExactly("sports", "sports: games, teams, players, matches and scores", "athletics");
  }

  @Test
  void cacheEmbedsEachDistinctTextOnce() {
    CachingTextEmbedder cache = new CachingTextEmbedder(embedder, 100);
    float[][] first = cache.embed(List.of("a b", "c d", "a b"));
    assertThat(embedder.textsEmbedded()).isEqualTo(2);
    float[][] second = cache.embed(List.of("c d", "e f"));
    assertThat(embedder.textsEmbedded()).isEqualTo(3);
    assertThat(first[0]).containsExactly(first[2]);
    assertThat(second[0]).containsExactly(first[1]);
    assertThat(second[0]).containsExactly(new HashingEmbedder(1024).embed(List.of("c d"))[0]);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(3);
    // a caller mutating a returned vector does not poison the cache
    second[0][0] = 42f;
    assertThat(cache.embed(List.of("c d"))[0][0]).isNotEqualTo(42f);
  }

  @Test
  void cacheDropsLeastRecentlyUsedPastCapacity() {
    CachingTextEmbedder cache = new CachingTextEmbedder(embedder, 2);
    cache.embed(List.of("one"));
    cache.embed(List.of("two"));
    cache.embed(List.of("one")); // one is now most recent
    cache.embed(List.of("three")); // evicts two
    long before = embedder.textsEmbedded();
    cache.embed(List.of("one"));
    assertThat(embedder.textsEmbedded()).isEqualTo(before);
    cache.embed(List.of("two"));
    assertThat(embedder.textsEmbedded()).isEqualTo(before + 1);
  }

  @Test
  void vectorIndexFindsTheSameNeighboursAsSortingEverything() {
    Random r = new Random(7);
    float[][] base = new float[300][];
    for (int i = 0; i < base.length; i++) {
      base[i] = randomUnit(r, 16);
    }
    float[][] queries = {randomUnit(r, 16), randomUnit(r, 16), base[17]};
    VectorIndex.Neighbours[] nn = new VectorIndex(base).search(queries, 5);
    for (int q = 0; q < queries.length; q++) {
      final float[] query = queries[q];
      Integer[] order = new Integer[base.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Float.compare(Vectors.dot(query, base[b]), Vectors.dot(query, base[a])));
      assertThat(nn[q].ids()).containsExactly(order[0], order[1], order[2], order[3], order[4]);
    }
    assertThat(nn[2].ids()[0]).isEqualTo(17);
    assertThat(nn[2].similarities()[0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(new VectorIndex(base).search(queries, 1000)[0].ids()).hasSize(300);
  }

  @Test
  void zeroShotNeedsNoTrainingData() {
    PrototypeModel m = ZeroShotClassifier.of(embedder).forLabels(Fixtures.TOPICS, false);
    ScoreMatrix s = m.predictProba(List.of(Document.of("x", "bake the bread with butter and flour")));
    assertThat(s.classes().name(s.argmax(0))).isEqualTo("cooking");
    double sum = 0;
    for (float v : s.row(0)) {
      sum += v;
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    // an empty training set is a zero-shot model too
    PrototypeModel viaFit = ZeroShotClassifier.of(embedder).fit(new Dataset(Fixtures.TOPICS, List.of(), false));
    assertThat(viaFit.predictProba(List.of(Document.of("x", "bake the bread with butter and flour"))).row(0))
        .containsExactly(s.row(0));
  }

  @Test
  void fittedTemperatureSharpensSeparableScores() {
    PrototypeModel fitted = ZeroShotClassifier.of(embedder).fit(Fixtures.topics());
    assertThat(fitted.calibration().temperature()).isBetween(0.002, 2.0);
    SimilarityCalibration c = SimilarityCalibration.defaults(false, 1.0);
    float[][] sims = {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.7f, 0.3f}};
    int[][] gold = {{0}, {1}, {0}};
    // gold always wins by ≥ 0.4: the likelihood keeps rising as T falls towards the bound
    assertThat(c.fit(sims, gold).temperature()).isLessThan(0.05);
  }

  @Test
  void centroidScoresALabelNeverSeenInTrainingByItsText() {
    Dataset train = Fixtures.topicsMultiLabel();
    assertThat(train.labelCounts()[train.labels().requireIndex("music")]).isZero();
    PrototypeModel m = CentroidClassifier.of(embedder).fit(train);
    ScoreMatrix s =
        m.predictProba(List.of(Document.of("m", "songs and albums by bands at concerts")));
    assertThat(s.classes().name(s.argmax(0))).isEqualTo("music");
  }

  @Test
  void knnVotesOfSingleLabelNeighboursSumToOne() {
    KnnClassifier.Model m = new KnnClassifier(embedder, 3, 0.05).fit(Fixtures.topics());
    ScoreMatrix s = m.predictProba(Fixtures.documents(Fixtures.topicsTest()));
    for (int i = 0; i < s.rows(); i++) {
      double sum = 0;
      for (float v : s.row(i)) {
        sum += v;
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
    // a training text is its own nearest neighbour
    ScoreMatrix own = m.predictProba(List.of(Fixtures.topics().get(0).document()));
    assertThat(own.classes().name(own.argmax(0))).isEqualTo("sports");
  }

  @Test
  void methodsAreFoundByNameAndParamsAreChecked() {
    try (LoadContext ctx = LoadContext.standard().with(embedder)) {
      MethodParams p = MethodParams.of(Map.of("model", embedder.id(), "k", "3"));
      assertThat(Methods.create("knn", p, ctx)).isEqualTo(new KnnClassifier(embedder, 3, 0.05));
      assertThatThrownBy(() -> Methods.create("knn", p.with("kk", "1"), ctx))
          .isInstanceOf(Classify4jException.class)
          .hasMessageContaining("no parameter 'kk'")
          .hasMessageContaining("temperature");
      assertThatThrownBy(() -> Methods.create("knn", p.with("k", "three"), ctx))
          .hasMessageContaining("parameter 'k': expected an integer, got 'three'");
      assertThatThrownBy(() -> Methods.create("nope", p, ctx))
          .hasMessageContaining("unknown method 'nope'")
          .hasMessageContaining("zero-shot");
      assertThatThrownBy(() -> MethodParams.parse(List.of("novalue")))
          .hasMessageContaining("expected key=value");
    }
  }

  private static float[] randomUnit(Random r, int d) {
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return Vectors.normalized(v);
  }

}
