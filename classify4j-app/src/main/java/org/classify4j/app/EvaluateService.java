package org.classify4j.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.Version;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.LabelFiles;
import org.classify4j.data.io.ReadOptions;
import org.classify4j.eval.Bootstrap;
import org.classify4j.eval.ClassificationReport;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metrics;
import org.classify4j.method.LoadContext;
import org.classify4j.method.Methods;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.select.CrossValidation;
import org.classify4j.select.FewShotSampler;
import org.classify4j.select.Fold;
import org.classify4j.select.StratifiedKFold;
import org.classify4j.select.Summary;

/**
 * Evaluate: a trained model on gold data, or a method by one of three protocols — train on
 * {@code train}, score {@code test} once; few-shot (R draws of N examples per label); K-fold
 * cross-validation — with optional bootstrap intervals. Returns the runs and the facts of the run
 * ({@link Evaluation}); faces format them (terminal table, JSON, HTML).
 */
public final class EvaluateService {
  /** The most bootstrap resamples (more only burns time and memory). */
  public static final int MAX_BOOTSTRAP = 100_000;

  private EvaluateService() {}

  /**
   * What to evaluate. {@code modelDir} present: that model on {@code test}; else the method of
   * the settings/spec trained on {@code train}.
   */
  public record Request(Optional<Path> modelDir, Optional<Path> train, Optional<Path> test,
      ReadOptions read, Optional<Path> labelsFile, boolean multiLabel, Double threshold,
      Integer limit, Integer samplesPerLabel, Integer runs, Integer cv, long seed, int bootstrap,
      int batchSize, Rules.Hierarchy hierarchy) {

    public Request {
      java.util.Objects.requireNonNull(hierarchy, "hierarchy");
    }

    /** A request without hierarchy options. */
    public Request(Optional<Path> modelDir, Optional<Path> train, Optional<Path> test,
        ReadOptions read, Optional<Path> labelsFile, boolean multiLabel, Double threshold,
        Integer limit, Integer samplesPerLabel, Integer runs, Integer cv, long seed, int bootstrap,
        int batchSize) {
      this(modelDir, train, test, read, labelsFile, multiLabel, threshold, limit, samplesPerLabel,
          runs, cv, seed, bootstrap, batchSize, Rules.Hierarchy.NONE);
    }
  }

  /**
   * The outcome: one run (a model or one train/test split) or several (few-shot draws, folds);
   * {@code info} says what was evaluated how (method, params, data, protocol, rule);
   * {@code intervals} holds bootstrap intervals of the one run's headline metrics.
   */
  public record Evaluation(List<EvalData> runs, Map<String, String> info,
      Map<String, Object> params, Map<String, Bootstrap.Interval> intervals, int bootstrap,
      long seed) {

    /** Metrics as JSON: the report of one run, or mean and sd over several; with "info". */
    public ObjectNode toJson() {
      ObjectNode j;
      if (runs.size() == 1) {
        j = ClassificationReport.of(runs.get(0)).toJson();
        if (!intervals.isEmpty()) {
          ObjectNode c = j.putObject("confidence_intervals");
          intervals.forEach((k, v) -> c.set(k, v.toJson()));
          c.put("resamples", bootstrap);
          c.put("seed", seed);
        }
      } else {
        j = summaryJson(runs);
      }
      ObjectNode meta = j.putObject("info");
      info.forEach(meta::put);
      if (!params.isEmpty()) {
        meta.set("params", Json.mapper().valueToTree(params));
      }
      meta.put("classify4j_version", Version.get());
      return j;
    }
  }

  /** Checks a request for contradictions and impossible values before anything is read. */
  public static void validate(Request r, boolean projectOrMethod) {
    boolean hasModel = r.modelDir().isPresent();
    boolean methodMode = r.train().isPresent() || r.cv() != null || r.samplesPerLabel() != null;
    if (hasModel && methodMode) {
      throw new AppException("give either a trained model or a method with training data,"
          + " not both");
    }
    if (!hasModel && !projectOrMethod) {
      throw new AppException("nothing to evaluate: give --model DIR, or --method M --train FILE");
    }
    if (r.cv() != null) {
      if (r.cv() < 2) {
        throw new AppException("--cv must be at least 2, got " + r.cv());
      }
      if (r.test().isPresent() || r.samplesPerLabel() != null) {
        throw new AppException("--cv evaluates by cross-validation on --train: drop --test and"
            + " --samples-per-label");
      }
      if (r.train().isEmpty()) {
        throw new AppException("--cv needs --train FILE");
      }
    } else if (r.test().isEmpty()) {
      throw new AppException("no gold data: give --test FILE (or --cv K with --train)");
    }
    if (r.samplesPerLabel() != null && r.samplesPerLabel() < 1) {
      throw new AppException("--samples-per-label must be at least 1");
    }
    if (r.samplesPerLabel() != null && r.train().isEmpty()) {
      throw new AppException("--samples-per-label draws from --train: give --train FILE");
    }
    if (r.runs() != null && r.runs() < 1) {
      throw new AppException("--runs must be at least 1");
    }
    if (r.runs() != null && r.samplesPerLabel() == null) {
      throw new AppException("--runs goes with --samples-per-label (few-shot draws)");
    }
    if (r.bootstrap() < 0 || r.bootstrap() > MAX_BOOTSTRAP) {
      throw new AppException("--bootstrap must be in 0.." + MAX_BOOTSTRAP + ", got "
          + r.bootstrap());
    }
    PredictService.checkBatchSize(r.batchSize());
  }

  /** A trained model on the request's test data. */
  public static Evaluation evaluateModel(Settings settings, Request r, ProgressListener progress) {
    Map<String, String> info = new LinkedHashMap<>();
    Map<String, Object> params = new LinkedHashMap<>();
    Path dir = r.modelDir().orElseThrow();
    Path test = r.test().orElseThrow();
    try (LoadContext ctx = Backends.context(settings)) {
      LoadedModel loaded = ModelStore.load(dir, ctx);
      ClassifierModel m = loaded.model();
      Dataset gold = TrainService.readLabelled(test, r.read(), Optional.of(m.classes()),
          m.multiLabel()).dataset();
      gold = new Dataset(m.classes(), gold.examples(), m.multiLabel());
      requireGold(test, gold);
      DecisionRule rule = Rules.withHierarchy(Rules.choose(loaded.decisionRule(),
          settings.project().flatMap(ProjectsFile.Project::decision), r.threshold(), r.limit()),
          r.hierarchy(), m.classes());
      info.put("model", dir.toString());
      info.put("method", loaded.provenance().method());
      info.put("params", paramText(loaded.provenance().params()));
      params.putAll(loaded.provenance().params());
      info.put("decision rule", ruleText(rule));
      info.put("test data", test + " (" + gold.size() + " documents)");
      EvalData d = EvalData.of(gold, score(m, gold, r.batchSize(), progress), rule);
      return new Evaluation(List.of(d), info, params, intervals(d, r), r.bootstrap(), r.seed());
    }
  }

  /** A method, trained and scored by the request's protocol. */
  public static Evaluation evaluateMethod(Settings settings, MethodSpec spec, Request r,
      ProgressListener progress) {
    Map<String, String> info = new LinkedHashMap<>();
    Map<String, Object> params = new LinkedHashMap<>();
    Optional<LabelSpace> space = r.labelsFile().map(LabelFiles::read);
    Dataset tr = r.train().map(f -> TrainService.readLabelled(f, r.read(), space,
        r.multiLabel()).dataset()).orElse(null);
    Dataset te = r.test().map(f -> TrainService.readLabelled(f, r.read(), space,
        r.multiLabel()).dataset()).orElse(null);
    LabelSpace labels = space.orElseGet(() -> union(tr, te));
    boolean ml = r.multiLabel() || (tr != null && tr.multiLabel()) || (te != null && te.multiLabel());
    Dataset trainSet = tr == null ? new Dataset(labels, List.of(), ml)
        : new Dataset(labels, tr.examples(), ml);
    Dataset testSet = te == null ? null : new Dataset(labels, te.examples(), ml);
    if (testSet != null) {
      requireGold(r.test().get(), testSet);
    }
    info.put("method", spec.method());
    info.put("params", paramText(spec.params().values()));
    r.train().ifPresent(f -> info.put("training data", f + " (" + tr.size() + " documents)"));
    r.test().ifPresent(f -> info.put("test data", f + " (" + te.size() + " documents)"));
    boolean repeated = r.cv() != null || r.samplesPerLabel() != null;
    try (Backends.Fitting fit = Backends.fitting(settings, spec, repeated, progress)) {
      Classifier c = Methods.create(fit.spec().method(), fit.spec().params(), fit.context());
      info.put("params", paramText(fit.spec().params().values()));
      params.putAll(fit.spec().params().values());
      Optional<DecisionRule> fixed = ruleFlags(settings, r)
          .map(x -> Rules.withHierarchy(x, r.hierarchy(), labels));
      // without a fixed rule the hierarchy wraps each fitted model's default rule; checked here
      DecisionRule hierarchyOverDefault = Rules.withHierarchy(
          ml ? DecisionRule.threshold(0.5) : DecisionRule.argmax(), r.hierarchy(), labels);
      fixed.ifPresent(x -> info.put("decision rule", ruleText(x)));
      List<EvalData> runs = new ArrayList<>();
      if (r.cv() != null) {
        info.put("protocol", r.cv() + "-fold stratified cross-validation on the training data,"
            + " seed " + r.seed());
        info.put("seed", Long.toString(r.seed()));
        CrossValidation cvRun = new CrossValidation(new StratifiedKFold(r.cv(), r.seed()),
            List.of(Metrics.byName("accuracy")), 1);
        if (fixed.isPresent()) {
          cvRun = cvRun.withRule(fixed.get());
        } else if (r.hierarchy().given()) {
          cvRun = cvRun.withRule(hierarchyOverDefault);
          info.put("decision rule", ruleText(hierarchyOverDefault));
        }
        runs.addAll(cvRun.run(c, trainSet).data());
      } else if (r.samplesPerLabel() != null) {
        int n = r.runs() == null ? 5 : r.runs();
        info.put("protocol", "few-shot: " + n + " runs of " + r.samplesPerLabel()
            + " training examples per label, seed " + r.seed());
        info.put("seed", Long.toString(r.seed()));
        for (Fold f : new FewShotSampler(r.samplesPerLabel(), n, r.seed()).split(trainSet)) {
          ClassifierModel m = c.fit(f.trainSet(trainSet));
          fit.embeddingDone();
          runs.add(evaluate(m, testSet, fixed, r.hierarchy(), info, r.batchSize(), progress));
        }
      } else {
        ClassifierModel m = c.fit(trainSet);
        fit.embeddingDone();
        runs.add(evaluate(m, testSet, fixed, r.hierarchy(), info, r.batchSize(), progress));
      }
      Map<String, Bootstrap.Interval> ci = runs.size() == 1 ? intervals(runs.get(0), r) : Map.of();
      return new Evaluation(List.copyOf(runs), info, params, ci, r.bootstrap(), r.seed());
    }
  }

  private static void requireGold(Path file, Dataset gold) {
    if (gold.size() == 0) {
      throw new AppException(file + ": no gold documents to evaluate on");
    }
    if (!gold.multiLabel() && gold.examples().stream().allMatch(e -> e.labels().isEmpty())) {
      throw new AppException(file + ": no document has a gold label");
    }
  }

  private static EvalData evaluate(ClassifierModel m, Dataset gold, Optional<DecisionRule> fixed,
      Rules.Hierarchy hierarchy, Map<String, String> info, int batchSize,
      ProgressListener progress) {
    DecisionRule rule = fixed.orElseGet(
        () -> Rules.withHierarchy(m.defaultRule(), hierarchy, m.classes()));
    info.putIfAbsent("decision rule", ruleText(rule));
    return EvalData.of(gold, score(m, gold, batchSize, progress), rule);
  }

  private static org.classify4j.classify.ScoreMatrix score(ClassifierModel m, Dataset gold,
      int batchSize, ProgressListener progress) {
    try (ProgressListener.Task t = progress.start("scoring", gold.size(), "docs")) {
      var s = PredictService.score(m, gold.documents(), batchSize, t);
      t.finish();
      return s;
    }
  }

  private static Optional<DecisionRule> ruleFlags(Settings settings, Request r) {
    if (r.threshold() == null && r.limit() == null) {
      return settings.project().flatMap(ProjectsFile.Project::decision);
    }
    return Optional.of(Rules.choose(DecisionRule.argmax(), Optional.empty(), r.threshold(),
        r.limit()));
  }

  private static Map<String, Bootstrap.Interval> intervals(EvalData d, Request r) {
    Map<String, Bootstrap.Interval> out = new LinkedHashMap<>();
    if (r.bootstrap() <= 0) {
      return out;
    }
    Bootstrap b = new Bootstrap(r.bootstrap(), 0.95, r.seed());
    List<String> names = d.multiLabel()
        ? List.of("micro_f1", "macro_f1", "weighted_f1", "samples_f1")
        : List.of("accuracy", "macro_f1", "micro_f1", "weighted_f1");
    for (String k : names) {
      out.put(k, b.interval(d, Metrics.byName(k)));
    }
    return out;
  }

  private static LabelSpace union(Dataset a, Dataset b) {
    if (a == null) {
      return b.labels();
    }
    return b == null ? a.labels() : a.labels().union(b.labels());
  }

  /** Every headline metric as {"mean", "sd"} over the runs, and the runs themselves. */
  public static ObjectNode summaryJson(List<EvalData> runs) {
    List<Map<String, Double>> per = new ArrayList<>();
    for (EvalData d : runs) {
      per.add(Metrics.all(d));
    }
    ObjectNode j = Json.mapper().createObjectNode();
    j.put("runs", runs.size());
    ArrayNode docs = j.putArray("documents_per_run");
    runs.forEach(d -> docs.add(d.size()));
    j.put("multi_label", runs.get(0).multiLabel());
    for (String k : per.get(0).keySet()) {
      double[] v = per.stream().mapToDouble(m -> m.get(k)).toArray();
      Summary s = Summary.of(v);
      ObjectNode n = j.putObject(k);
      n.put("mean", s.mean());
      n.put("sd", s.sd());
    }
    ArrayNode arr = j.putArray("per_run");
    for (Map<String, Double> m : per) {
      ObjectNode n = arr.addObject();
      m.forEach(n::put);
    }
    return j;
  }

  public static String paramText(Map<String, ?> params) {
    if (params.isEmpty()) {
      return "(defaults)";
    }
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }

  public static String ruleText(DecisionRule r) {
    try {
      return Json.mapper().writeValueAsString(r);
    } catch (IOException e) {
      return r.toString();
    }
  }
}
