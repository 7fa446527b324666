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
 * Dense label prototypes: one vector per label, the normalized mean of its training documents'
 * vectors; labels without training documents get the vector of their embedded name ({@code
 * names=unseen}, the default), so this scorer can propose them, which no other associative method
 * can; {@code names=all} adds the name vector to every label's mean, {@code names=none} keeps only
 * labels with documents. A document scores the {@code candidates} labels whose prototypes are
 * most similar (cosine, exact: 27,000 prototypes of 384 dimensions are about ten million
 * multiply-adds, a few milliseconds), each with max(0, cosine). {@code cache} and {@code
 * max_chars} as in {@link DenseKnnClassifier} (the cache also keeps the label-name vectors).
 */
public record DensePrototypeClassifier(TextEmbedder embedder, String names, int candidates,
    int maxChars, String cache) implements Classifier {
  public static final String TYPE = "dense-proto";

  public DensePrototypeClassifier {
    if (!List.of("none", "unseen", "all").contains(names) || candidates < 1 || maxChars < 0) {
      throw new IllegalArgumentException(
          "dense-proto: names none, unseen or all; candidates ≥ 1; max_chars ≥ 0");
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
    m.put("names", names);
    m.put("candidates", candidates);
    m.put("max_chars", maxChars);
    m.put("cache", cache);
    return m;
  }

  @Override
  public DensePrototypeModel fit(Dataset train) {
    TextEmbedder e = cache.isBlank() ? embedder : new DiskEmbeddingCache(embedder, Path.of(cache));
    int d = e.dimension();
    int k = train.labels().size();
    double[][] sum = new double[k][];
    int[][] gold = train.goldIndices();
    for (int s = 0; s < train.size(); s += 256) {
      int end = Math.min(train.size(), s + 256);
      List<String> texts = new ArrayList<>(end - s);
      for (int i = s; i < end; i++) {
        texts.add(DenseKnnClassifier.clip(train.get(i).document().text(), maxChars));
      }
      float[][] part = e.embed(texts);
      for (int i = s; i < end; i++) {
        for (int j : gold[i]) {
          if (sum[j] == null) {
            sum[j] = new double[d];
          }
          float[] v = part[i - s];
          for (int x = 0; x < d; x++) {
            sum[j][x] += v[x];
          }
        }
      }
    }
    List<Integer> named = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      if (names.equals("all") || (names.equals("unseen") && sum[j] == null)) {
        named.add(j);
      }
    }
    float[][] nameVec = new float[k][];
    for (int s = 0; s < named.size(); s += 512) {
      List<Integer> block = named.subList(s, Math.min(named.size(), s + 512));
      List<String> texts = new ArrayList<>(block.size());
      for (int j : block) {
        texts.add(train.labels().get(j).name());
      }
      float[][] part = e.embedLabels(texts);
      for (int b = 0; b < block.size(); b++) {
        nameVec[block.get(b)] = part[b];
      }
    }
    // prototypes of the labels that have one, in column order
    List<Integer> cols = new ArrayList<>();
    List<float[]> protos = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      if (sum[j] == null && nameVec[j] == null) {
        continue;
      }
      double[] v = new double[d];
      if (sum[j] != null) {
        double n = norm(sum[j]);
        for (int x = 0; x < d; x++) {
          v[x] = n > 0 ? sum[j][x] / n : 0;
        }
      }
      if (nameVec[j] != null) {
        for (int x = 0; x < d; x++) {
          v[x] += nameVec[j][x];
        }
      }
      double n = norm(v);
      float[] p = new float[d];
      for (int x = 0; x < d; x++) {
        p[x] = n > 0 ? (float) (v[x] / n) : 0f;
      }
      cols.add(j);
      protos.add(p);
    }
    float[] flat = new float[protos.size() * d];
    for (int i = 0; i < protos.size(); i++) {
      System.arraycopy(protos.get(i), 0, flat, i * d, d);
    }
    return new DensePrototypeModel(train.labels(), train.multiLabel(), params(), e, flat, d,
        cols.stream().mapToInt(Integer::intValue).toArray(), candidates, maxChars);
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
