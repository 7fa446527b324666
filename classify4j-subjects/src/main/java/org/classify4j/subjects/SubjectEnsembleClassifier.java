package org.classify4j.subjects;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subject ensemble: named components (by default a {@link LabelTreeClassifier} "tree" and a
 * {@link LexicalClassifier} "lexical"; optionally a {@link TfidfKnnClassifier} "sknn" and a {@link
 * DenseKnnClassifier} "knn" and a {@link DensePrototypeClassifier} "proto") fitted on the
 * training data; on tuning data (the {@code dev} file when given, else a seeded hold-out share of
 * the training data) each component's scores are calibrated by an isotonic map (PAV), combined
 * with weights chosen on a grid over the simplex (steps of 0.05) for the best F1@5, the combined
 * score calibrated again by PAV, and the decision rule (at most {@code limit} labels scoring at
 * least {@code threshold}) chosen for the best F1 of the decided sets. All of it is saved with
 * the model.
 */
public record SubjectEnsembleClassifier(List<Part> parts, String dev, double holdout,
    int candidates, long seed, String combine, int stackDepth, int stackFolds, double stackL2,
    boolean stackFreq, boolean refit) implements Classifier {
  public static final String TYPE = "subject-ensemble";
  private static final Logger LOG = LoggerFactory.getLogger(SubjectEnsembleClassifier.class);

  /** A named component: its spec must fit into a {@link SubjectComponent}. */
  public record Part(String name, Classifier spec) {
    public Part {
      if (!List.of("tree", "lexical", "sknn", "knn", "proto").contains(name)) {
        throw new IllegalArgumentException("unknown ensemble component '" + name
            + "' (expected tree, lexical, sknn, knn or proto)");
      }
    }
  }

  public SubjectEnsembleClassifier {
    parts = List.copyOf(parts);
    if (parts.isEmpty() || !(holdout > 0 && holdout < 1) || candidates < 5) {
      throw new IllegalArgumentException(
          "subject-ensemble: at least one component, 0 < holdout < 1, candidates ≥ 5");
    }
    if (!combine.equals("weights") && !combine.equals("stack")) {
      throw new IllegalArgumentException(
          "subject-ensemble: combine is weights or stack, not '" + combine + "'");
    }
    stackSettings(stackDepth, stackFolds, stackL2, stackFreq, seed); // checks them
    if (refit && combine.equals("stack")) {
      // the stacker's features hold the training frequencies of the data it was tuned against
      throw new IllegalArgumentException(
          "subject-ensemble: refit works with combine=weights, not with the stacker");
    }
  }

  /** The weighted combiner (today's default) with the given components and tuning data. */
  public SubjectEnsembleClassifier(List<Part> parts, String dev, double holdout, int candidates,
      long seed) {
    this(parts, dev, holdout, candidates, seed, "weights", Stacker.Settings.defaults().depth(),
        Stacker.Settings.defaults().folds(), Stacker.Settings.defaults().l2(),
        Stacker.Settings.defaults().freqFeatures(), false);
  }

  /** The same ensemble with the stacker as combiner ({@code combine=stack}). */
  public SubjectEnsembleClassifier stacked(int depth, int folds, double l2, boolean freq) {
    return new SubjectEnsembleClassifier(parts, dev, holdout, candidates, seed, "stack", depth,
        folds, l2, freq, refit);
  }

  /**
   * The same ensemble that, once tuned, fits its components again on the training and the
   * tuning documents together ({@code refit=true}) and keeps the calibration, weights and rule
   * tuned with the first fit: the components learn from every labelled record (with the
   * hold-out share, all of train), at the cost of fitting them twice.
   */
  public SubjectEnsembleClassifier withRefit(boolean refit) {
    return new SubjectEnsembleClassifier(parts, dev, holdout, candidates, seed, combine,
        stackDepth, stackFolds, stackL2, stackFreq, refit);
  }

  private static Stacker.Settings stackSettings(int depth, int folds, double l2, boolean freq,
      long seed) {
    return new Stacker.Settings(depth, folds, l2, freq, 0, seed);
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    parts.forEach(p -> names.add(p.name()));
    m.put("components", String.join(",", names));
    m.put("dev", dev);
    m.put("holdout", holdout);
    m.put("candidates", candidates);
    m.put("seed", seed);
    m.put("combine", combine);
    if (refit) {
      m.put("refit", true);
    }
    if (combine.equals("stack")) {
      m.put("stack.depth", stackDepth);
      m.put("stack.folds", stackFolds);
      m.put("stack.l2", stackL2);
      m.put("stack.freq", stackFreq);
    }
    for (Part p : parts) {
      p.spec().params().forEach((k, v) -> m.put(p.name() + "." + k, v));
    }
    return m;
  }

  @Override
  public SubjectEnsembleModel fit(Dataset train) {
    return fit(train, Map.of());
  }

  /**
   * Fits the ensemble, taking the components named in {@code fitted} as they are instead of
   * fitting them (each must have been fitted on all of {@code train} with this ensemble's
   * parameters for it, which is checked); the calibration, weights and rule are tuned as by
   * {@link #fit(Dataset)}. Needs {@code dev}: with a hold-out share the components are fitted on
   * the rest of train. For benchmarks, which fit a component once and use it alone and in
   * ensembles.
   */
  public SubjectEnsembleModel fit(Dataset train,
      Map<String, ? extends org.classify4j.persist.SavableModel> fitted) {
    if (!fitted.isEmpty() && dev.isBlank()) {
      throw new IllegalArgumentException(
          "subject-ensemble: fitted components need dev=FILE (else they are fitted on a share)");
    }
    Dataset fitOn;
    Dataset tuneOn;
    if (!dev.isBlank()) {
      fitOn = train;
      tuneOn = DatasetReader.read(Path.of(dev), ReadOptions.defaults()
          .withLabelSpace(train.labels()).withStrictLabels(false)
          .withMultiLabel(train.multiLabel() ? ReadOptions.MultiLabel.MULTI
              : ReadOptions.MultiLabel.AUTO));
    } else {
      int n = train.size();
      int[] order = Stacker.shuffled(n, seed);
      int h = Math.max(1, Math.min(n - 1, (int) Math.round(n * holdout)));
      int[] tunePos = Arrays.copyOfRange(order, 0, h);
      int[] fitPos = Arrays.copyOfRange(order, h, n);
      Arrays.sort(tunePos);
      Arrays.sort(fitPos);
      fitOn = train.subset(fitPos);
      tuneOn = train.subset(tunePos);
    }
    long t0 = System.nanoTime();
    List<SubjectComponent> comps = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Map<String, Object> fitSeconds = new LinkedHashMap<>();
    for (Part p : parts) {
      long t1 = System.nanoTime();
      org.classify4j.persist.SavableModel model = fitted.get(p.name());
      if (model != null) {
        if (!(model instanceof SubjectComponent given)
            || !model.modelType().equals(p.spec().method())) {
          throw new IllegalArgumentException("subject-ensemble: the fitted '" + p.name()
              + "' is a " + model.modelType() + ", not a " + p.spec().method());
        }
        Map<String, String> want = asText(p.spec().params());
        Map<String, String> have = asText(given.params());
        if (!want.equals(have)) {
          throw new IllegalArgumentException("subject-ensemble: the fitted '" + p.name()
              + "' has params " + have + ", the ensemble asks for " + want);
        }
        comps.add(given);
        fitSeconds.put(p.name(), "fitted before");
        names.add(p.name());
        continue;
      }
      comps.add((SubjectComponent) p.spec().fit(fitOn));
      fitSeconds.put(p.name(), Math.round((System.nanoTime() - t1) / 1e7) / 100.0);
      names.add(p.name());
      LOG.info("subject-ensemble: {} fitted, {}s so far", p.name(), (System.nanoTime() - t0) / 1e9);
    }
    int k = train.labels().size();
    int m = tuneOn.size();
    int c = comps.size();
    List<org.classify4j.data.Document> tuneDocs = tuneOn.documents();
    List<List<SparseScores>> raw = new ArrayList<>();
    for (SubjectComponent s : comps) {
      List<SparseScores> rows = new ArrayList<>(m);
      for (SparseScores r : SubjectEnsembleModel.scoreAll(s, tuneDocs)) {
        rows.add(top(r, candidates));
      }
      raw.add(rows);
    }
    int[][] gold = new int[m][];
    for (int i = 0; i < m; i++) {
      gold[i] = Arrays.stream(tuneOn.goldIndices(i)).filter(j -> j < k).toArray();
    }
    if (combine.equals("stack")) {
      return fitStack(train, fitOn, names, comps, raw, gold, fitSeconds);
    }
    Weighted wt = tuneWeights(raw, gold, 20);
    double bestF1 = wt.f1();
    double[] weights = wt.weights();
    Isotonic[] cal = wt.cal();
    Isotonic finalCal = wt.finalCal();
    List<SparseScores> fin = wt.apply(raw);
    int bestLimit = 5;
    double bestT = 0;
    double bestDecided = -1;
    for (int limit = 1; limit <= 10; limit++) {
      for (int ti = 0; ti <= 30; ti++) {
        double t = ti * 0.02;
        double f = decidedF1(fin, gold, limit, t);
        if (f > bestDecided + 1e-9) {
          bestDecided = f;
          bestLimit = limit;
          bestT = t;
        }
      }
    }
    LOG.info("subject-ensemble: tuned on {} documents: components {} weights {}, F1@5 {},"
        + " rule limit {} threshold {} (F1 {})", m, names, Arrays.toString(weights),
        String.format("%.4f", bestF1), bestLimit, bestT, String.format("%.4f", bestDecided));
    Map<String, Object> tuning = new LinkedHashMap<>();
    tuning.put("tuning_docs", m);
    tuning.put("tuning_f1_at_5", bestF1);
    tuning.put("tuning_decided_f1", bestDecided);
    tuning.put("fit_seconds", fitSeconds);
    if (refit) {
      comps = refitted(train, fitOn, tuneOn, tuning);
    }
    return new SubjectEnsembleModel(train.labels(), train.multiLabel(), params(), names, comps,
        weights, cal, finalCal, bestLimit, bestT, candidates, tuning);
  }

  /** Every component fitted again on the fitting and the tuning documents together. */
  private List<SubjectComponent> refitted(Dataset train, Dataset fitOn, Dataset tuneOn,
      Map<String, Object> tuning) {
    List<org.classify4j.data.Example> both = new ArrayList<>(fitOn.examples());
    both.addAll(tuneOn.examples());
    Dataset all = new Dataset(train.labels(), both, train.multiLabel());
    long t0 = System.nanoTime();
    Map<String, Object> seconds = new LinkedHashMap<>();
    List<SubjectComponent> out = new ArrayList<>();
    for (Part p : parts) {
      long t1 = System.nanoTime();
      out.add((SubjectComponent) p.spec().fit(all));
      seconds.put(p.name(), Math.round((System.nanoTime() - t1) / 1e7) / 100.0);
      LOG.info("subject-ensemble: {} refitted on {} documents, {}s so far", p.name(), all.size(),
          (System.nanoTime() - t0) / 1e9);
    }
    tuning.put("refit_docs", all.size());
    tuning.put("refit_seconds", seconds);
    return out;
  }

  /**
   * The stacker: cross-fitted on the tuning documents for out-of-fold scores, on which the rule
   * is chosen, then refitted on all of them.
   */
  private SubjectEnsembleModel fitStack(Dataset train, Dataset fitOn, List<String> names,
      List<SubjectComponent> comps, List<List<SparseScores>> raw, int[][] gold,
      Map<String, Object> fitSeconds) {
    long t0 = System.nanoTime();
    Stacker.Settings st = stackSettings(stackDepth, stackFolds, stackL2, stackFreq, seed);
    int m = gold.length;
    // label frequencies of the data the components learned from
    int[] freq = Stacker.labelFrequencies(fitOn);
    List<SparseScores> oofRaw = Stacker.outOfFold(raw, gold, freq, st);
    Isotonic finalCal = fitIsotonic(oofRaw, gold);
    List<SparseScores> oof = Stacker.calibrateOutOfFold(oofRaw, gold, st);
    double oofF1 = f1AtK(oof, gold, 5);
    double[] rule = Stacker.bestRule(oof, gold);
    Stacker.Fitted fitted = Stacker.fit(raw, gold,
        java.util.stream.IntStream.range(0, m).toArray(), freq, st);
    LOG.info("subject-ensemble: stacker tuned on {} documents ({} folds): components {},"
        + " out-of-fold F1@5 {}, rule limit {} threshold {} (out-of-fold F1 {}), {}s", m,
        stackFolds, names, String.format("%.4f", oofF1), (int) rule[0], rule[1],
        String.format("%.4f", rule[2]), (System.nanoTime() - t0) / 1e9);
    Map<String, Object> tuning = new LinkedHashMap<>();
    tuning.put("tuning_docs", m);
    tuning.put("combine", "stack");
    tuning.put("oof_f1_at_5", oofF1);
    tuning.put("oof_decided_f1", rule[2]);
    tuning.put("stack_seconds", (System.nanoTime() - t0) / 1e9);
    tuning.put("fit_seconds", fitSeconds);
    double[] ones = new double[comps.size()];
    Arrays.fill(ones, 1.0);
    return new SubjectEnsembleModel(train.labels(), train.multiLabel(), params(), names, comps,
        ones, fitted.cal(), finalCal, (int) rule[0], rule[1], candidates, tuning,
        new SubjectEnsembleModel.Stack(fitted.lr(), freq, stackDepth, stackFreq));
  }

  /**
   * The weighted combiner tuned on rows of tuning documents: per-component PAV, the simplex
   * weights (steps of 1/{@code steps}) with the best F1@5, PAV on the weighted sum.
   */
  record Weighted(Isotonic[] cal, double[] weights, Isotonic finalCal, double f1) {
    /** Final scores of documents given each component's raw rows. */
    List<SparseScores> apply(List<List<SparseScores>> raw) {
      int m = raw.get(0).size();
      List<SparseScores> out = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        int doc = i;
        out.add(combine(q -> raw.get(q).get(doc), cal, weights, finalCal));
      }
      return out;
    }

    /**
     * One document's final scores: the weighted sum of each component's calibrated row (rows of
     * components with weight 0 are not asked for), then the final calibration. Tuning and the
     * fitted model both combine through here.
     */
    static SparseScores combine(java.util.function.IntFunction<SparseScores> row, Isotonic[] cal,
        double[] weights, Isotonic finalCal) {
      Map<Integer, Float> acc = new java.util.HashMap<>();
      for (int q = 0; q < cal.length; q++) {
        if (weights[q] == 0) {
          continue;
        }
        SparseScores r = row.apply(q);
        for (int x = 0; x < r.cols.length; x++) {
          acc.merge(r.cols[x], (float) (weights[q] * cal[q].apply(r.scores[x])), Float::sum);
        }
      }
      SparseScores combined = SparseScores.of(acc);
      float[] v = new float[combined.cols.length];
      for (int x = 0; x < v.length; x++) {
        v[x] = (float) finalCal.apply(combined.scores[x]);
      }
      return new SparseScores(combined.cols, v);
    }
  }

  static Weighted tuneWeights(List<List<SparseScores>> raw, int[][] gold, int steps) {
    int c = raw.size();
    int m = gold.length;
    Isotonic[] cal = new Isotonic[c];
    for (int q = 0; q < c; q++) {
      cal[q] = fitIsotonic(raw.get(q), gold);
    }
    // per document: the union of candidates and each component's calibrated score for them
    int[][] cols = new int[m][];
    float[][][] cs = new float[m][][];
    for (int i = 0; i < m; i++) {
      Map<Integer, Integer> pos = new LinkedHashMap<>();
      for (int q = 0; q < c; q++) {
        for (int col : raw.get(q).get(i).cols) {
          pos.putIfAbsent(col, pos.size());
        }
      }
      cols[i] = pos.keySet().stream().mapToInt(Integer::intValue).toArray();
      cs[i] = new float[c][cols[i].length];
      for (int q = 0; q < c; q++) {
        SparseScores r = raw.get(q).get(i);
        for (int x = 0; x < r.cols.length; x++) {
          cs[i][q][pos.get(r.cols[x])] = (float) cal[q].apply(r.scores[x]);
        }
      }
    }
    double bestF1 = -1;
    double[] weights = null;
    for (double[] w : simplex(c, steps)) {
      double f1 = f1AtK(combine(cols, cs, w), gold, 5);
      if (f1 > bestF1 + 1e-9) {
        bestF1 = f1;
        weights = w;
      }
    }
    Isotonic finalCal = fitIsotonic(combine(cols, cs, weights), gold);
    return new Weighted(cal, weights, finalCal, bestF1);
  }

  private static Map<String, String> asText(Map<String, Object> params) {
    Map<String, String> out = new java.util.TreeMap<>();
    params.forEach((k, v) -> out.put(k, v instanceof Number n && n.doubleValue() == Math.rint(
        n.doubleValue()) ? String.valueOf(n.longValue()) : String.valueOf(v)));
    return out;
  }

  /** Weight vectors of c components in steps of 1/steps, summing to 1. */
  static List<double[]> simplex(int c, int steps) {
    List<double[]> out = new ArrayList<>();
    simplex(new int[c], 0, steps, steps, out);
    return out;
  }

  private static void simplex(int[] w, int i, int left, int steps, List<double[]> out) {
    if (i == w.length - 1) {
      w[i] = left;
      double[] d = new double[w.length];
      for (int q = 0; q < w.length; q++) {
        d[q] = (double) w[q] / steps;
      }
      out.add(d);
      return;
    }
    for (int v = left; v >= 0; v--) {
      w[i] = v;
      simplex(w, i + 1, left - v, steps, out);
    }
  }

  static List<SparseScores> combine(int[][] cols, float[][][] cs, double[] w) {
    List<SparseScores> out = new ArrayList<>(cols.length);
    for (int i = 0; i < cols.length; i++) {
      float[] v = new float[cols[i].length];
      for (int q = 0; q < w.length; q++) {
        if (w[q] == 0) {
          continue;
        }
        float[] s = cs[i][q];
        for (int x = 0; x < v.length; x++) {
          v[x] += (float) (w[q] * s[x]);
        }
      }
      out.add(new SparseScores(cols[i], v));
    }
    return out;
  }

  static SparseScores top(SparseScores s, int n) {
    if (s.cols.length <= n) {
      return s;
    }
    Integer[] order = new Integer[s.cols.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int cmp = Float.compare(s.scores[b], s.scores[a]);
      return cmp != 0 ? cmp : Integer.compare(s.cols[a], s.cols[b]);
    });
    int[] c = new int[n];
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      c[i] = s.cols[order[i]];
      v[i] = s.scores[order[i]];
    }
    return SparseScores.sortedByColumn(c, v);
  }

  static Isotonic fitIsotonic(List<SparseScores> rows, int[][] gold) {
    int total = 0;
    for (SparseScores r : rows) {
      total += r.cols.length;
    }
    float[] s = new float[total];
    boolean[] y = new boolean[total];
    int p = 0;
    for (int i = 0; i < rows.size(); i++) {
      SparseScores r = rows.get(i);
      for (int x = 0; x < r.cols.length; x++) {
        s[p] = r.scores[x];
        y[p] = LexicalClassifier.contains(gold[i], r.cols[x]);
        p++;
      }
    }
    return Isotonic.fit(s, y);
  }

  /** Core's F1@k on sparse rows: top k with score above 0, ties by column. */
  static double f1AtK(List<SparseScores> rows, int[][] gold, int k) {
    double s = 0;
    for (int i = 0; i < rows.size(); i++) {
      int[] top = ranked(rows.get(i), k, 0.0);
      int hits = 0;
      for (int c : top) {
        hits += LexicalClassifier.contains(gold[i], c) ? 1 : 0;
      }
      int denom = gold[i].length + top.length;
      s += denom == 0 ? 0 : 2.0 * hits / denom;
    }
    return rows.isEmpty() ? 0 : s / rows.size();
  }

  static double decidedF1(List<SparseScores> rows, int[][] gold, int limit, double t) {
    return f1AtKThreshold(rows, gold, limit, t);
  }

  private static double f1AtKThreshold(List<SparseScores> rows, int[][] gold, int k, double t) {
    double s = 0;
    for (int i = 0; i < rows.size(); i++) {
      int[] top = ranked(rows.get(i), k, t);
      int hits = 0;
      for (int c : top) {
        hits += LexicalClassifier.contains(gold[i], c) ? 1 : 0;
      }
      int denom = gold[i].length + top.length;
      s += denom == 0 ? 0 : 2.0 * hits / denom;
    }
    return rows.isEmpty() ? 0 : s / rows.size();
  }

  /**
   * The columns of the k best scores above 0 and at least t, best first (ties by column). A
   * selection by insertion, without sorting the row: the weight search calls it for every
   * document and every weight vector.
   */
  static int[] ranked(SparseScores r, int k, double t) {
    int[] best = new int[Math.max(0, Math.min(k, r.cols.length))];
    int n = 0;
    for (int i = 0; i < r.cols.length; i++) {
      float s = r.scores[i];
      if (!(s > 0 && s >= t)) {
        continue;
      }
      if (n == best.length && !better(r, i, best[n - 1])) {
        continue;
      }
      int pos = n == best.length ? n - 1 : n++;
      while (pos > 0 && better(r, i, best[pos - 1])) {
        best[pos] = best[pos - 1];
        pos--;
      }
      best[pos] = i;
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.cols[best[i]];
    }
    return out;
  }

  private static boolean better(SparseScores r, int a, int b) {
    int cmp = Float.compare(r.scores[a], r.scores[b]);
    return cmp != 0 ? cmp > 0 : r.cols[a] < r.cols[b];
  }
}
