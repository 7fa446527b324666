package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.Resources;

/** A fitted {@link DensePrototypeClassifier}: a vector per label. Immutable and thread-safe. */
public final class DensePrototypeModel extends SubjectModel implements DenseScorer {
  private final TextEmbedder embedder;
  private final float[] prototypes;
  private final int dim;
  private final int[] columns;
  private final int candidates;
  private final int maxChars;

  DensePrototypeModel(LabelSpace classes, boolean multiLabel, Map<String, Object> params,
      TextEmbedder embedder, float[] prototypes, int dim, int[] columns, int candidates,
      int maxChars) {
    super(classes, multiLabel, params);
    this.embedder = embedder;
    this.prototypes = prototypes;
    this.dim = dim;
    this.columns = columns;
    this.candidates = candidates;
    this.maxChars = maxChars;
  }

  /** How many labels have a prototype. */
  int prototypes() {
    return columns.length;
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
    int n = columns.length;
    int kk = Math.min(candidates, n);
    for (float[] qi : q) {
      int[] ids = new int[kk];
      float[] sims = new float[kk];
      int filled = 0;
      for (int j = 0; j < n; j++) {
        int off = j * dim;
        float dot = 0f;
        for (int x = 0; x < dim; x++) {
          dot += qi[x] * prototypes[off + x];
        }
        if (dot <= 0f || (filled == kk && dot <= sims[kk - 1])) {
          continue;
        }
        int pos = filled == kk ? kk - 1 : filled++;
        while (pos > 0 && sims[pos - 1] < dot) {
          sims[pos] = sims[pos - 1];
          ids[pos] = ids[pos - 1];
          pos--;
        }
        sims[pos] = dot;
        ids[pos] = j;
      }
      int[] c = new int[filled];
      float[] s = new float[filled];
      for (int t = 0; t < filled; t++) {
        c[t] = columns[ids[t]];
        s[t] = Math.min(1f, sims[t]);
      }
      out.add(SparseScores.sortedByColumn(c, s));
    }
    return out;
  }

  @Override
  public String modelType() {
    return DensePrototypeClassifier.TYPE;
  }

  @Override
  protected void writeArrays(ModelWriter out, String prefix) {
    int n = columns.length;
    out.floats(prefix + "prototypes", n == 0 ? new float[dim] : prototypes, Math.max(1, n), dim);
    out.ints(prefix + "columns", n == 0 ? new int[1] : columns, Math.max(1, n));
    out.param(prefix + "prototype_count", n);
  }

  static DensePrototypeModel readParts(ModelReader in, String prefix, LabelSpace classes,
      boolean multiLabel, Resources context) {
    TextEmbedder e = DenseScorer.restoreEmbedder(in, prefix, context);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("model", in.param(prefix + "model").asText());
    params.put("names", in.param(prefix + "names").asText());
    params.put("candidates", in.param(prefix + "candidates").asInt());
    params.put("max_chars", in.param(prefix + "max_chars").asInt());
    params.put("cache", in.param(prefix + "cache").asText(""));
    int n = in.param(prefix + "prototype_count").asInt();
    int dim = in.shape(prefix + "prototypes")[1];
    float[] p = java.util.Arrays.copyOf(in.floats(prefix + "prototypes"), n * dim);
    int[] cols = java.util.Arrays.copyOf(in.ints(prefix + "columns"), n);
    return new DensePrototypeModel(classes, multiLabel, params, e, p, dim, cols,
        in.param(prefix + "candidates").asInt(), in.param(prefix + "max_chars").asInt());
  }

  /** Reads {@code dense-proto} model directories. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return DensePrototypeClassifier.TYPE;
    }

    @Override
    public ClassifierModel load(ModelReader in, Resources context) {
      return readParts(in, "", in.classes(), in.multiLabel(), context);
    }
  }
}
