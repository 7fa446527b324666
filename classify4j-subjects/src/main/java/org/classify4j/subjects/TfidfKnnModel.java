package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;

/** A fitted {@link TfidfKnnClassifier}: training TF-IDF rows, an inverted index, labels. */
public final class TfidfKnnModel extends SubjectModel {
  private final Analysis analysis;
  private final Tfidf tfidf;
  private final int[] rowStart;
  private final int[] idx;
  private final float[] val;
  private final int[] labelStart;
  private final int[] labels;
  private final int k;
  private final double power;
  // inverted index: postings of feature f are postDoc/postVal[postStart[f] .. postStart[f+1])
  private final int[] postStart;
  private final int[] postDoc;
  private final float[] postVal;
  private final ThreadLocal<float[]> acc;

  TfidfKnnModel(LabelSpace classes, boolean multiLabel, Map<String, Object> params,
      Analysis analysis, Tfidf tfidf, int[] rowStart, int[] idx, float[] val, int[] labelStart,
      int[] labels, int k, double power) {
    super(classes, multiLabel, params);
    this.analysis = analysis;
    this.tfidf = tfidf;
    this.rowStart = rowStart;
    this.idx = idx;
    this.val = val;
    this.labelStart = labelStart;
    this.labels = labels;
    this.k = k;
    this.power = power;
    int f = tfidf.dimension();
    int n = rowStart.length - 1;
    postStart = new int[f + 1];
    for (int q : idx) {
      postStart[q + 1]++;
    }
    for (int q = 0; q < f; q++) {
      postStart[q + 1] += postStart[q];
    }
    postDoc = new int[idx.length];
    postVal = new float[idx.length];
    int[] fill = Arrays.copyOf(postStart, f);
    for (int d = 0; d < n; d++) {
      for (int p = rowStart[d]; p < rowStart[d + 1]; p++) {
        int q = idx[p];
        postDoc[fill[q]] = d;
        postVal[fill[q]] = val[p];
        fill[q]++;
      }
    }
    this.acc = ThreadLocal.withInitial(() -> new float[n]);
  }

  @Override
  public SparseScores scoreSparse(Document document) {
    SparseRow x = tfidf.transform(analysis.tokens(document.text()));
    float[] a = acc.get();
    List<Integer> touched = new ArrayList<>();
    for (int q = 0; q < x.idx.length; q++) {
      int f = x.idx[q];
      float w = x.val[q];
      for (int p = postStart[f]; p < postStart[f + 1]; p++) {
        int d = postDoc[p];
        if (a[d] == 0f) {
          touched.add(d);
        }
        a[d] += w * postVal[p];
      }
    }
    int kk = Math.min(k, touched.size());
    int[] ids = new int[kk];
    float[] sims = new float[kk];
    int filled = 0;
    for (int d : touched) {
      float s = a[d];
      a[d] = 0f;
      if (filled == kk && (kk == 0 || s < sims[kk - 1]
          || (s == sims[kk - 1] && d > ids[kk - 1]))) {
        continue;
      }
      int pos = filled == kk ? kk - 1 : filled;
      while (pos > 0 && (sims[pos - 1] < s || (sims[pos - 1] == s && ids[pos - 1] > d))) {
        sims[pos] = sims[pos - 1];
        ids[pos] = ids[pos - 1];
        pos--;
      }
      sims[pos] = s;
      ids[pos] = d;
      if (filled < kk) {
        filled++;
      }
    }
    Map<Integer, Float> votes = new HashMap<>();
    double total = 0;
    for (int t = 0; t < filled; t++) {
      double w = Math.pow(Math.max(0, sims[t]), power);
      total += w;
      for (int p = labelStart[ids[t]]; p < labelStart[ids[t] + 1]; p++) {
        votes.merge(labels[p], (float) w, Float::sum);
      }
    }
    if (total > 0) {
      float inv = (float) (1 / total);
      votes.replaceAll((c, v) -> Math.min(1f, v * inv));
    }
    return SparseScores.of(votes);
  }

  @Override
  public String modelType() {
    return TfidfKnnClassifier.TYPE;
  }

  @Override
  protected void writeArrays(ModelWriter out, String prefix) {
    out.strings(prefix + "vocabulary", tfidf.terms());
    out.floats(prefix + "idf", nonEmpty(tfidf.idf()), Math.max(1, tfidf.dimension()));
    out.ints(prefix + "row_start", rowStart, rowStart.length);
    out.ints(prefix + "row_idx", nonEmpty(idx), Math.max(1, idx.length));
    out.floats(prefix + "row_val", nonEmpty(val), Math.max(1, val.length));
    out.ints(prefix + "label_start", labelStart, labelStart.length);
    out.ints(prefix + "labels", nonEmpty(labels), Math.max(1, labels.length));
  }

  static TfidfKnnModel readParts(ModelReader in, String prefix, LabelSpace classes,
      boolean multiLabel) {
    Map<String, Object> params = new LinkedHashMap<>();
    String analyzer = in.param(prefix + "analyzer").asText();
    params.put("analyzer", analyzer);
    params.put("ngram_max", in.param(prefix + "ngram_max").asInt());
    params.put("min_df", in.param(prefix + "min_df").asInt());
    params.put("k", in.param(prefix + "k").asInt());
    params.put("power", in.param(prefix + "power").asDouble());
    int titleWeight = in.params().path(prefix + "title_weight").asInt(1); // 1 before it existed
    params.put("title_weight", titleWeight);
    List<String> vocab = in.strings(prefix + "vocabulary");
    Tfidf tfidf = Tfidf.restore(vocab, Arrays.copyOf(in.floats(prefix + "idf"), vocab.size()),
        in.param(prefix + "ngram_max").asInt());
    int[] rowStart = in.ints(prefix + "row_start");
    int nnz = rowStart[rowStart.length - 1];
    int[] labelStart = in.ints(prefix + "label_start");
    return new TfidfKnnModel(classes, multiLabel, params, Analysis.of(analyzer, titleWeight), tfidf, rowStart,
        Arrays.copyOf(in.ints(prefix + "row_idx"), nnz),
        Arrays.copyOf(in.floats(prefix + "row_val"), nnz), labelStart,
        Arrays.copyOf(in.ints(prefix + "labels"), labelStart[labelStart.length - 1]),
        in.param(prefix + "k").asInt(), in.param(prefix + "power").asDouble());
  }

  /** Reads {@code tfidf-knn} model directories. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TfidfKnnClassifier.TYPE;
    }

    @Override
    public ClassifierModel load(ModelReader in, Resources context) {
      return readParts(in, "", in.classes(), in.multiLabel());
    }
  }
}
