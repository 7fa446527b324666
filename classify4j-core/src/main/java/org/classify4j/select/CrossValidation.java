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
 * parallelism: each fold is independent and results are kept in fold order.
 *
 * @param splitter how to make the folds (e.g. {@link StratifiedKFold}, {@link FewShotSampler})
 * @param metrics the metrics to compute on each test fold
 * @param rule the decision rule for the set metrics; empty = each model's default rule
 * @param parallelism the number of folds fitted at once (1 = sequential)
 */
public record CrossValidation(
    Splitter splitter, List<Metric> metrics, Optional<DecisionRule> rule, int parallelism) {
  public CrossValidation {
    Objects.requireNonNull(splitter, "splitter");
    metrics = List.copyOf(metrics);
    Objects.requireNonNull(rule, "rule");
    Parallel.checkParallelism(parallelism);
  }

  public CrossValidation(Splitter splitter, List<Metric> metrics, int parallelism) {
    this(splitter, metrics, Optional.empty(), parallelism);
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
    DecisionRule r = rule.orElseGet(model::defaultRule);
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
