package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.classify4j.data.Dataset;

/**
 * The learned combiner of the subject ensemble ({@code combine=stack}), the idea of Annif's NN
 * ensemble as learning to rank: per document the candidates are the union of each component's
 * top {@code depth} labels; each (document, candidate) gets features from every component (its
 * calibrated score, the log of it, whether it proposes the label, the reciprocal of its rank, its
 * score relative to its best score in the document), how many components propose the label and
 * the label's training frequency (log, and whether it was seen at all); a logistic regression
 * (Newton, L2, on standardized features: {@link LexicalModel.Logistic}) learned on the tuning
 * documents' candidates, gold = the label is one of the document's labels, scores them.
 *
 * <p>{@link #crossFit} gives out-of-fold scores of the tuning documents (the per-component
 * calibrations and the regression fitted on the other folds), on which the decision rule is
 * chosen, and the out-of-fold F1@5 of the weighted combiner cross-fitted the same way for
 * comparison.
 */
final class Stacker {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Stacker.class);
  /** Floor of the calibrated score inside the log feature (and the log of an absent one). */
  private static final double EPS = 1e-3;

  /** How the stacker is built: candidate depth, folds, L2, the label-frequency features. */
  record Settings(int depth, int folds, double l2, boolean freqFeatures, int weightSteps,
      long seed) {
    Settings {
      if (depth < 1 || folds < 2 || l2 < 0 || weightSteps < 0) {
        throw new IllegalArgumentException(
            "stack: depth ≥ 1, folds ≥ 2, l2 ≥ 0, weight_steps ≥ 0");
      }
    }

    static Settings defaults() {
      return new Settings(30, 5, 1.0, true, 10, 42);
    }

    static Settings parse(Map<String, String> p) {
      Settings d = defaults();
      return new Settings(
          Integer.parseInt(p.getOrDefault("stack.depth", String.valueOf(d.depth))),
          Integer.parseInt(p.getOrDefault("stack.folds", String.valueOf(d.folds))),
          Double.parseDouble(p.getOrDefault("stack.l2", String.valueOf(d.l2))),
          Boolean.parseBoolean(p.getOrDefault("stack.freq", String.valueOf(d.freqFeatures))),
          Integer.parseInt(p.getOrDefault("stack.weight_steps", String.valueOf(d.weightSteps))),
          Long.parseLong(p.getOrDefault("seed", String.valueOf(d.seed))));
    }
  }

  /** Features per component: score, log score, present, 1/rank, score / best score. */
  static final int PER_COMPONENT = 5;

  static int featureCount(int components) {
    return 1 + PER_COMPONENT * components + 3;
  }

  /** The candidates of one document and their feature rows. */
  record Candidates(int[] cols, double[][] x) {}

  /** How often each label is a gold label of the training documents. */
  static int[] labelFrequencies(Dataset train) {
    int[] freq = new int[train.labels().size()];
    for (int[] g : train.goldIndices()) {
      for (int j : g) {
        if (j < freq.length) {
          freq[j]++;
        }
      }
    }
    return freq;
  }

  /**
   * The candidates of a document: {@code rows} holds each component's raw scores, {@code cal}
   * their calibrations. With {@code freqFeatures} false the label-frequency features are 0.
   */
  static Candidates candidates(List<SparseScores> rows, Isotonic[] cal, int[] freq, int depth,
      boolean freqFeatures) {
    int c = rows.size();
    Map<Integer, Integer> pos = new LinkedHashMap<>();
    int[][] top = new int[c][];
    for (int q = 0; q < c; q++) {
      top[q] = SubjectEnsembleClassifier.ranked(rows.get(q), depth, 0.0);
      for (int col : top[q]) {
        pos.putIfAbsent(col, pos.size());
      }
    }
    int n = pos.size();
    int d = featureCount(c);
    double[][] x = new double[n][d];
    int[] count = new int[n];
    for (int q = 0; q < c; q++) {
      SparseScores r = rows.get(q);
      Map<Integer, Float> score = new HashMap<>(r.cols.length * 2);
      for (int t = 0; t < r.cols.length; t++) {
        score.put(r.cols[t], r.scores[t]);
      }
      double best = top[q].length == 0 ? 0 : cal[q].apply(score.get(top[q][0]));
      int base = 1 + PER_COMPONENT * q;
      for (double[] row : x) {
        row[base + 1] = Math.log(EPS);
      }
      for (int rank = 0; rank < top[q].length; rank++) {
        int i = pos.get(top[q][rank]);
        double p = cal[q].apply(score.get(top[q][rank]));
        x[i][base] = p;
        x[i][base + 1] = Math.log(Math.max(EPS, p));
        x[i][base + 2] = 1;
        x[i][base + 3] = 1.0 / (rank + 1);
        x[i][base + 4] = best > 0 ? p / best : 0;
        count[i]++;
      }
    }
    int[] cols = new int[n];
    for (Map.Entry<Integer, Integer> e : pos.entrySet()) {
      cols[e.getValue()] = e.getKey();
    }
    for (int i = 0; i < n; i++) {
      x[i][0] = 1;
      int f = freq[cols[i]];
      x[i][d - 3] = (double) count[i] / c;
      x[i][d - 2] = freqFeatures ? Math.log1p(f) : 0;
      x[i][d - 1] = freqFeatures && f > 0 ? 1 : 0;
    }
    return new Candidates(cols, x);
  }

  /** The stacker's scores of a document's candidates. */
  static SparseScores score(Candidates cand, LexicalModel.Logistic lr) {
    float[] v = new float[cand.cols().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) lr.probability(cand.x()[i]);
    }
    return SparseScores.sortedByColumn(cand.cols(), v);
  }

  /** A fitted stacker: per-component calibrations and the regression. */
  record Fitted(Isotonic[] cal, LexicalModel.Logistic lr) {}

  /** Fits calibrations and regression on the documents {@code docs} of the tuning data. */
  static Fitted fit(List<List<SparseScores>> raw, int[][] gold, int[] docs, int[] freq,
      Settings st) {
    int c = raw.size();
    Isotonic[] cal = new Isotonic[c];
    int[][] g = new int[docs.length][];
    for (int t = 0; t < docs.length; t++) {
      g[t] = gold[docs[t]];
    }
    for (int q = 0; q < c; q++) {
      List<SparseScores> rows = new ArrayList<>(docs.length);
      for (int i : docs) {
        rows.add(raw.get(q).get(i));
      }
      cal[q] = SubjectEnsembleClassifier.fitIsotonic(rows, g);
    }
    List<double[]> xs = new ArrayList<>();
    List<Boolean> ys = new ArrayList<>();
    for (int i : docs) {
      Candidates cand = candidates(row(raw, i), cal, freq, st.depth(), st.freqFeatures());
      for (int t = 0; t < cand.cols().length; t++) {
        xs.add(cand.x()[t]);
        ys.add(LexicalClassifier.contains(gold[i], cand.cols()[t]));
      }
    }
    LexicalModel.Logistic lr = LexicalModel.Logistic.fit(xs, ys, st.l2(), featureCount(c));
    return new Fitted(cal, lr);
  }

  static List<SparseScores> row(List<List<SparseScores>> raw, int i) {
    List<SparseScores> out = new ArrayList<>(raw.size());
    for (List<SparseScores> r : raw) {
      out.add(r.get(i));
    }
    return out;
  }

  /** 0 … n−1 in a seeded random order (Fisher–Yates). */
  static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** The fold of each tuning document: a seeded shuffle dealt round-robin into k folds. */
  static int[] folds(int m, int k, long seed) {
    int[] order = shuffled(m, seed);
    int[] fold = new int[m];
    for (int i = 0; i < m; i++) {
      fold[order[i]] = i % k;
    }
    return fold;
  }

  private static int[] where(int[] fold, int f, boolean in) {
    return java.util.stream.IntStream.range(0, fold.length)
        .filter(i -> (fold[i] == f) == in).toArray();
  }

  /** Out-of-fold stacker scores of every tuning document. */
  static List<SparseScores> outOfFold(List<List<SparseScores>> raw, int[][] gold, int[] freq,
      Settings st) {
    int m = gold.length;
    int[] fold = folds(m, st.folds(), st.seed());
    SparseScores[] out = new SparseScores[m];
    for (int f = 0; f < st.folds(); f++) {
      Fitted fit = fit(raw, gold, where(fold, f, false), freq, st);
      for (int i : where(fold, f, true)) {
        out[i] = score(candidates(row(raw, i), fit.cal(), freq, st.depth(), st.freqFeatures()),
            fit.lr());
      }
    }
    return Arrays.asList(out);
  }

  /**
   * The out-of-fold scores calibrated by PAV (isotonic) maps, each fold's map fitted on the
   * other folds' scores: the final calibration of the model is one map fitted on all of them,
   * which sends the lowest scores to 0 (fewer than 5 labels where nothing else is likely).
   */
  static List<SparseScores> calibrateOutOfFold(List<SparseScores> oof, int[][] gold,
      Settings st) {
    int m = gold.length;
    int[] fold = folds(m, st.folds(), st.seed() + 1);
    SparseScores[] out = new SparseScores[m];
    for (int f = 0; f < st.folds(); f++) {
      int[] tr = where(fold, f, false);
      List<SparseScores> rows = new ArrayList<>(tr.length);
      int[][] g = new int[tr.length][];
      for (int t = 0; t < tr.length; t++) {
        rows.add(oof.get(tr[t]));
        g[t] = gold[tr[t]];
      }
      Isotonic cal = SubjectEnsembleClassifier.fitIsotonic(rows, g);
      for (int i : where(fold, f, true)) {
        out[i] = apply(cal, oof.get(i));
      }
    }
    return Arrays.asList(out);
  }

  static SparseScores apply(Isotonic cal, SparseScores r) {
    float[] v = new float[r.scores.length];
    for (int x = 0; x < v.length; x++) {
      v[x] = (float) cal.apply(r.scores[x]);
    }
    return new SparseScores(r.cols, v);
  }

  /** The decision rule with the best F1 of the decided sets on {@code rows}: limit, t, F1. */
  static double[] bestRule(List<SparseScores> rows, int[][] gold) {
    double[] best = {5, 0, -1};
    for (int limit = 1; limit <= 10; limit++) {
      for (int ti = 0; ti <= 60; ti++) {
        double t = ti * 0.01;
        double f = SubjectEnsembleClassifier.decidedF1(rows, gold, limit, t);
        if (f > best[2] + 1e-9) {
          best = new double[] {limit, t, f};
        }
      }
    }
    return best;
  }

  /**
   * Cross-fits the stacker and, for comparison, the weighted combiner (per-component PAV and
   * simplex weights with {@code weightSteps} steps chosen on the other folds) on the tuning
   * documents, and reports the out-of-fold F1@5 and the best decided F1 of each.
   */
  static Map<String, Object> crossFit(List<List<SparseScores>> raw, int[][] gold, int[] freq,
      Settings st) {
    Map<String, Object> out = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    List<SparseScores> raw0 = outOfFold(raw, gold, freq, st);
    List<SparseScores> stack = calibrateOutOfFold(raw0, gold, st);
    double[] rule = bestRule(stack, gold);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("oof_f1_at_5", SubjectEnsembleClassifier.f1AtK(stack, gold, 5));
    s.put("oof_f1_at_5_before_pav", SubjectEnsembleClassifier.f1AtK(raw0, gold, 5));
    s.put("oof_ndcg_at_5", ndcgAt5(stack, gold));
    s.put("oof_decided_f1", rule[2]);
    s.put("rule", "limit " + (int) rule[0] + " threshold " + rule[1]);
    s.put("seconds", (System.nanoTime() - t0) / 1e9);
    out.put("stack", s);
    LOG.info("stacker out of fold: {}", s);
    if (st.weightSteps() > 0) {
      long t1 = System.nanoTime();
      List<SparseScores> w = weightsOutOfFold(raw, gold, st);
      Map<String, Object> ws = new LinkedHashMap<>();
      ws.put("oof_f1_at_5", SubjectEnsembleClassifier.f1AtK(w, gold, 5));
      ws.put("oof_ndcg_at_5", ndcgAt5(w, gold));
      double[] wr = bestRule(w, gold);
      ws.put("oof_decided_f1", wr[2]);
      ws.put("rule", "limit " + (int) wr[0] + " threshold " + wr[1]);
      ws.put("seconds", (System.nanoTime() - t1) / 1e9);
      out.put("weights", ws);
    }
    return out;
  }

  /** NDCG@5 with binary relevance (ideal: min(5, gold) hits first), as core's metric. */
  static double ndcgAt5(List<SparseScores> rows, int[][] gold) {
    double s = 0;
    for (int i = 0; i < rows.size(); i++) {
      int[] top = SubjectEnsembleClassifier.ranked(rows.get(i), 5, 0.0);
      double dcg = 0;
      for (int r = 0; r < top.length; r++) {
        if (LexicalClassifier.contains(gold[i], top[r])) {
          dcg += 1 / (Math.log(r + 2) / Math.log(2));
        }
      }
      double ideal = 0;
      for (int r = 0; r < Math.min(5, gold[i].length); r++) {
        ideal += 1 / (Math.log(r + 2) / Math.log(2));
      }
      s += ideal == 0 ? 0 : dcg / ideal;
    }
    return rows.isEmpty() ? 0 : s / rows.size();
  }

  /** Out-of-fold scores of the weighted combiner (PAV, weights, PAV on the sum per fold). */
  static List<SparseScores> weightsOutOfFold(List<List<SparseScores>> raw, int[][] gold,
      Settings st) {
    int m = gold.length;
    int c = raw.size();
    int[] fold = folds(m, st.folds(), st.seed());
    SparseScores[] out = new SparseScores[m];
    for (int f = 0; f < st.folds(); f++) {
      int[] tr = where(fold, f, false);
      int[] te = where(fold, f, true);
      List<List<SparseScores>> rawTr = new ArrayList<>();
      List<List<SparseScores>> rawTe = new ArrayList<>();
      for (List<SparseScores> r : raw) {
        List<SparseScores> a = new ArrayList<>();
        List<SparseScores> b = new ArrayList<>();
        for (int i : tr) {
          a.add(r.get(i));
        }
        for (int i : te) {
          b.add(r.get(i));
        }
        rawTr.add(a);
        rawTe.add(b);
      }
      int[][] gTr = new int[tr.length][];
      for (int t = 0; t < tr.length; t++) {
        gTr[t] = gold[tr[t]];
      }
      SubjectEnsembleClassifier.Weighted w =
          SubjectEnsembleClassifier.tuneWeights(rawTr, gTr, st.weightSteps());
      List<SparseScores> sc = w.apply(rawTe);
      for (int t = 0; t < te.length; t++) {
        out[te[t]] = sc.get(t);
      }
    }
    return Arrays.asList(out);
  }
}
