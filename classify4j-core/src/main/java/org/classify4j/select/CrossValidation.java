package org.classify4j.select;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metric;

/**
 * Fits a classifier on the training part of every fold, scores the test part and computes the
 * metrics, folds running on up to {@code parallelism} threads. Results do not depend on the
 * parallelism: each fold is independent and results are kept in fold order. Set metrics use each
 * model's default rule unless {@link #withRule(DecisionRule)} gives one.
 */
public final class CrossValidation {
  private final Splitter splitter;
  private final List<Metric> metrics;
  private final DecisionRule rule; // null: each model's default rule (never exposed)
  private final int parallelism;

  /**
   * @param splitter how to make the folds (e.g. {@link StratifiedKFold}, {@link FewShotSampler})
   * @param metrics the metrics to compute on each test fold
   * @param parallelism the number of folds fitted at once (1 = sequential)
   */
  public CrossValidation(Splitter splitter, List<Metric> metrics, int parallelism) {
    this(splitter, metrics, null, parallelism);
  }

  private CrossValidation(Splitter splitter, List<Metric> metrics, DecisionRule rule, int parallelism) {
    this.splitter = Objects.requireNonNull(splitter, "splitter");
    this.metrics = List.copyOf(metrics);
    this.rule = rule;
    Parallel.checkParallelism(parallelism);
    this.parallelism = parallelism;
  }

  /** The same cross-validation deciding with {@code rule} instead of each model's default rule. */
  public CrossValidation withRule(DecisionRule rule) {
    return new CrossValidation(splitter, metrics, Objects.requireNonNull(rule, "rule"), parallelism);
  }

  public Splitter splitter() {
    return splitter;
  }

  public List<Metric> metrics() {
    return metrics;
  }

  /** The rule given by {@link #withRule}, if any. */
  public Optional<DecisionRule> rule() {
    return Optional.ofNullable(rule);
  }

  public int parallelism() {
    return parallelism;
  }

  /** One fold's outcome, with the evaluation data (gold, scores, decisions) of its test part. */
  public record FoldResult(int fold, Fold split, Map<String, Double> metrics, EvalData data) {
    public FoldResult {
      metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
  }

  /** All folds, and each metric's mean and sd over them. */
  public record Result(List<FoldResult> folds, Map<String, Summary> summary) {
    public Result {
      folds = List.copyOf(folds);
      summary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }

    /** The test-fold evaluations, in fold order (for reports over several runs). */
    public List<EvalData> data() {
      List<EvalData> out = new ArrayList<>();
      for (FoldResult f : folds) {
        out.add(f.data());
      }
      return out;
    }
  }

  public Result run(Classifier spec, Dataset data) {
    List<Fold> folds = splitter.split(data);
    List<FoldResult> results =
        Parallel.map(folds.size(), parallelism, f -> evaluate(spec, data, f, folds.get(f)));
    return new Result(results, summarize(results, metrics));
  }

  FoldResult evaluate(Classifier spec, Dataset data, int index, Fold fold) {
    ClassifierModel model = spec.fit(fold.trainSet(data));
    Dataset test = fold.testSet(data);
    DecisionRule r = rule != null ? rule : model.defaultRule();
    EvalData ev = EvalData.of(test, model.predictProba(test.documents()), r);
    Map<String, Double> m = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      m.put(metric.name(), metric.compute(ev));
    }
    return new FoldResult(index, fold, m, ev);
  }

  static Map<String, Summary> summarize(List<FoldResult> results, List<Metric> metrics) {
    Map<String, Summary> s = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      double[] v = new double[results.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = results.get(i).metrics().get(metric.name());
      }
      s.put(metric.name(), Summary.of(v));
    }
    return s;
  }
}
