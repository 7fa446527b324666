package org.classify4j.subjects;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subject ensemble: a {@link LabelTreeClassifier} and a {@link LexicalClassifier} fitted on the
 * training data; on tuning data (the {@code dev} file when given, else a seeded hold-out share of
 * the training data) each component's scores are calibrated by an isotonic map (PAV), combined by
 * weights chosen on a grid for the best F1@5, the combined score calibrated again by PAV, and the
 * decision rule (at most {@code limit} labels scoring at least {@code threshold}) chosen for the best
 * F1 of the decided sets. All of it is saved with the model.
 */
public record SubjectEnsembleClassifier(LabelTreeClassifier tree, LexicalClassifier lexical,
    String dev, double holdout, int candidates, long seed) implements Classifier {
  public static final String TYPE = "subject-ensemble";
  private static final Logger LOG = LoggerFactory.getLogger(SubjectEnsembleClassifier.class);

  public SubjectEnsembleClassifier {
    if (!(holdout > 0 && holdout < 1) || candidates < 5) {
      throw new IllegalArgumentException("subject-ensemble: 0 < holdout < 1, candidates ≥ 5");
    }
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dev", dev);
    m.put("holdout", holdout);
    m.put("candidates", candidates);
    m.put("seed", seed);
    tree.params().forEach((k, v) -> m.put("tree." + k, v));
    lexical.params().forEach((k, v) -> m.put("lexical." + k, v));
    return m;
  }

  @Override
  public SubjectEnsembleModel fit(Dataset train) {
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
      int h = Math.max(1, Math.min(n - 1, (int) Math.round(n * holdout)));
      int[] tunePos = Arrays.copyOfRange(order, 0, h);
      int[] fitPos = Arrays.copyOfRange(order, h, n);
      Arrays.sort(tunePos);
      Arrays.sort(fitPos);
      fitOn = train.subset(fitPos);
      tuneOn = train.subset(tunePos);
    }
    long t0 = System.nanoTime();
    LabelTreeModel treeModel = tree.fit(fitOn);
    LOG.info("subject-ensemble: label-tree fitted in {}s", (System.nanoTime() - t0) / 1e9);
    LexicalModel lexModel = lexical.fit(fitOn);
    LOG.info("subject-ensemble: lexical fitted, {}s so far", (System.nanoTime() - t0) / 1e9);
    List<SubjectScorer> comps = List.of(treeModel, lexModel);
    int k = train.labels().size();
    int m = tuneOn.size();
    int c = comps.size();
    // candidate scores of the tuning documents: per document, per component, top candidates
    List<List<SparseScores>> raw = new ArrayList<>();
    for (SubjectScorer s : comps) {
      List<SparseScores> rows = new ArrayList<>(m);
      for (Example e : tuneOn.examples()) {
        rows.add(top(s.scoreSparse(e.document()), candidates));
      }
      raw.add(rows);
    }
    int[][] gold = new int[m][];
    for (int i = 0; i < m; i++) {
      int[] g = tuneOn.goldIndices(i);
      gold[i] = Arrays.stream(g).filter(j -> j < k).toArray();
    }
    // per-component calibration
    Isotonic[] cal = new Isotonic[c];
    for (int q = 0; q < c; q++) {
      cal[q] = fitIsotonic(raw.get(q), gold);
    }
    List<List<SparseScores>> calibrated = new ArrayList<>();
    for (int q = 0; q < c; q++) {
      List<SparseScores> rows = new ArrayList<>(m);
      for (SparseScores r : raw.get(q)) {
        float[] v = new float[r.scores.length];
        for (int x = 0; x < v.length; x++) {
          v[x] = (float) cal[q].apply(r.scores[x]);
        }
        rows.add(new SparseScores(r.cols, v));
      }
      calibrated.add(rows);
    }
    // weights: a grid over the simplex (two components: w and 1 − w)
    double bestF1 = -1;
    double bestW = 0.5;
    for (int step = 0; step <= 20; step++) {
      double w = step / 20.0;
      List<SparseScores> combined = combine(calibrated, new double[] {w, 1 - w}, m);
      double f1 = f1AtK(combined, gold, 5);
      if (f1 > bestF1 + 1e-9) {
        bestF1 = f1;
        bestW = w;
      }
    }
    double[] weights = {bestW, 1 - bestW};
    List<SparseScores> combined = combine(calibrated, weights, m);
    Isotonic finalCal = fitIsotonic(combined, gold);
    List<SparseScores> fin = new ArrayList<>(m);
    for (SparseScores r : combined) {
      float[] v = new float[r.scores.length];
      for (int x = 0; x < v.length; x++) {
        v[x] = (float) finalCal.apply(r.scores[x]);
      }
      fin.add(new SparseScores(r.cols, v));
    }
    // the decision rule
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
    LOG.info("subject-ensemble: tuned on {} documents: weights tree {} lexical {}, F1@5 {},"
        + " rule limit {} threshold {} (F1 {})", m, weights[0], weights[1],
        String.format("%.4f", bestF1), bestLimit, bestT, String.format("%.4f", bestDecided));
    Map<String, Object> tuning = new LinkedHashMap<>();
    tuning.put("tuning_docs", m);
    tuning.put("tuning_f1_at_5", bestF1);
    tuning.put("tuning_decided_f1", bestDecided);
    return new SubjectEnsembleModel(train.labels(), train.multiLabel(), params(), treeModel,
        lexModel, weights, cal, finalCal, bestLimit, bestT, candidates, tuning);
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

  static List<SparseScores> combine(List<List<SparseScores>> comps, double[] w, int m) {
    List<SparseScores> out = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      Map<Integer, Float> acc = new HashMap<>();
      for (int q = 0; q < comps.size(); q++) {
        if (w[q] == 0) {
          continue;
        }
        SparseScores r = comps.get(q).get(i);
        for (int x = 0; x < r.cols.length; x++) {
          acc.merge(r.cols[x], (float) (w[q] * r.scores[x]), Float::sum);
        }
      }
      out.add(SparseScores.of(acc));
    }
    return out;
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

  /** The columns of the k best scores above 0 and at least t, best first. */
  static int[] ranked(SparseScores r, int k, double t) {
    Integer[] order = new Integer[r.cols.length];
    int n = 0;
    for (int i = 0; i < r.cols.length; i++) {
      if (r.scores[i] > 0 && r.scores[i] >= t) {
        order[n++] = i;
      }
    }
    Integer[] o = Arrays.copyOf(order, n);
    Arrays.sort(o, (a, b) -> {
      int cmp = Float.compare(r.scores[b], r.scores[a]);
      return cmp != 0 ? cmp : Integer.compare(r.cols[a], r.cols[b]);
    });
    int[] out = new int[Math.min(k, n)];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.cols[o[i]];
    }
    return out;
  }
}
