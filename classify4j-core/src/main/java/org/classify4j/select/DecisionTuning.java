package org.classify4j.select;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metric;
import org.classify4j.eval.Metrics;
import org.classify4j.eval.ThresholdCurve;

/**
 * Chooses decision rules on <em>validation</em> data (gold labels + scores of documents the model
 * was not trained on; tuning on training or test data overstates quality).
 *
 * <p>Every threshold chosen is an exact float value (a score of the data, or a grid value rounded
 * to float), so applying the returned rule to the same scores reproduces the reported value
 * whether a rule compares {@code score < threshold} in float or double. The reported value is
 * always computed by applying the returned rule.
 */
public final class DecisionTuning {
  private DecisionTuning() {}

  /** Annif's optimize grid: limits 1..15. */
  public static final int[] DEFAULT_LIMITS =
      java.util.stream.IntStream.rangeClosed(1, 15).toArray();

  /** Annif's optimize grid: thresholds 0.00, 0.05, …, 0.95 (as floats). */
  public static double[] defaultThresholds() {
    double[] t = new double[20];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) (i * 0.05);
    }
    return t;
  }

  /** {@link #limitThreshold(EvalData, Metric, int[], double[])} over Annif's default grid. */
  public static TunedRule limitThreshold(EvalData validation, Metric metric) {
    return limitThreshold(validation, metric, DEFAULT_LIMITS, defaultThresholds());
  }

  /**
   * Annif-style sweep: the {@link DecisionRule#limit(int, double)} rule maximizing (or, for
   * losses, minimizing) {@code metric} over every limit × threshold; ties go to the earlier limit,
   * then the earlier threshold. Thresholds are rounded to float.
   */
  public static TunedRule limitThreshold(
      EvalData validation, Metric metric, int[] limits, double[] thresholds) {
    if (limits.length == 0 || thresholds.length == 0) {
      throw new IllegalArgumentException("need at least one limit and one threshold");
    }
    int maxLimit = 0;
    for (int l : limits) {
      if (l < 1) {
        throw new IllegalArgumentException("limits must be ≥ 1, got " + l);
      }
      maxLimit = Math.max(maxLimit, l);
    }
    ScoreMatrix s = validation.scores();
    int n = validation.size();
    int[][] top = new int[n][];
    float[][] topScores = new float[n][];
    for (int i = 0; i < n; i++) {
      top[i] = s.topColumns(i, maxLimit);
      topScores[i] = new float[top[i].length];
      for (int r = 0; r < top[i].length; r++) {
        topScores[i][r] = s.get(i, top[i][r]);
      }
    }
    double bestValue = Double.NaN;
    int bestLimit = 0;
    double bestThreshold = 0;
    for (int limit : limits) {
      for (double t0 : thresholds) {
        double t = (float) t0;
        int[][] decided = new int[n][];
        for (int i = 0; i < n; i++) {
          int m = 0;
          int cap = Math.min(limit, top[i].length);
          while (m < cap && !(topScores[i][m] < t)) {
            m++;
          }
          decided[i] = java.util.Arrays.copyOf(top[i], m);
        }
        double v = metric.compute(validation.withDecisions(decided));
        if (Double.isNaN(bestValue) || better(metric, v, bestValue)) {
          bestValue = v;
          bestLimit = limit;
          bestThreshold = t;
        }
      }
    }
    DecisionRule rule = DecisionRule.limit(bestLimit, bestThreshold);
    EvalData applied = validation.withRule(rule);
    Map<String, Double> details = new LinkedHashMap<>();
    details.put("limit", (double) bestLimit);
    details.put("threshold", bestThreshold);
    putSetMetrics(details, applied);
    return new TunedRule(rule, metric.name(), metric.compute(applied), details);
  }

  private static boolean better(Metric m, double v, double best) {
    return m.higherIsBetter() ? v > best : v < best;
  }

  private static void putSetMetrics(Map<String, Double> details, EvalData d) {
    var micro = Metrics.average(d, org.classify4j.eval.Average.MICRO);
    details.put("micro_precision", micro.precision());
    details.put("micro_recall", micro.recall());
    details.put("micro_f1", micro.f1());
    details.put("macro_f1", Metrics.macroF1(d));
    details.put("samples_f1", Metrics.samplesF1(d));
  }

  /**
   * One threshold per label, each maximizing that label's F1 on the validation data (the highest
   * such score wins ties). Labels without validation examples, or whose best F1 is 0, keep {@code
   * defaultThreshold}. No limit. The reported metric is macro_f1 of the resulting rule.
   */
  public static TunedRule perLabelThresholds(EvalData validation, double defaultThreshold) {
    Map<String, Double> th = new HashMap<>();
    int tuned = 0;
    for (int j = 0; j < validation.labels().size(); j++) {
      ThresholdCurve c = ThresholdCurve.forLabel(validation, j);
      if (c.positives() == 0) {
        continue;
      }
      int b = c.bestF1Index();
      if (b < 0 || c.f1(b) == 0) {
        continue;
      }
      th.put(validation.labels().name(j), c.threshold(b));
      tuned++;
    }
    DecisionRule rule = new DecisionRules.PerLabelThresholds(th, (float) defaultThreshold, 0);
    EvalData applied = validation.withRule(rule);
    Map<String, Double> details = new LinkedHashMap<>();
    details.put("tuned_labels", (double) tuned);
    details.put("default_threshold", (double) (float) defaultThreshold);
    putSetMetrics(details, applied);
    return new TunedRule(rule, "macro_f1", Metrics.macroF1(applied), details);
  }

  /**
   * The global threshold with the highest recall whose precision is at least {@code minPrecision}.
   * Multi-label data: {@code threshold(t)} over all (document, label) pairs (micro precision and
   * recall). Single-label data: argmax that abstains when the top score is below t; precision is
   * then the accuracy on the documents answered and recall the fraction of all documents answered
   * correctly. Empty when no threshold reaches the precision.
   */
  public static Optional<TunedRule> maxRecallAtPrecision(EvalData validation, double minPrecision) {
    ThresholdCurve c = curve(validation);
    int best = -1;
    for (int i = 0; i < c.size(); i++) {
      if (c.precision(i) >= minPrecision && (best < 0 || c.recall(i) > c.recall(best))) {
        best = i;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(point(validation, c, best, "recall"));
  }

  /**
   * The global threshold with the highest precision whose recall is at least {@code minRecall}
   * (ties: the higher recall); as {@link #maxRecallAtPrecision} otherwise. Empty when no threshold
   * reaches the recall.
   */
  public static Optional<TunedRule> maxPrecisionAtRecall(EvalData validation, double minRecall) {
    ThresholdCurve c = curve(validation);
    int best = -1;
    for (int i = 0; i < c.size(); i++) {
      if (c.recall(i) >= minRecall && (best < 0 || c.precision(i) >= c.precision(best))) {
        best = i;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(point(validation, c, best, "precision"));
  }

  private static ThresholdCurve curve(EvalData d) {
    return d.multiLabel() ? ThresholdCurve.micro(d) : ThresholdCurve.topScore(d);
  }

  private static TunedRule point(EvalData d, ThresholdCurve c, int i, String metric) {
    double t = c.threshold(i);
    DecisionRule rule = d.multiLabel()
        ? DecisionRule.threshold(t)
        : new DecisionRules.Abstain(DecisionRule.argmax(), t, 0.0);
    EvalData applied = d.withRule(rule);
    double precision;
    double recall;
    if (d.multiLabel()) {
      var micro = Metrics.average(applied, org.classify4j.eval.Average.MICRO);
      precision = micro.precision();
      recall = micro.recall();
    } else {
      precision = Metrics.accuracyOnCovered(applied);
      recall = Metrics.accuracy(applied);
    }
    Map<String, Double> details = new LinkedHashMap<>();
    details.put("threshold", t);
    details.put("precision", precision);
    details.put("recall", recall);
    details.put("coverage", Metrics.coverage(applied));
    return new TunedRule(rule, metric, metric.equals("recall") ? recall : precision, details);
  }
}
