package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;

/** A fitted {@link DenseKnnClassifier}: the training vectors and their labels. Thread-safe. */
public final class DenseKnnModel extends SubjectModel implements DenseScorer {
  private static final int BLOCK = 512;

  private final TextEmbedder embedder;
  private final float[] vectors;
  private final int dim;
  private final int[] labelStart;
  private final int[] labels;
  private final int k;
  private final double temperature;
  private final int maxChars;

  DenseKnnModel(LabelSpace classes, boolean multiLabel, Map<String, Object> params,
      TextEmbedder embedder, float[] vectors, int dim, int[] labelStart, int[] labels, int k,
      double temperature, int maxChars) {
    super(classes, multiLabel, params);
    this.embedder = embedder;
    this.vectors = vectors;
    this.dim = dim;
    this.labelStart = labelStart;
    this.labels = labels;
    this.k = k;
    this.temperature = temperature;
    this.maxChars = maxChars;
  }

  @Override
  public TextEmbedder embedder() {
    return embedder;
  }

  @Override
  public int maxChars() {
    return maxChars;
  }

  @Override
  public List<SparseScores> scoreVectors(float[][] q) {
    List<SparseScores> out = new ArrayList<>(q.length);
    int n = labelStart.length - 1;
    int kk = Math.min(k, n);
    for (int b = 0; b < q.length; b += 64) {
      int qe = Math.min(q.length, b + 64);
      int[][] topIds = new int[qe - b][kk];
      float[][] topSims = new float[qe - b][kk];
      int[] filled = new int[qe - b];
      for (int[] t : topIds) {
        java.util.Arrays.fill(t, -1);
      }
      // blocked brute force: a block of training vectors against a block of queries
      for (int s = 0; s < n; s += BLOCK) {
        int se = Math.min(n, s + BLOCK);
        for (int i = b; i < qe; i++) {
          float[] qi = q[i];
          int r = i - b;
          for (int j = s; j < se; j++) {
            int off = j * dim;
            float dot = 0f;
            for (int x = 0; x < dim; x++) {
              dot += qi[x] * vectors[off + x];
            }
            insert(topIds[r], topSims[r], filled, r, j, dot);
          }
        }
      }
      for (int r = 0; r < qe - b; r++) {
        Map<Integer, Float> votes = new HashMap<>();
        double total = 0;
        for (int t = 0; t < filled[r]; t++) {
          double w = Math.exp((topSims[r][t] - 1.0) / temperature);
          total += w;
          int j = topIds[r][t];
          for (int p = labelStart[j]; p < labelStart[j + 1]; p++) {
            votes.merge(labels[p], (float) w, Float::sum);
          }
        }
        if (total > 0) {
          float inv = (float) (1.0 / total);
          votes.replaceAll((c, v) -> Math.min(1f, v * inv));
        }
        out.add(SparseScores.of(votes));
      }
    }
    return out;
  }

  /** Keeps the best {@code kk} (id, similarity) pairs, sorted descending; ties by id. */
  private static void insert(int[] ids, float[] sims, int[] filled, int r, int id, float sim) {
    int kk = ids.length;
    int f = filled[r];
    if (f == kk && sim <= sims[kk - 1]) {
      return;
    }
    int pos = f == kk ? kk - 1 : f;
    while (pos > 0 && sims[pos - 1] < sim) {
      sims[pos] = sims[pos - 1];
      ids[pos] = ids[pos - 1];
      pos--;
    }
    sims[pos] = sim;
    ids[pos] = id;
    if (f < kk) {
      filled[r] = f + 1;
    }
  }

  @Override
  public String modelType() {
    return DenseKnnClassifier.TYPE;
  }

  @Override
  protected void writeArrays(ModelWriter out, String prefix) {
    int n = labelStart.length - 1;
    out.floats(prefix + "vectors", vectors.length == 0 ? new float[dim] : vectors,
        Math.max(1, n), dim);
    out.ints(prefix + "label_start", labelStart, n + 1);
    out.ints(prefix + "labels", nonEmpty(labels), Math.max(1, labels.length));
  }

  static DenseKnnModel readParts(ModelReader in, String prefix, LabelSpace classes,
      boolean multiLabel, Resources context) {
    TextEmbedder e = DenseScorer.restoreEmbedder(in, prefix, context);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("model", in.param(prefix + "model").asText());
    params.put("k", in.param(prefix + "k").asInt());
    params.put("temperature", in.param(prefix + "temperature").asDouble());
    params.put("max_chars", in.param(prefix + "max_chars").asInt());
    params.put("cache", in.param(prefix + "cache").asText(""));
    int[] start = in.ints(prefix + "label_start");
    int n = start.length - 1;
    int dim = in.shape(prefix + "vectors")[1];
    float[] vec = java.util.Arrays.copyOf(in.floats(prefix + "vectors"), n * dim);
    int[] labels = java.util.Arrays.copyOf(in.ints(prefix + "labels"), start[n]);
    return new DenseKnnModel(classes, multiLabel, params, e, vec, dim, start, labels,
        in.param(prefix + "k").asInt(), in.param(prefix + "temperature").asDouble(),
        in.param(prefix + "max_chars").asInt());
  }

  /** Reads {@code dense-knn} model directories. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return DenseKnnClassifier.TYPE;
    }

    @Override
    public ClassifierModel load(ModelReader in, Resources context) {
      return readParts(in, "", in.classes(), in.multiLabel(), context);
    }
  }
}
