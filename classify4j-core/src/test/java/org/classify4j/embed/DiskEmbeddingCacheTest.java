package org.classify4j.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  @Test
  void labelAndDocumentVectorsOfTheSameTextAreKeptApart() {
    Path file = tempDir.resolve("vectors.bin");
    CountingEmbedder counting = new CountingEmbedder(8);
    DiskEmbeddingCache cache = new DiskEmbeddingCache(counting, file);
    float[] doc = cache.embed(List.of("Volcanoes"))[0];
    float[] label = cache.embedLabels(List.of("Volcanoes"))[0];
    assertThat(counting.documents.get()).isEqualTo(1);
    assertThat(counting.labels.get()).as("a label is not served the document's vector").isEqualTo(1);
    assertThat(label).containsExactly(counting.vector("Volcanoes", -1));

    DiskEmbeddingCache reread = new DiskEmbeddingCache(counting, file);
    assertThat(reread.size()).isEqualTo(2);
    assertThat(reread.embedLabels(List.of("Volcanoes"))[0]).containsExactly(label);
    assertThat(reread.embed(List.of("Volcanoes"))[0]).containsExactly(doc);
    assertThat(counting.total()).isEqualTo(2);
  }

  @Test
  void aCutOffLastRecordIsIgnoredAndTheFileStaysUsable() throws IOException {
    Path file = tempDir.resolve("vectors.bin");
    CountingEmbedder counting = new CountingEmbedder(8);
    int record = 32 + 4 * 8;
    new DiskEmbeddingCache(counting, file).embed(List.of("one", "two"));
    assertThat(Files.size(file)).isEqualTo(2L * record);
    // a writer killed in the middle of its second record
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(record + 20);
    }

    DiskEmbeddingCache after = new DiskEmbeddingCache(counting, file);
    assertThat(after.size()).as("only the whole record is read").isEqualTo(1);
    long before = counting.total();
    float[][] v = after.embed(List.of("one", "two", "three"));
    assertThat(counting.total()).as("two and three embedded, one read").isEqualTo(before + 2);
    assertThat(Files.size(file)).as("the cut-off bytes are gone").isEqualTo(3L * record);

    CountingEmbedder fresh = new CountingEmbedder(8);
    DiskEmbeddingCache reread = new DiskEmbeddingCache(fresh, file);
    float[][] again = reread.embed(List.of("one", "two", "three"));
    assertThat(fresh.total()).as("every record after the cut lines up").isZero();
    for (int i = 0; i < 3; i++) {
      assertThat(again[i]).containsExactly(v[i]);
    }
  }

  @Test
  void twoInstancesAppendingFromManyThreadsKeepEveryRecordWhole() throws Exception {
    Path file = tempDir.resolve("vectors.bin");
    CountingEmbedder counting = new CountingEmbedder(32);
    DiskEmbeddingCache a = new DiskEmbeddingCache(counting, file);
    DiskEmbeddingCache b = new DiskEmbeddingCache(counting, file);
    int threads = 4;
    int batches = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        DiskEmbeddingCache cache = t % 2 == 0 ? a : b;
        int thread = t;
        done.add(pool.submit(() -> {
          for (int k = 0; k < batches; k++) {
            // overlapping batches: each text is wanted by two threads, one of each instance
            List<String> texts = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
              texts.add("text " + ((thread / 2) * 1000 + k * 10 + j));
            }
            cache.embed(texts);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    int distinct = 2 * batches * 10;
    assertThat(Files.size(file) % (32 + 4 * 32)).isZero();

    CountingEmbedder fresh = new CountingEmbedder(32);
    DiskEmbeddingCache reread = new DiskEmbeddingCache(fresh, file);
    assertThat(reread.size()).isEqualTo(distinct);
    List<String> all = new ArrayList<>();
    for (int half = 0; half < 2; half++) {
      for (int i = 0; i < batches * 10; i++) {
        all.add("text " + (half * 1000 + i));
      }
    }
    float[][] v = reread.embed(all);
    assertThat(fresh.total()).isZero();
    for (int i = 0; i < all.size(); i++) {
      assertThat(v[i]).as(all.get(i)).containsExactly(fresh.vector(all.get(i), 1));
    }
  }
}
