package org.classify4j.cli;

import org.classify4j.app.MethodSpec;
import org.classify4j.app.ProjectsFile;
import org.classify4j.app.EvaluateService;
import org.classify4j.app.Settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.eval.Average;
import org.classify4j.eval.Bootstrap;
import org.classify4j.eval.ClassificationReport;
import org.classify4j.eval.Prf;
import org.classify4j.eval.report.HtmlReport;
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

  @Mixin BackendOptions backend;

  @Mixin HierarchyOptions hierarchy;

  @Override
  BackendOptions backendOptions() {
    return backend;
  }

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
      description = "Embedder id for --method (env CLASSIFY4J_MODEL; default "
          + org.classify4j.embed.Embedders.DEFAULT_ID + ").")
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
      description = "With one run: 95%% percentile-bootstrap intervals of the F1 family and"
          + " accuracy from N resamples (seeded by --seed; 0: none, the default).")
  int bootstrap;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Write the metrics as JSON ('-' for stdout instead of the table).")
  Path json;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Write a self-contained HTML report with charts.")
  Path html;

  @Option(names = "--overwrite", description = "Replace existing --json and --html files.")
  boolean overwrite;

  @Option(names = "--title", paramLabel = "TEXT", description = "Title of the HTML report.")
  String title;

  @Option(names = "--per-label", description = "Always print the per-label table (default: only"
      + " up to 40 labels).")
  boolean perLabel;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Documents scored per batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin DataOptions dataOptions;

  @Override
  public Integer call() {
    Optional<ProjectsFile.Project> proj = project(project);
    boolean methodMode = method != null || train != null || cv != null || samplesPerLabel != null;
    Optional<Path> dir = modelDir != null ? Optional.of(path(modelDir))
        : methodMode ? Optional.empty() : proj.flatMap(ProjectsFile.Project::modelDir);
    if (dir.isPresent() && (method != null || train != null)) {
      throw new CliException("give either --model DIR (a trained model) or --method/--train,"
          + " not both");
    }
    if (dir.isPresent() && (embedder != null || (params != null && !params.isEmpty()))) {
      throw new CliException("--embedder and --param configure a method: a trained model (--model)"
          + " has its own");
    }
    Optional<Path> labels = labelsFile != null ? Optional.of(path(labelsFile))
        : proj.flatMap(ProjectsFile.Project::labels);
    boolean multi = multiLabel || proj.flatMap(ProjectsFile.Project::multiLabel).orElse(false);
    EvaluateService.Request req = new EvaluateService.Request(dir,
        Optional.ofNullable(train).map(this::path), Optional.ofNullable(test).map(this::path),
        dataOptions.options(), labels, multi, threshold, limit, samplesPerLabel, runs, cv, seed,
        bootstrap, batchSize, hierarchy.value());
    EvaluateService.validate(req, methodMode || proj.isPresent());
    Map<String, Path> inputFiles = inputs("--train", Optional.ofNullable(train).map(this::path),
        "--test", Optional.ofNullable(test).map(this::path), "--labels-file", labels);
    checkReport(json, "--json", overwrite, inputFiles);
    checkReport(html, "--html", overwrite, inputFiles);
    if (json != null && html != null && org.classify4j.app.OutputFiles.sameFile(path(json),
        path(html))) {
      throw new CliException("--json and --html are the same file: choose two");
    }
    Settings settings = settings(proj);
    EvaluateService.Evaluation e = dir.isPresent()
        ? EvaluateService.evaluateModel(settings, req, listener())
        : EvaluateService.evaluateMethod(settings,
            MethodSpec.resolve(settings, method, embedder, params, "centroid"), req, listener());
    report(e);
    return ExitCodes.OK;
  }

  private void report(EvaluateService.Evaluation e) {
    PrintWriter out = out();
    boolean jsonToStdout = json != null && json.toString().equals("-");
    ObjectNode j = e.toJson();
    if (!jsonToStdout) {
      if (e.runs().size() == 1) {
        printSingle(out, e.info(), ClassificationReport.of(e.runs().get(0)), e.intervals());
      } else {
        printRuns(out, e.info(), j, e.runs().size());
      }
    }
    if (json != null) {
      try {
        String s = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(j);
        if (jsonToStdout) {
          out.println(s);
        } else {
          org.classify4j.persist.AtomicFiles.writeString(path(json), s + "\n");
          info("metrics written to " + path(json));
        }
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    if (html != null) {
      String t = title != null ? title : "classify4j evaluation: "
          + e.info().getOrDefault("method", "") + (test != null ? " on " + path(test).getFileName()
          : "");
      HtmlReport report = HtmlReport.of(t, e.runs()).withInfo(e.info());
      org.classify4j.persist.AtomicFiles.writeAtomically(path(html), report::writeTo);
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

  /** The metrics shown; the hierarchical ones appear when computed (labels with a tree). */
  static List<String> shown(boolean multiLabel) {
    List<String> out = new java.util.ArrayList<>(
        multiLabel ? MULTI_LABEL_METRICS : SINGLE_LABEL_METRICS);
    out.addAll(org.classify4j.eval.Metrics.HIERARCHICAL);
    return out;
  }

  /** The width of the metric-name column: wider when hierarchical metrics are shown. */
  static int nameWidth(boolean hierarchical) {
    return hierarchical ? 22 : 16;
  }

  private void printSingle(PrintWriter out, Map<String, String> info, ClassificationReport r,
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
    String nw = "%-" + nameWidth(r.headline().containsKey("hierarchical_f1")) + "s";
    out.printf(Locale.ROOT, nw + "  %d%n", "documents", r.documents());
    for (String k : shown(r.multiLabel())) {
      Double v = r.headline().get(k);
      if (v != null) {
        Bootstrap.Interval c = ci.get(k);
        out.printf(Locale.ROOT, nw + "  %.4f%s%n", k, v, c == null ? ""
            : String.format(Locale.ROOT, "  [%.4f, %.4f] 95%% CI", c.lower(), c.upper()));
      }
    }
  }

  private void printRuns(PrintWriter out, Map<String, String> info, ObjectNode j, int n) {
    info.forEach((k, v) -> out.println(k + ": " + v));
    out.println();
    String nw = "%-" + nameWidth(j.has("hierarchical_f1")) + "s";
    out.println(String.format(Locale.ROOT, nw + "  %8s  %8s   (%d runs)", "metric", "mean", "sd",
        n));
    for (String k : shown(j.get("multi_label").asBoolean())) {
      if (j.has(k)) {
        out.println(String.format(Locale.ROOT, nw + "  %8.4f  %8.4f", k,
            j.get(k).get("mean").asDouble(), j.get(k).get("sd").asDouble()));
      }
    }
  }
}
