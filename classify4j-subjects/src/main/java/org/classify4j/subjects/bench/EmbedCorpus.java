package org.classify4j.subjects.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.data.Example;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.ExampleStream;
import org.classify4j.data.io.ReadOptions;
import org.classify4j.embed.DiskEmbeddingCache;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;

/**
 * Fills a {@link DiskEmbeddingCache} with the texts of data files, streaming them in batches:
 * {@code EmbedCorpus MODEL_ID CACHE_FILE MAX_CHARS data.jsonl[:LIMIT]...} (texts clipped to
 * MAX_CHARS as {@code dense-knn max_chars} does; LIMIT: only the first LIMIT records).
 */
public final class EmbedCorpus {
  private EmbedCorpus() {}

  public static void main(String[] args) {
    try (TextEmbedder e = Embedders.create(args[0])) {
      DiskEmbeddingCache cache = new DiskEmbeddingCache(e, Path.of(args[1]));
      int maxChars = Integer.parseInt(args[2]);
      for (int f = 3; f < args.length; f++) {
        String[] fl = args[f].split(":");
        int limit = fl.length > 1 ? Integer.parseInt(fl[1]) : Integer.MAX_VALUE;
        long t0 = System.nanoTime();
        int n = 0;
        try (ExampleStream s = DatasetReader.open(Path.of(fl[0]), ReadOptions.defaults())) {
          List<String> batch = new ArrayList<>();
          while (s.hasNext() && n + batch.size() < limit) {
            Example ex = s.next();
            batch.add(org.classify4j.subjects.DenseKnnClassifier.clip(ex.document().text(), maxChars));
            if (batch.size() == 64) {
              cache.embed(batch);
              n += batch.size();
              batch.clear();
              if (n % 1024 == 0) {
                System.err.printf("%s: %d texts, %.0fs%n", args[f], n, (System.nanoTime() - t0) / 1e9);
              }
            }
          }
          cache.embed(batch);
          n += batch.size();
        }
        System.err.printf("%s: %d texts in %.0fs (cache holds %d)%n", args[f], n,
            (System.nanoTime() - t0) / 1e9, cache.size());
      }
    }
  }
}
