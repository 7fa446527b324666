package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.DiskEmbeddingCache;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.testkit.ClassifierContract;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DensePrototypeClassifierTest extends ClassifierContract {
  private final HashingEmbedder embedder = new HashingEmbedder(64);

  @Override
  protected Classifier spec(long seed) {
    return new DensePrototypeClassifier(embedder, "unseen", 10, 0, "");
  }

  @Override
  protected LoadContext loadContext() {
    return LoadContext.standard().with(embedder);
  }

  @Nested
  class MultiLabel extends SubjectContract {
    @Override
    protected Classifier spec(long seed) {
      return new DensePrototypeClassifier(embedder, "all", 5, 0, "");
    }

    @Override
    protected LoadContext loadContext() {
      return LoadContext.standard().with(embedder);
    }

  }

  /** The fixture with one more subject that no training document carries. */
  private static Dataset withUnseen() {
    Dataset train = SubjectFixtures.train();
    List<Label> more = new ArrayList<>(train.labels().labels());
    more.add(Label.ofSubject("http://example.org/subject/x", "Volcanic eruptions"));
    return Dataset.of(LabelSpace.of(more), train.examples());
  }

  @Test
  void unseenLabelsAreReachedThroughTheirNamesOnlyWhenAsked() {
    Dataset train = withUnseen();
    int unseen = train.labels().size() - 1;
    List<Document> doc = List.of(Document.of("v", "Volcanic eruptions and lava flows"));
    DensePrototypeModel withNames =
        new DensePrototypeClassifier(embedder, "unseen", 3, 0, "").fit(train);
    DensePrototypeModel without =
        new DensePrototypeClassifier(embedder, "none", 3, 0, "").fit(train);
    assertThat(withNames.prototypes()).isEqualTo(train.labels().size());
    assertThat(without.prototypes()).isEqualTo(train.labels().size() - 1);
    ScoreMatrix a = withNames.predictProba(doc);
    assertThat(a.argmax(0)).isEqualTo(unseen);
    assertThat(without.predictProba(doc).get(0, unseen)).isZero();
  }

  @Test
  void ranksTheRightSubjectsHighAndScoresAtMostCandidates() {
    Dataset train = SubjectFixtures.train();
    DensePrototypeModel m = new DensePrototypeClassifier(embedder, "none", 2, 0, "").fit(train);
    List<Example> test = SubjectFixtures.test();
    ScoreMatrix s = m.predictProba(SubjectFixtures.documents(test));
    int hits = 0;
    for (int i = 0; i < test.size(); i++) {
      int scored = 0;
      for (int j = 0; j < train.labels().size(); j++) {
        if (s.get(i, j) > 0) {
          scored++;
          hits += test.get(i).labels().contains(train.labels().name(j)) ? 1 : 0;
        }
      }
      assertThat(scored).isLessThanOrEqualTo(2);
    }
    // hashed bag-of-words vectors share few words between these sentences: chance is 2 of 8
    assertThat(hits).as("right subject among the 2 scored").isGreaterThanOrEqualTo(6);
  }

  @Test
  void cacheKeepsLabelNamesApartFromDocuments() {
    Path file = tempDir.resolve("vectors.bin");
    HashingEmbedder counting = new HashingEmbedder(16);
    new DensePrototypeClassifier(counting, "unseen", 3, 0, file.toString()).fit(withUnseen());
    long first = counting.textsEmbedded();
    new DensePrototypeClassifier(counting, "unseen", 3, 0, file.toString()).fit(withUnseen());
    assertThat(counting.textsEmbedded()).as("documents and the name embedded once").isEqualTo(first);
    DiskEmbeddingCache cache = new DiskEmbeddingCache(counting, file);
    int before = cache.size();
    cache.embed(List.of("Volcanic eruptions"));
    assertThat(cache.size()).as("the same text as a document is another entry").isEqualTo(before + 1);
  }

  @Test
  void foundByNameWithParameters() {
    try (LoadContext ctx = LoadContext.standard().with(embedder)) {
      Classifier c = Methods.create("dense-proto", MethodParams.of(Map.of("model", embedder.id(),
          "names", "all", "candidates", "7")), ctx);
      assertThat(c.params()).containsEntry("names", "all").containsEntry("candidates", 7);
    }
  }
}
