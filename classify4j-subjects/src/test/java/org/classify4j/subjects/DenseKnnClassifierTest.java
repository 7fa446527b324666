package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.ClassifierContract;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DenseKnnClassifierTest extends ClassifierContract {
  private final HashingEmbedder embedder = new HashingEmbedder(64);

  @Override
  protected Classifier spec(long seed) {
    return new DenseKnnClassifier(embedder, 5, 0.05, 0, "");
  }

  @Override
  protected LoadContext loadContext() {
    return LoadContext.standard().with(embedder);
  }

  @Nested
  class MultiLabel extends SubjectContract {
    @Override
    protected Classifier spec(long seed) {
      return new DenseKnnClassifier(embedder, 3, 0.05, 0, "");
    }

    @Override
    protected LoadContext loadContext() {
      return LoadContext.standard().with(embedder);
    }

  }

  @Test
  void diskCacheEmbedsEachTextOnceAcrossInstances() {
    Path file = tempDir.resolve("vectors.bin");
    HashingEmbedder counting = new HashingEmbedder(16);
    DiskEmbeddingCache first = new DiskEmbeddingCache(counting, file);
    float[][] a = first.embed(List.of("alpha beta", "gamma", "alpha beta"));
    long afterFirst = counting.textsEmbedded();
    DiskEmbeddingCache second = new DiskEmbeddingCache(counting, file);
    float[][] b = second.embed(List.of("gamma", "alpha beta"));
    assertThat(counting.textsEmbedded()).isEqualTo(afterFirst);
    assertThat(second.size()).isEqualTo(2);
    assertThat(b[0]).containsExactly(a[1]);
    assertThat(b[1]).containsExactly(a[0]);
  }

  @Test
  void diskCacheReadsWhatAnotherInstanceAddedBeforeEmbeddingAMiss() {
    Path file = tempDir.resolve("shared.bin");
    HashingEmbedder counting = new HashingEmbedder(16);
    DiskEmbeddingCache a = new DiskEmbeddingCache(counting, file);
    DiskEmbeddingCache b = new DiskEmbeddingCache(counting, file);
    float[][] first = a.embed(List.of("delta", "epsilon"));
    long afterA = counting.textsEmbedded();
    float[][] again = b.embed(List.of("epsilon", "zeta"));
    assertThat(counting.textsEmbedded()).as("only zeta is new to both").isEqualTo(afterA + 1);
    assertThat(again[0]).containsExactly(first[1]);
    assertThat(b.size()).isEqualTo(3);
  }

  @Test
  void maxCharsEmbedsOnlyTheBeginning() {
    DenseKnnModel m = new DenseKnnClassifier(embedder, 3, 0.05, 12, "").fit(SubjectFixtures.train());
    float[] x = m.predictProba(List.of(Document.of("a", "Wind turbines and then something else")))
        .row(0);
    float[] y = m.predictProba(List.of(Document.of("b", "Wind turbines"))).row(0);
    assertThat(x).containsExactly(y);
  }
}
