package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF over analyzed words and word n-grams: sublinear term frequency (1 + ln tf), smoothed idf
 * ln((1 + n) / (1 + df)) + 1, rows L2-normalized. Immutable once fitted.
 */
final class Tfidf {
  private final Map<String, Integer> vocabulary;
  private final List<String> terms;
  private final float[] idf;
  private final int ngramMax;

  private Tfidf(List<String> terms, float[] idf, int ngramMax) {
    this.terms = List.copyOf(terms);
    this.idf = idf;
    this.ngramMax = ngramMax;
    this.vocabulary = new HashMap<>(terms.size() * 2);
    for (int i = 0; i < terms.size(); i++) {
      vocabulary.put(terms.get(i), i);
    }
  }

  static Tfidf restore(List<String> terms, float[] idf, int ngramMax) {
    if (terms.size() != idf.length) {
      throw new IllegalArgumentException("vocabulary and idf differ in length");
    }
    return new Tfidf(terms, idf.clone(), ngramMax);
  }

  /** Fits the vocabulary (terms in at least {@code minDf} documents) and idf. */
  static Tfidf fit(List<String[]> docs, int ngramMax, int minDf) {
    Map<String, int[]> df = new HashMap<>();
    for (String[] tokens : docs) {
      for (String t : new java.util.HashSet<>(ngrams(tokens, ngramMax))) {
        df.computeIfAbsent(t, k -> new int[1])[0]++;
      }
    }
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, int[]> e : df.entrySet()) {
      if (e.getValue()[0] >= minDf) {
        terms.add(e.getKey());
      }
    }
    terms.sort(null);
    float[] idf = new float[terms.size()];
    int n = docs.size();
    for (int i = 0; i < idf.length; i++) {
      idf[i] = (float) (Math.log((1.0 + n) / (1.0 + df.get(terms.get(i))[0])) + 1.0);
    }
    return new Tfidf(terms, idf, ngramMax);
  }

  static List<String> ngrams(String[] tokens, int ngramMax) {
    List<String> out = new ArrayList<>(tokens.length * ngramMax);
    for (int i = 0; i < tokens.length; i++) {
      out.add(tokens[i]);
      StringBuilder sb = new StringBuilder(tokens[i]);
      for (int n = 2; n <= ngramMax && i + n <= tokens.length; n++) {
        sb.append(' ').append(tokens[i + n - 1]);
        out.add(sb.toString());
      }
    }
    return out;
  }

  int dimension() {
    return idf.length;
  }

  int ngramMax() {
    return ngramMax;
  }

  List<String> terms() {
    return terms;
  }

  float[] idf() {
    return idf.clone();
  }

  SparseRow transform(String[] tokens) {
    Map<Integer, Integer> tf = new HashMap<>();
    for (String g : ngrams(tokens, ngramMax)) {
      Integer j = vocabulary.get(g);
      if (j != null) {
        tf.merge(j, 1, Integer::sum);
      }
    }
    int[] idx = new int[tf.size()];
    int k = 0;
    for (int j : tf.keySet()) {
      idx[k++] = j;
    }
    Arrays.sort(idx);
    float[] val = new float[idx.length];
    double norm = 0;
    for (int i = 0; i < idx.length; i++) {
      double v = (1.0 + Math.log(tf.get(idx[i]))) * idf[idx[i]];
      val[i] = (float) v;
      norm += v * v;
    }
    if (norm > 0) {
      float inv = (float) (1.0 / Math.sqrt(norm));
      for (int i = 0; i < val.length; i++) {
        val[i] *= inv;
      }
    }
    return new SparseRow(idx, val);
  }
}
