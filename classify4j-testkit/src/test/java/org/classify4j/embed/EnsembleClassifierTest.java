package org.classify4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Test;

class EnsembleClassifierTest {
  private final HashingEmbedder embedder = new HashingEmbedder(1024);

  @Test
  void scoresAreTheWeightedMeanOfTheMembers() {
    Dataset train = Fixtures.topics();
    List<Document> docs = Fixtures.topicsTest().stream().map(e -> e.document()).toList();
    Classifier a = CentroidClassifier.of(embedder);
    Classifier b = LinearHeadClassifier.of(embedder);
    EnsembleClassifier.Model m = new EnsembleClassifier(List.of(a, b), List.of(1.0, 3.0)).fit(train);
    float[][] sa = a.fit(train).predictProba(docs).toArray();
    float[][] sb = b.fit(train).predictProba(docs).toArray();
    float[][] s = m.predictProba(docs).toArray();
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s[i].length; j++) {
        assertThat((double) s[i][j]).isCloseTo(0.25 * sa[i][j] + 0.75 * sb[i][j], within(1e-5));
      }
    }
  }

  @Test
  void savesAndLoadsWithEveryMemberKindAndEmbedsABatchOnceAfterLoading(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    Dataset train = Fixtures.topics();
    List<Document> docs = Fixtures.topicsTest().stream().map(e -> e.document()).toList();
    EnsembleClassifier spec;
    try (LoadContext ctx = LoadContext.standard().with(embedder)) {
      spec = (EnsembleClassifier) Methods.create("ensemble", MethodParams.parse(List.of(
          "model=" + embedder.id(), "members=centroid,knn,linear,zero-shot,tfidf-linear")), ctx);
    }
    EnsembleClassifier.Model fitted = spec.fit(train);
    assertThat(fitted).isInstanceOf(org.classify4j.persist.SavableModel.class);
    java.nio.file.Path dir = tmp.resolve("ensemble");
    org.classify4j.persist.ModelStore.save((org.classify4j.persist.SavableModel) fitted, dir,
        org.classify4j.persist.Provenance.of(spec, train));
    int[] batches = {0};
    TextEmbedder counting = new TextEmbedder() {
      @Override
      public String id() {
        return embedder.id();
      }

      @Override
      public int dimension() {
        return embedder.dimension();
      }

      @Override
      public float[][] embed(List<String> texts) {
        batches[0]++;
        return embedder.embed(texts);
      }
    };
    try (LoadContext ctx = LoadContext.standard().with(counting)) {
      var loaded = org.classify4j.persist.ModelStore.load(dir, ctx).model();
      assertThat(loaded.classes()).isEqualTo(fitted.classes());
      int before = batches[0];
      float[][] again = loaded.predictProba(docs).toArray();
      assertThat(batches[0] - before).isEqualTo(1); // four embedding members, one batch embedded
      float[][] orig = fitted.predictProba(docs).toArray();
      for (int i = 0; i < orig.length; i++) {
        for (int j = 0; j < orig[i].length; j++) {
          assertThat((double) again[i][j]).isCloseTo(orig[i][j], within(1e-6));
        }
      }
    }
  }

  @Test
  void registryBuildsTheDefaultMembersAndRejectsUnknownOnes() {
    try (LoadContext ctx = LoadContext.standard().with(embedder)) {
      EnsembleClassifier e =
          (EnsembleClassifier)
              Methods.create("ensemble", MethodParams.parse(List.of("model=" + embedder.id())), ctx);
      assertThat(e.members().stream().map(Classifier::method).toList())
          .containsExactly("centroid", "knn", "linear");
      assertThatThrownBy(
              () ->
                  Methods.create(
                      "ensemble",
                      MethodParams.parse(List.of("model=" + embedder.id(), "members=centroid,magic")),
                      ctx))
          .hasMessageContaining("magic");
    }
  }
}
