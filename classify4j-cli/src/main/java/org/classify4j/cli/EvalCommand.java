package org.classify4j.cli;

import org.classify4j.app.Backends;
import org.classify4j.app.MethodSpec;
import org.classify4j.app.ProjectsFile;
import org.classify4j.app.Rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.Version;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.eval.Average;
import org.classify4j.eval.Bootstrap;
import org.classify4j.eval.ClassificationReport;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metrics;
import org.classify4j.eval.Prf;
import org.classify4j.eval.report.HtmlReport;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.select.CrossValidation;
import org.classify4j.select.FewShotSampler;
import org.classify4j.select.Fold;
import org.classify4j.select.StratifiedKFold;
import org.classify4j.select.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eval}: how good is a model, or a method, on gold data. */
@Command(
    name = "eval",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Evaluate a model or a method on gold data; JSON and HTML reports.",
      "A trained model (--model DIR), or a method trained here (--method … --train FILE), on gold"
          + " test data: a classification report on stdout, --json and --html reports.",
      "Protocols: one train/test run; few-shot (--samples-per-label N --runs R --seed S: R seeded"
          + " draws of N training examples per label, each evaluated on --test); cross-validation"
          + " (--cv K on --train). With several runs every metric is reported as mean and sd."
    },
    footer = {
      "%nExamples:",
      "  classify4j eval --model models/intents --test test.jsonl --html report.html",
      "  classify4j eval --method centroid --train train.jsonl --test test.jsonl \\",
      "      --json metrics.json",
      "  classify4j eval --method centroid --train train.jsonl --test test.jsonl \\",
      "      --samples-per-label 8 --runs 5 --seed 13",
      "  classify4j eval --method knn -p k=5 --train train.jsonl --cv 5"
    })
final class EvalCommand extends CliCommand {

  @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "A trained model directory.")
  Path modelDir;

  @Option(names = "--project", paramLabel = "NAME",
      description = "Use the project's model_dir, or its method, embedder and parameters with"
          + " --train.")
  String project;

  @Option(names = "--method", paramLabel = "METHOD",
      description = "Train this method on --train and evaluate it (env CLASSIFY4J_METHOD).")
  String method;

  @Option(names = {"-e", "--embedder"}, paramLabel = "ID",
      description = "Embedder id for --method (env CLASSIFY4J_MODEL; default all-minilm-l6-v2).")
  String embedder;

  @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
      description = "A method parameter (repeatable).")
  List<String> params;

  @Option(names = {"-t", "--train"}, paramLabel = "FILE", description = "Training data.")
  Path train;

  @Option(names = "--test", paramLabel = "FILE", description = "Gold test data.")
  Path test;

  @Option(names = "--labels-file", paramLabel = "FILE",
      description = "The label space (default: labels of the model, or of train and test).")
  Path labelsFile;

  @Option(names = "--multi-label", description = "Treat the data as multi-label.")
  boolean multiLabel;

  @Option(names = "--threshold", paramLabel = "T",
      description = "Decide with 'labels scoring at least T' (default: the model's rule).")
  Double threshold;

  @Option(names = "--limit", paramLabel = "N", description = "Decide at most N labels.")
  Integer limit;

  @Option(names = "--samples-per-label", paramLabel = "N",
      description = "Few-shot: train on N examples per label drawn from --train.")
  Integer samplesPerLabel;

  @Option(names = "--runs", paramLabel = "R",
      description = "Few-shot draws (default: 5 with --samples-per-label).")
  Integer runs;

  @Option(names = "--cv", paramLabel = "K", description = "K-fold cross-validation on --train.")
  Integer cv;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "Seed for few-shot draws and folds (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "0",
      description = "With one run: 95% percentile-bootstrap intervals of the F1 family and"
          + " accuracy from N resamples (seeded by --seed; 0: none, the default).")
  int bootstrap;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Write the metrics as JSON ('-' for stdout instead of the table).")
  Path json;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Write a self-contained HTML report with charts.")
  Path html;

  @Option(names = "--title", paramLabel = "TEXT", description = "Title of the HTML report.")
  String title;

  @Option(names = "--per-label", description = "Always print the per-label table (default: only"
      + " up to 40 labels).")
  boolean perLabel;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Documents scored per batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin DataOptions dataOptions;

  private final Map<String, String> info = new LinkedHashMap<>();
  private final Map<String, Object> paramsUsed = new LinkedHashMap<>();

  @Override
  public Integer call() {
    Optional<ProjectsFile.Project> proj = project(project);
    boolean methodMode = method != null || train != null || cv != null || samplesPerLabel != null;
    Optional<Path> dir = modelDir != null ? Optional.of(path(modelDir))
        : methodMode ? Optional.empty() : proj.flatMap(ProjectsFile.Project::modelDir);
    validate(dir.isPresent(), methodMode || proj.isPresent());
    Optional<LabelSpace> space = labelsFile != null
        ? Optional.of(Inputs.labelsFile(path(labelsFile)))
        : proj.flatMap(ProjectsFile.Project::labels).map(Inputs::labelsFile);
    boolean multi = multiLabel || proj.flatMap(ProjectsFile.Project::multiLabel).orElse(false);
    List<EvalData> runs;
    if (dir.isPresent()) {
      runs = List.of(evalModel(dir.get(), proj));
    } else {
      runs = evalMethod(proj, space, multi);
    }
    report(runs);
    return ExitCodes.OK;
  }

  private void validate(boolean hasModelDir, boolean canUseMethod) {
    if (hasModelDir && (method != null || train != null)) {
      throw new CliException("give either --model DIR (a trained model) or --method/--train,"
          + " not both");
    }
    if (!hasModelDir && !canUseMethod) {
      throw new CliException("nothing to evaluate: give --model DIR, or --method M --train FILE");
    }
    if (cv != null) {
      if (cv < 2) {
        throw new CliException("--cv must be at least 2, got " + cv);
      }
      if (test != null || samplesPerLabel != null) {
        throw new CliException("--cv evaluates by cross-validation on --train: drop --test and"
            + " --samples-per-label");
      }
      if (train == null) {
        throw new CliException("--cv needs --train FILE");
      }
    } else if (test == null) {
      throw new CliException("no gold data: give --test FILE (or --cv K with --train)");
    }
    if (samplesPerLabel != null && samplesPerLabel < 1) {
      throw new CliException("--samples-per-label must be at least 1");
    }
    if (samplesPerLabel != null && train == null) {
      throw new CliException("--samples-per-label draws from --train: give --train FILE");
    }
    if (runs != null && runs < 1) {
      throw new CliException("--runs must be at least 1");
    }
    if (runs != null && samplesPerLabel == null) {
      throw new CliException("--runs goes with --samples-per-label (few-shot draws)");
    }
    if (batchSize < 1) {
      throw new CliException("--batch-size must be at least 1");
    }
  }

  private EvalData evalModel(Path dir, Optional<ProjectsFile.Project> proj) {
    try (LoadContext ctx = Backends.context(settings(proj))) {
      LoadedModel loaded = ModelStore.load(dir, ctx);
      ClassifierModel m = loaded.model();
      Dataset gold = dataOptions.read(this, path(test), Optional.of(m.classes()),
          m.multiLabel());
      gold = new Dataset(m.classes(), gold.examples(), m.multiLabel());
      DecisionRule rule = Rules.choose(loaded.decisionRule(),
          proj.flatMap(ProjectsFile.Project::decision), threshold, limit);
      info.put("model", dir.toString());
      info.put("method", loaded.provenance().method());
      info.put("params", paramText(loaded.provenance().params()));
      paramsUsed.putAll(loaded.provenance().params());
      info.put("decision rule", ruleText(rule));
      info.put("test data", path(test) + " (" + gold.size() + " documents)");
      return EvalData.of(gold, score(m, gold.documents(), batchSize), rule);
    }
  }

  private List<EvalData> evalMethod(Optional<ProjectsFile.Project> proj,
      Optional<LabelSpace> space, boolean multi) {
    MethodSpec spec = MethodSpec.resolve(settings(proj), method, embedder, params, "centroid");
    Dataset tr = train == null ? null : dataOptions.read(this, path(train), space, multi);
    Dataset te = test == null ? null : dataOptions.read(this, path(test), space, multi);
    LabelSpace labels = space.orElseGet(() -> union(tr, te));
    boolean ml = multi || (tr != null && tr.multiLabel()) || (te != null && te.multiLabel());
    Dataset trainSet = tr == null ? new Dataset(labels, List.of(), ml)
        : new Dataset(labels, tr.examples(), ml);
    Dataset testSet = te == null ? null : new Dataset(labels, te.examples(), ml);
    info.put("method", spec.method());
    info.put("params", paramText(spec.params().values()));
    if (tr != null) {
      info.put("training data", path(train) + " (" + tr.size() + " documents)");
    }
    if (te != null) {
      info.put("test data", path(test) + " (" + te.size() + " documents)");
    }
    boolean repeated = cv != null || samplesPerLabel != null;
    try (Backends.Fitting fit = Backends.fitting(settings(proj), spec, repeated, listener())) {
      Classifier c = Methods.create(fit.spec().method(), fit.spec().params(), fit.context());
      info.put("params", paramText(fit.spec().params().values()));
      paramsUsed.putAll(fit.spec().params().values());
      {
        Optional<DecisionRule> fixed = ruleFlags(proj);
        fixed.ifPresent(r -> info.put("decision rule", ruleText(r)));
        if (cv != null) {
          info.put("protocol", cv + "-fold stratified cross-validation on the training data, seed "
              + seed);
          info.put("seed", Long.toString(seed));
          CrossValidation cvRun = new CrossValidation(new StratifiedKFold(cv, seed),
              List.of(Metrics.byName("accuracy")), 1);
          if (fixed.isPresent()) {
            cvRun = cvRun.withRule(fixed.get());
          }
          CrossValidation.Result r = cvRun.run(c, trainSet);
          return r.data();
        }
        if (samplesPerLabel != null) {
          int n = runs == null ? 5 : runs;
          info.put("protocol", "few-shot: " + n + " runs of " + samplesPerLabel
              + " training examples per label, seed " + seed);
          info.put("seed", Long.toString(seed));
          List<EvalData> out = new ArrayList<>();
          List<Fold> folds = new FewShotSampler(samplesPerLabel, n, seed).split(trainSet);
          for (Fold f : folds) {
            ClassifierModel m = c.fit(f.trainSet(trainSet));
            fit.embeddingDone();
            out.add(evaluate(m, testSet, fixed));
          }
          return out;
        }
        ClassifierModel m = c.fit(trainSet);
        fit.embeddingDone();
        return List.of(evaluate(m, testSet, fixed));
      }
    }
  }

  private EvalData evaluate(ClassifierModel m, Dataset gold, Optional<DecisionRule> fixed) {
    DecisionRule rule = fixed.orElse(m.defaultRule());
    info.putIfAbsent("decision rule", ruleText(rule));
    return EvalData.of(gold, score(m, gold.documents(), batchSize), rule);
  }

  private Optional<DecisionRule> ruleFlags(Optional<ProjectsFile.Project> proj) {
    if (threshold == null && limit == null) {
      return proj.flatMap(ProjectsFile.Project::decision);
    }
    return Optional.of(Rules.choose(DecisionRule.argmax(), Optional.empty(), threshold, limit));
  }

  private static LabelSpace union(Dataset a, Dataset b) {
    if (a == null) {
      return b.labels();
    }
    return b == null ? a.labels() : a.labels().union(b.labels());
  }


  static String paramText(Map<String, ?> params) {
    if (params.isEmpty()) {
      return "(defaults)";
    }
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }

  static String ruleText(DecisionRule r) {
    try {
      return Json.mapper().writeValueAsString(r);
    } catch (IOException e) {
      return r.toString();
    }
  }

  private void report(List<EvalData> runs) {
    PrintWriter out = out();
    boolean jsonToStdout = json != null && json.toString().equals("-");
    ObjectNode j;
    if (runs.size() == 1) {
      ClassificationReport r = ClassificationReport.of(runs.get(0));
      Map<String, Bootstrap.Interval> ci = intervals(runs.get(0));
      if (!jsonToStdout) {
        printSingle(out, r, ci);
      }
      j = r.toJson();
      if (!ci.isEmpty()) {
        ObjectNode c = j.putObject("confidence_intervals");
        ci.forEach((k, v) -> c.set(k, v.toJson()));
        c.put("resamples", bootstrap);
        c.put("seed", seed);
      }
    } else {
      j = summaryJson(runs);
      if (!jsonToStdout) {
        printRuns(out, j, runs.size());
      }
    }
    ObjectNode meta = j.putObject("info");
    info.forEach(meta::put);
    if (!paramsUsed.isEmpty()) {
      meta.set("params", Json.mapper().valueToTree(paramsUsed));
    }
    meta.put("classify4j_version", Version.get());
    if (json != null) {
      try {
        String s = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(j);
        if (jsonToStdout) {
          out.println(s);
        } else {
          Files.writeString(path(json), s + "\n");
          info("metrics written to " + path(json));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (html != null) {
      String t = title != null ? title : "classify4j evaluation: " + info.getOrDefault("method", "")
          + (test != null ? " on " + path(test).getFileName() : "");
      HtmlReport.of(t, runs).withInfo(info).writeTo(path(html));
      info("HTML report written to " + path(html));
    }
    out.flush();
  }

  /** The headline metrics shown in the terminal (the JSON has them all). */
  static final List<String> SINGLE_LABEL_METRICS = List.of("accuracy", "macro_f1", "micro_f1",
      "weighted_f1", "kappa", "ndcg", "log_loss", "ece", "coverage");
  static final List<String> MULTI_LABEL_METRICS = List.of("micro_f1", "macro_f1", "weighted_f1",
      "samples_f1", "subset_accuracy", "hamming_loss", "jaccard", "f1_at_5", "ndcg", "ndcg_at_5",
      "p_at_1", "p_at_3", "p_at_5", "coverage");

  static List<String> shown(boolean multiLabel) {
    return multiLabel ? MULTI_LABEL_METRICS : SINGLE_LABEL_METRICS;
  }

  private Map<String, Bootstrap.Interval> intervals(EvalData d) {
    Map<String, Bootstrap.Interval> out = new LinkedHashMap<>();
    if (bootstrap <= 0) {
      return out;
    }
    Bootstrap b = new Bootstrap(bootstrap, 0.95, seed);
    List<String> names = d.multiLabel()
        ? List.of("micro_f1", "macro_f1", "weighted_f1", "samples_f1")
        : List.of("accuracy", "macro_f1", "micro_f1", "weighted_f1");
    for (String k : names) {
      out.put(k, b.interval(d, Metrics.byName(k)));
    }
    return out;
  }

  private void printSingle(PrintWriter out, ClassificationReport r,
      Map<String, Bootstrap.Interval> ci) {
    info.forEach((k, v) -> out.println(k + ": " + v));
    out.println();
    int w = "weighted avg".length();
    boolean rows = perLabel || r.labels().size() <= 40;
    if (rows) {
      for (ClassificationReport.LabelRow x : r.labels()) {
        w = Math.max(w, Math.min(50, x.label().length()));
      }
    }
    String head = "%-" + w + "s  %9s  %9s  %9s  %9s%n";
    String line = "%-" + w + "s  %9.4f  %9.4f  %9.4f  %9d%n";
    out.printf(Locale.ROOT, head, "", "precision", "recall", "f1", "support");
    int support = 0;
    for (ClassificationReport.LabelRow x : r.labels()) {
      support += x.support();
      if (rows) {
        String name = x.label().length() > 50 ? x.label().substring(0, 49) + "…" : x.label();
        out.printf(Locale.ROOT, line, name, x.precision(), x.recall(), x.f1(), x.support());
      }
    }
    if (!rows) {
      out.println("(" + r.labels().size() + " labels; per-label rows: --per-label)");
    }
    out.println();
    for (Map.Entry<Average, Prf> e : r.averages().entrySet()) {
      if (e.getKey() == Average.SAMPLES && !r.multiLabel()) {
        continue;
      }
      Prf p = e.getValue();
      out.printf(Locale.ROOT, line, e.getKey().key() + " avg", p.precision(), p.recall(), p.f1(),
          support);
    }
    out.println();
    out.printf(Locale.ROOT, "%-16s  %d%n", "documents", r.documents());
    for (String k : shown(r.multiLabel())) {
      Double v = r.headline().get(k);
      if (v != null) {
        Bootstrap.Interval c = ci.get(k);
        out.printf(Locale.ROOT, "%-16s  %.4f%s%n", k, v, c == null ? ""
            : String.format(Locale.ROOT, "  [%.4f, %.4f] 95%% CI", c.lower(), c.upper()));
      }
    }
  }

  /** Every headline metric as {"mean", "sd"} over the runs, and the runs themselves. */
  static ObjectNode summaryJson(List<EvalData> runs) {
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

  private void printRuns(PrintWriter out, ObjectNode j, int n) {
    info.forEach((k, v) -> out.println(k + ": " + v));
    out.println();
    out.println(String.format(Locale.ROOT, "%-16s  %8s  %8s   (%d runs)", "metric", "mean", "sd",
        n));
    for (String k : shown(j.get("multi_label").asBoolean())) {
      if (j.has(k)) {
        out.println(String.format(Locale.ROOT, "%-16s  %8.4f  %8.4f", k,
            j.get(k).get("mean").asDouble(), j.get(k).get("sd").asDouble()));
      }
    }
  }
}
