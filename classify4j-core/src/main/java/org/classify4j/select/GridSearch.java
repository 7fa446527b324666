package org.classify4j.select;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.eval.Metric;

/**
 * Exhaustive search over a parameter grid with cross-validation. Every candidate (one combination
 * of parameter values) is built by {@code factory} and cross-validated on the same folds; all
 * (candidate, fold) fits run on up to {@code parallelism} threads. The result does not depend on
 * the parallelism.
 *
 * <p>Candidates are enumerated with the parameter names sorted and the last name varying fastest.
 * The best candidate has the best mean of {@code metric} (highest, or lowest for losses); ties go
 * to the earlier candidate.
 */
public record GridSearch(
    Map<String, List<Object>> grid,
    Function<Map<String, Object>, Classifier> factory,
    Metric metric,
    Splitter splitter,
    int parallelism) {

  public GridSearch {
    Map<String, List<Object>> g = new TreeMap<>();
    grid.forEach((k, v) -> {
      if (v.isEmpty()) {
        throw new IllegalArgumentException("parameter '" + k + "' has no values");
      }
      g.put(k, List.copyOf(v));
    });
    grid = Collections.unmodifiableMap(g);
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(splitter, "splitter");
    Parallel.checkParallelism(parallelism);
  }

  /** One parameter combination with its cross-validated scores. */
  public record Candidate(int index, Map<String, Object> params, Summary score, double[] foldScores) {
    public Candidate {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
      foldScores = foldScores.clone();
    }

    @Override
    public double[] foldScores() {
      return foldScores.clone();
    }
  }

  /** Every candidate (grid order) and the best one. */
  public record Result(String metric, List<Candidate> candidates, Candidate best) {
    public Result {
      candidates = List.copyOf(candidates);
    }

    /** Candidates from best to worst (stable). */
    public List<Candidate> ranked(boolean higherIsBetter) {
      List<Candidate> r = new ArrayList<>(candidates);
      r.sort((a, b) -> higherIsBetter
          ? Double.compare(b.score().mean(), a.score().mean())
          : Double.compare(a.score().mean(), b.score().mean()));
      return r;
    }
  }

  /** All combinations of the grid, in search order. */
  public List<Map<String, Object>> candidates() {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : out) {
        for (Object v : e.getValue()) {
          Map<String, Object> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    List<Map<String, Object>> frozen = new ArrayList<>();
    for (Map<String, Object> m : out) {
      frozen.add(Collections.unmodifiableMap(m));
    }
    return frozen;
  }

  public Result search(Dataset data) {
    List<Map<String, Object>> cands = candidates();
    List<Fold> folds = splitter.split(data);
    int nf = folds.size();
    CrossValidation cv = new CrossValidation(splitter, List.of(metric), 1);
    List<Classifier> specs = new ArrayList<>();
    for (Map<String, Object> p : cands) {
      specs.add(factory.apply(p));
    }
    List<Double> scores = Parallel.map(cands.size() * nf, parallelism, t -> {
      int c = t / nf;
      int f = t % nf;
      return cv.evaluate(specs.get(c), data, f, folds.get(f)).metrics().get(metric.name());
    });
    List<Candidate> out = new ArrayList<>();
    Candidate best = null;
    for (int c = 0; c < cands.size(); c++) {
      double[] v = new double[nf];
      for (int f = 0; f < nf; f++) {
        v[f] = scores.get(c * nf + f);
      }
      Candidate cand = new Candidate(c, cands.get(c), Summary.of(v), v);
      out.add(cand);
      if (best == null
          || (metric.higherIsBetter()
              ? cand.score().mean() > best.score().mean()
              : cand.score().mean() < best.score().mean())) {
        best = cand;
      }
    }
    return new Result(metric.name(), out, best);
  }
}
