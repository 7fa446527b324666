package org.classify4j.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * TF-IDF features as scikit-learn's {@code TfidfVectorizer(smooth_idf=True)}: terms from {@link
 * WordTokenizer} (lower-cased words of two or more characters and n-grams up to {@code
 * ngramMax}), idf = ln((1 + n) / (1 + df)) + 1, tf the count (or 1 + ln(count) when {@code
 * sublinearTf}), rows scaled to unit Euclidean length when {@code norm} is L2. The vocabulary is
 * sorted, so column j is the j-th term in string order.
 *
 * @param minDf keep terms in at least this many documents
 * @param maxDf keep terms in at most this fraction of the documents, in (0, 1]
 * @param maxFeatures keep at most this many terms, the most frequent in the corpus (ties: string
 *     order); 0 for no limit
 * @param sublinearTf use 1 + ln(tf) instead of tf
 * @param ngramMax the longest word n-gram
 * @param norm the row normalization
 */
public record TfidfVectorizer(
    int minDf, double maxDf, int maxFeatures, boolean sublinearTf, int ngramMax, Norm norm) {

  /** Row normalization. */
  public enum Norm {
    /** Rows scaled to unit Euclidean length (rows without known terms stay zero). */
    L2,
    /** Rows left as tf·idf. */
    NONE
  }

  public TfidfVectorizer {
    if (minDf < 1) {
      throw new IllegalArgumentException("minDf must be >= 1, got " + minDf);
    }
    if (!(maxDf > 0 && maxDf <= 1)) {
      throw new IllegalArgumentException("maxDf must be in (0, 1], got " + maxDf);
    }
    if (maxFeatures < 0) {
      throw new IllegalArgumentException("maxFeatures must be >= 0, got " + maxFeatures);
    }
    if (ngramMax < 1) {
      throw new IllegalArgumentException("ngramMax must be >= 1, got " + ngramMax);
    }
    Objects.requireNonNull(norm, "norm");
  }

  /** minDf 2, maxDf 1.0, at most 50,000 terms, sublinear tf, words and bigrams, L2 rows. */
  public static TfidfVectorizer defaults() {
    return new TfidfVectorizer(2, 1.0, 50_000, true, 2, Norm.L2);
  }

  public TfidfVectorizer withMinDf(int v) {
    return new TfidfVectorizer(v, maxDf, maxFeatures, sublinearTf, ngramMax, norm);
  }

  public TfidfVectorizer withMaxDf(double v) {
    return new TfidfVectorizer(minDf, v, maxFeatures, sublinearTf, ngramMax, norm);
  }

  public TfidfVectorizer withMaxFeatures(int v) {
    return new TfidfVectorizer(minDf, maxDf, v, sublinearTf, ngramMax, norm);
  }

  public TfidfVectorizer withSublinearTf(boolean v) {
    return new TfidfVectorizer(minDf, maxDf, maxFeatures, v, ngramMax, norm);
  }

  public TfidfVectorizer withNgramMax(int v) {
    return new TfidfVectorizer(minDf, maxDf, maxFeatures, sublinearTf, v, norm);
  }

  public TfidfVectorizer withNorm(Norm v) {
    return new TfidfVectorizer(minDf, maxDf, maxFeatures, sublinearTf, ngramMax, v);
  }

  /** The tokenizer these settings use. */
  public WordTokenizer tokenizer() {
    return WordTokenizer.ngrams(ngramMax);
  }

  /** Learns the vocabulary and idf weights of {@code texts} (not modified). */
  public TfidfModel fit(List<String> texts) {
    WordTokenizer tok = tokenizer();
    int n = texts.size();
    Map<String, long[]> stats = new HashMap<>(); // term -> {document frequency, total count}
    Set<String> seen = new HashSet<>();
    for (String text : texts) {
      seen.clear();
      for (String t : tok.terms(text)) {
        long[] s = stats.computeIfAbsent(t, x -> new long[2]);
        s[1]++;
        if (seen.add(t)) {
          s[0]++;
        }
      }
    }
    double maxDocs = maxDf * n;
    List<Map.Entry<String, long[]>> kept = new ArrayList<>();
    for (Map.Entry<String, long[]> e : stats.entrySet()) {
      long df = e.getValue()[0];
      if (df >= minDf && df <= maxDocs) {
        kept.add(e);
      }
    }
    if (maxFeatures > 0 && kept.size() > maxFeatures) {
      kept.sort((a, b) -> {
        int c = Long.compare(b.getValue()[1], a.getValue()[1]);
        return c != 0 ? c : a.getKey().compareTo(b.getKey());
      });
      kept = new ArrayList<>(kept.subList(0, maxFeatures));
    }
    kept.sort(Map.Entry.comparingByKey());
    List<String> terms = new ArrayList<>(kept.size());
    float[] idf = new float[kept.size()];
    for (int j = 0; j < kept.size(); j++) {
      terms.add(kept.get(j).getKey());
      idf[j] = (float) (Math.log((1.0 + n) / (1.0 + kept.get(j).getValue()[0])) + 1.0);
    }
    return TfidfModel.of(terms, idf, this);
  }
}
