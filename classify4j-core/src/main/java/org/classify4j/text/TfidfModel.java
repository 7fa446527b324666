package org.classify4j.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classify4j.linear.SparseFeatures;

/**
 * A fitted TF-IDF vocabulary: terms (column order), their idf weights and the settings that made
 * them. Immutable and thread-safe; terms unknown to it are ignored by {@link #transform}.
 */
public final class TfidfModel {
  private final List<String> terms;
  private final float[] idf;
  private final TfidfVectorizer params;
  private final Map<String, Integer> index;
  private final WordTokenizer tokenizer;

  private TfidfModel(List<String> terms, float[] idf, TfidfVectorizer params) {
    this.terms = List.copyOf(terms);
    this.idf = idf.clone();
    this.params = Objects.requireNonNull(params, "params");
    if (this.idf.length != this.terms.size()) {
      throw new IllegalArgumentException(
          terms.size() + " terms but " + idf.length + " idf weights");
    }
    Map<String, Integer> idx = new HashMap<>(this.terms.size() * 2);
    for (int j = 0; j < this.terms.size(); j++) {
      if (idx.put(this.terms.get(j), j) != null) {
        throw new IllegalArgumentException("duplicate term '" + this.terms.get(j) + "'");
      }
      if (!(this.idf[j] > 0) || Float.isInfinite(this.idf[j])) {
        throw new IllegalArgumentException(
            "idf of '" + this.terms.get(j) + "' is " + this.idf[j] + ", expected > 0");
      }
    }
    this.index = idx;
    this.tokenizer = params.tokenizer();
  }

  /** Rebuilds a model from saved parts (copied). */
  public static TfidfModel of(List<String> terms, float[] idf, TfidfVectorizer params) {
    return new TfidfModel(terms, idf, params);
  }

  /** The vocabulary, in column order. */
  public List<String> terms() {
    return terms;
  }

  /** The idf weight of each term (a copy). */
  public float[] idf() {
    return idf.clone();
  }

  public TfidfVectorizer params() {
    return params;
  }

  /** Number of columns. */
  public int size() {
    return terms.size();
  }

  /** One sparse row per text. */
  public SparseFeatures transform(List<String> texts) {
    int n = texts.size();
    int[] ptr = new int[n + 1];
    int[][] rowCols = new int[n][];
    float[][] rowVals = new float[n][];
    Map<Integer, int[]> counts = new HashMap<>();
    long nnz = 0;
    for (int i = 0; i < n; i++) {
      counts.clear();
      for (String t : tokenizer.terms(texts.get(i))) {
        Integer j = index.get(t);
        if (j != null) {
          counts.computeIfAbsent(j, x -> new int[1])[0]++;
        }
      }
      int[] cols = new int[counts.size()];
      int p = 0;
      for (Integer j : counts.keySet()) {
        cols[p++] = j;
      }
      Arrays.sort(cols);
      float[] vals = new float[cols.length];
      double sq = 0;
      for (int q = 0; q < cols.length; q++) {
        int tf = counts.get(cols[q])[0];
        double w = (params.sublinearTf() ? 1 + Math.log(tf) : tf) * idf[cols[q]];
        vals[q] = (float) w;
        sq += w * w;
      }
      if (params.norm() == TfidfVectorizer.Norm.L2 && sq > 0) {
        double inv = 1 / Math.sqrt(sq);
        for (int q = 0; q < vals.length; q++) {
          vals[q] = (float) (vals[q] * inv);
        }
      }
      rowCols[i] = cols;
      rowVals[i] = vals;
      nnz += cols.length;
      ptr[i + 1] = Math.toIntExact(nnz);
    }
    int[] colIdx = new int[ptr[n]];
    float[] values = new float[ptr[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rowCols[i], 0, colIdx, ptr[i], rowCols[i].length);
      System.arraycopy(rowVals[i], 0, values, ptr[i], rowVals[i].length);
    }
    return new SparseFeatures(n, terms.size(), ptr, colIdx, values);
  }

  @Override
  public String toString() {
    return "TfidfModel[" + terms.size() + " terms, " + params + "]";
  }
}
