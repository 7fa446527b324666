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
