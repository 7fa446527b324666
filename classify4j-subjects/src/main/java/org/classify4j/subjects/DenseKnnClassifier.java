package org.classify4j.subjects;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.embed.DiskEmbeddingCache;
import org.classify4j.embed.TextEmbedder;

/**
 * Embedding kNN for many labels: the training documents' vectors are kept, a document's k nearest
 * (cosine, exact: a blocked brute-force matrix product, a few milliseconds per document at 20,000
 * vectors of 384 dimensions, so no approximate index is needed at this size) vote for their labels
 * with weight exp(cos / T); a label's score is its share of the votes. Scores are sparse (at most
 * the labels of k documents), which is what lets it sit in the subject ensemble. With {@code
 * cache} (a file) document vectors are kept on disk between runs; {@code max_chars} embeds only the
 * beginning of each text (title and first sentences), which makes embedding several times faster.
 */
public record DenseKnnClassifier(TextEmbedder embedder, int k, double temperature, int maxChars,
    String cache)
    implements Classifier {
  public static final String TYPE = "dense-knn";

  public DenseKnnClassifier {
    if (k < 1 || temperature <= 0 || maxChars < 0) {
      throw new IllegalArgumentException("dense-knn: k ≥ 1, temperature > 0, max_chars ≥ 0");
    }
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", embedder.id());
    m.put("k", k);
    m.put("temperature", temperature);
    m.put("max_chars", maxChars);
    m.put("cache", cache);
    return m;
  }

  TextEmbedder effectiveEmbedder() {
    return cache.isBlank() ? embedder : new DiskEmbeddingCache(embedder, Path.of(cache));
  }

  @Override
  public DenseKnnModel fit(Dataset train) {
    TextEmbedder e = effectiveEmbedder();
    List<String> texts = new ArrayList<>(train.size());
    for (int i = 0; i < train.size(); i++) {
      texts.add(clip(train.get(i).document().text(), maxChars));
    }
    float[][] vectors = new float[train.size()][];
    for (int s = 0; s < texts.size(); s += 256) {
      float[][] part = e.embed(texts.subList(s, Math.min(texts.size(), s + 256)));
      System.arraycopy(part, 0, vectors, s, part.length);
    }
    int d = e.dimension();
    float[] flat = new float[vectors.length * d];
    for (int i = 0; i < vectors.length; i++) {
      System.arraycopy(vectors[i], 0, flat, i * d, d);
    }
    int[][] gold = train.goldIndices();
    int[] start = new int[gold.length + 1];
    for (int i = 0; i < gold.length; i++) {
      start[i + 1] = start[i] + gold[i].length;
    }
    int[] labels = new int[start[gold.length]];
    for (int i = 0; i < gold.length; i++) {
      System.arraycopy(gold[i], 0, labels, start[i], gold[i].length);
    }
    return new DenseKnnModel(train.labels(), train.multiLabel(), params(), e, flat, d, start,
        labels, k, temperature, maxChars);
  }

  /** The first {@code maxChars} characters of a text (all of it when 0). */
  public static String clip(String text, int maxChars) {
    return maxChars == 0 || text.length() <= maxChars ? text : text.substring(0, maxChars);
  }
}
