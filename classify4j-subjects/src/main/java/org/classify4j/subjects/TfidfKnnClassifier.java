package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;

/**
 * kNN over TF-IDF: a document's k most similar training documents (cosine of TF-IDF vectors,
 * exact, through an inverted index) vote for their labels with weight sim^power; a label's score
 * is its share of the votes. It copies labels of close neighbours, which a tree classifier with
 * one positive example learns poorly: the long tail of a subject vocabulary.
 */
public record TfidfKnnClassifier(String analyzer, int ngramMax, int minDf, int k, double power,
    int titleWeight) implements Classifier {
  public static final String TYPE = "tfidf-knn";

  public TfidfKnnClassifier {
    Analysis.of(analyzer, titleWeight);
    if (ngramMax < 1 || minDf < 1 || k < 1 || power <= 0) {
      throw new IllegalArgumentException("tfidf-knn: ngram_max, min_df, k ≥ 1, power > 0");
    }
  }

  /** Without title weighting ({@code title_weight=1}). */
  public TfidfKnnClassifier(String analyzer, int ngramMax, int minDf, int k, double power) {
    this(analyzer, ngramMax, minDf, k, power, 1);
  }

  /**
   * Defaults: English analysis, words and bigrams seen in ≥ 2 documents, the 30 nearest voting
   * with cos², and the first line of a text of several lines (a record's title) counted twice (on
   * tib-sid-en dev F1@5 0.2398 against 0.2345).
   */
  public static TfidfKnnClassifier defaults() {
    return new TfidfKnnClassifier("english", 2, 2, 30, 2.0, 2);
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analyzer", analyzer);
    m.put("ngram_max", ngramMax);
    m.put("min_df", minDf);
    m.put("k", k);
    m.put("power", power);
    m.put("title_weight", titleWeight);
    return m;
  }

  @Override
  public TfidfKnnModel fit(Dataset train) {
    Analysis an = Analysis.of(analyzer, titleWeight);
    List<String[]> tokens = new ArrayList<>(train.size());
    for (int i = 0; i < train.size(); i++) {
      tokens.add(an.tokens(train.get(i).document().text()));
    }
    Tfidf tfidf = Tfidf.fit(tokens, ngramMax, minDf);
    int n = train.size();
    int[] rowStart = new int[n + 1];
    List<SparseRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SparseRow r = tfidf.transform(tokens.get(i));
      rows.add(r);
      rowStart[i + 1] = rowStart[i] + r.size();
    }
    int[] idx = new int[rowStart[n]];
    float[] val = new float[rowStart[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows.get(i).idx, 0, idx, rowStart[i], rows.get(i).size());
      System.arraycopy(rows.get(i).val, 0, val, rowStart[i], rows.get(i).size());
    }
    int[][] gold = train.goldIndices();
    int[] labelStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      labelStart[i + 1] = labelStart[i] + gold[i].length;
    }
    int[] labels = new int[labelStart[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(gold[i], 0, labels, labelStart[i], gold[i].length);
    }
    return new TfidfKnnModel(train.labels(), train.multiLabel(), params(), an, tfidf, rowStart,
        idx, val, labelStart, labels, k, power);
  }
}
