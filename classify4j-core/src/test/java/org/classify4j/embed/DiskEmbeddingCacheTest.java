package org.classify4j.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskEmbeddingCacheTest {
  @TempDir Path tempDir;

  /**
   * Vectors made from the bytes of the text, so the same text always gets the same vector; a
   * label gets another one than the same text as a document. Counts what it embeds.
   */
  static final class CountingEmbedder implements TextEmbedder {
    final AtomicLong documents = new AtomicLong();
    final AtomicLong labels = new AtomicLong();
    private final int dim;

    CountingEmbedder(int dim) {
      this.dim = dim;
    }

    @Override
    public String id() {
      return "counting:" + dim;
    }

    @Override
    public int dimension() {
      return dim;
    }

    @Override
    public float[][] embed(List<String> texts) {
      documents.addAndGet(texts.size());
      return texts.stream().map(t -> vector(t, 1)).toArray(float[][]::new);
    }

    @Override
    public float[][] embedLabels(List<String> texts) {
      labels.addAndGet(texts.size());
      return texts.stream().map(t -> vector(t, -1)).toArray(float[][]::new);
    }

    float[] vector(String text, int sign) {
      float[] v = new float[dim];
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < b.length; i++) {
        v[i % dim] += b[i] * (i + 1);
      }
      v[0] += sign * 1000;
      return Vectors.normalized(v);
    }

    long total() {
      return documents.get() + labels.get();
    }
  }

  @Test
  void secondInstanceOnTheSameFileEmbedsNothing() {
    Path file = tempDir.resolve("vectors.bin");
    CountingEmbedder counting = new CountingEmbedder(16);
    DiskEmbeddingCache first = new DiskEmbeddingCache(counting, file);
    float[][] a = first.embed(List.of("alpha beta", "gamma", "alpha beta"));
    long afterFirst = counting.total();
    DiskEmbeddingCache second = new DiskEmbeddingCache(counting, file);
    float[][] b = second.embed(List.of("gamma", "alpha beta"));
    assertThat(counting.total()).isEqualTo(afterFirst);
    assertThat(second.size()).isEqualTo(2);
    assertThat(b[0]).containsExactly(a[1]);
    assertThat(b[1]).containsExactly(a[0]);
    assertThat(a[0]).containsExactly(counting.vector("alpha beta", 1));
  }

  @Test
  void readsWhatAnotherInstanceAddedBeforeEmbeddingAMiss() {
    Path file = tempDir.resolve("shared.bin");
    CountingEmbedder counting = new CountingEmbedder(16);
    DiskEmbeddingCache a = new DiskEmbeddingCache(counting, file);
    DiskEmbeddingCache b = new DiskEmbeddingCache(counting, file);
    float[][] first = a.embed(List.of("delta", "epsilon"));
    long afterA = counting.total();
    float[][] again = b.embed(List.of("epsilon", "zeta"));
    assertThat(counting.total()).as("only zeta is new to both").isEqualTo(afterA + 1);
    assertThat(again[0]).containsExactly(first[1]);
    assertThat(b.size()).isEqualTo(3);
  }
}
