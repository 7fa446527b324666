package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;

/**
 * Lexical label matching, the idea of Annif's MLLM: label names (and synonyms) are found in the
 * analyzed text ({@link LabelMatcher}); each (document, matched label) candidate gets features
 * (occurrences, first and last position, spread, title, match length, preferred name or not,
 * ambiguity, the label's training frequency, how often the label is a candidate in training
 * documents and how often it is then right); a logistic regression learned on the training
 * candidates scores them. Labels that were never assigned in training can still be found.
 */
public record LexicalClassifier(String analyzer, double l2, long seed) implements Classifier {
  public static final String TYPE = "lexical";

  public LexicalClassifier {
    Analysis.of(analyzer);
    if (l2 < 0) {
      throw new IllegalArgumentException("lexical: l2 must be ≥ 0");
    }
  }

  public static LexicalClassifier defaults() {
    return new LexicalClassifier("english", 1.0, 42);
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analyzer", analyzer);
    m.put("l2", l2);
    m.put("seed", seed);
    return m;
  }

  @Override
  public LexicalModel fit(Dataset train) {
    Analysis an = Analysis.of(analyzer);
    LabelMatcher matcher = new LabelMatcher(train.labels(), an);
    int n = train.size();
    int k = train.labels().size();
    int[] freq = new int[k];
    int[] candidateDocs = new int[k];
    int[] candidateHits = new int[k];
    int[][] gold = train.goldIndices();
    List<LabelMatcher.Found> found = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      for (int j : gold[i]) {
        freq[j]++;
      }
    }
    long hits = 0;
    long cands = 0;
    for (int i = 0; i < n; i++) {
      LabelMatcher.Found f = matcher.match(train.get(i).document().text());
      found.add(f);
      for (LabelMatcher.Match m : f.matches()) {
        candidateDocs[m.label]++;
        boolean g = contains(gold[i], m.label);
        candidateHits[m.label] += g ? 1 : 0;
        hits += g ? 1 : 0;
        cands++;
      }
    }
    double prior = cands == 0 ? 0.1 : (double) hits / cands;
    LexicalModel.Stats stats = new LexicalModel.Stats(n, freq, candidateDocs, candidateHits,
        (float) prior);
    // training rows: every candidate of every training document, statistics leaving it out
    List<double[]> x = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LabelMatcher.Found f = found.get(i);
      for (LabelMatcher.Match m : f.matches()) {
        boolean g = contains(gold[i], m.label);
        x.add(LexicalModel.features(m, f, stats, g ? 1 : 0, true));
        y.add(g);
      }
    }
    LexicalModel.Logistic lr = LexicalModel.Logistic.fit(x, y, l2);
    return new LexicalModel(train.labels(), train.multiLabel(), params(), an, matcher, stats, lr);
  }

  static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
