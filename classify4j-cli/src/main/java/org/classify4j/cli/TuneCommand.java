package org.classify4j.cli;

import org.classify4j.app.ProjectsFile;
import org.classify4j.app.TuneService;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.data.Dataset;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metric;
import org.classify4j.eval.Metrics;
import org.classify4j.persist.ModelStore;
import org.classify4j.select.TunedRule;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tune}: choose a model's decision rule on validation data and save it. */
@Command(
    name = "tune",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Choose a model's decision rule on validation data (decision.json).",
      "The validation data are documents the model was not trained on; the rule is saved as the"
          + " model's decision.json.",
      "Default: Annif-style sweep of limit 1..15 × threshold 0.00..0.95 maximizing --metric."
          + " Or: one threshold per label (--per-label), or the best recall at a precision"
          + " (--target-precision P), or the best precision at a recall (--target-recall R)."
    },
    footer = {
      "%nExamples:",
      "  classify4j tune --model models/reuters --validation dev.jsonl",
      "  classify4j tune --model models/reuters --validation dev.jsonl --metric f1_at_5",
      "  classify4j tune --model models/intents --validation dev.jsonl \\",
      "      --target-precision 0.95",
      "  classify4j tune --project tickets --validation dev.jsonl --per-label --dry-run"
    })
final class TuneCommand extends CliCommand {

  @Mixin BackendOptions backend;

  @Override
  BackendOptions backendOptions() {
    return backend;
  }

  @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "A trained model directory.")
  Path modelDir;

  @Option(names = "--project", paramLabel = "NAME", description = "Tune the project's model.")
  String project;

  @Option(names = "--validation", paramLabel = "FILE", required = true,
      description = "Gold validation data (not the training data, not the test data).")
  Path validation;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Goal goal;

  static final class Goal {
    @Option(names = "--metric", paramLabel = "NAME",
        description = "Metric the limit × threshold sweep maximizes (default micro_f1).")
    String metric;

    @Option(names = "--per-label", description = "One threshold per label (best F1 each).")
    boolean perLabel;

    @Option(names = "--target-precision", paramLabel = "P",
        description = "Highest recall with precision at least P.")
    Double targetPrecision;

    @Option(names = "--target-recall", paramLabel = "R",
        description = "Highest precision with recall at least R.")
    Double targetRecall;
  }

  @Option(names = "--dry-run", description = "Report the rule, do not write decision.json.")
  boolean dryRun;

  @Option(names = "--force",
      description = "Replace decision.json even when --validation is the model's training data.")
  boolean force;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the outcome as JSON.")
  Path json;

  @Option(names = "--overwrite", description = "Replace an existing --json file.")
  boolean overwrite;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Documents scored per batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin DataOptions dataOptions;

  @Override
  public Integer call() {
    Optional<ProjectsFile.Project> proj = project(project);
    Path dir = modelDir != null ? path(modelDir)
        : proj.flatMap(ProjectsFile.Project::modelDir).orElseThrow(() -> new CliException(
            "no model: give --model DIR or --project NAME (with a \"model_dir\")"));
    checkReport(json, "--json", overwrite, inputs("--validation", path(validation)));
    Goal g = goal == null ? new Goal() : goal;
    checkUnit("--target-precision", g.targetPrecision);
    checkUnit("--target-recall", g.targetRecall);
    Metric metric = Metrics.byName(g.metric == null ? "micro_f1" : g.metric);
    TuneService.Result res = TuneService.tune(settings(proj), new TuneService.Request(dir,
        path(validation), dataOptions.options(), new TuneService.Goal(metric, g.perLabel,
            g.targetPrecision, g.targetRecall), batchSize, dryRun, force), listener());
    for (String w : res.warnings()) {
      // shown also with --quiet: the rule may not mean what it seems
      err().println("warning: " + w);
      err().flush();
    }
    {
      Dataset gold = res.gold();
      TunedRule tuned = res.tuned();
      EvalData before = res.before();
      String how = res.how();
      EvalData after = res.after();
      PrintWriter out = out();
      out.println("model: " + dir);
      out.println("validation: " + path(validation) + " (" + gold.size() + " documents)");
      out.println("tuning: " + how);
      out.println("before: " + org.classify4j.app.EvaluateService.ruleText(res.previous()));
      out.println("after:  " + org.classify4j.app.EvaluateService.ruleText(tuned.rule()));
      out.println();
      out.println(String.format(Locale.ROOT, "%-16s  %8s  %8s", "metric", "before", "after"));
      List<String> names = new ArrayList<>();
      Metrics.find(tuned.metric()).ifPresent(x -> names.add(x.name()));
      for (String k : res.multiLabel()
          ? List.of("micro_f1", "macro_f1", "samples_f1", "f1_at_5", "coverage")
          : List.of("accuracy", "macro_f1", "micro_f1", "coverage")) {
        if (!names.contains(k)) {
          names.add(k);
        }
      }
      for (String k : names) {
        Metric x = Metrics.byName(k);
        out.println(String.format(Locale.ROOT, "%-16s  %8.4f  %8.4f", k, x.compute(before),
            x.compute(after)));
      }
      out.println();
      out.println(String.format(Locale.ROOT, "chosen by %s = %.4f", tuned.metric(),
          tuned.value()));
      tuned.details().forEach((k, v) -> out.println(String.format(Locale.ROOT,
          "  %s = %.4f", k, v)));
      out.flush();
      if (json != null) {
        ObjectNode j = Json.mapper().createObjectNode();
        j.set("rule", Json.mapper().valueToTree(tuned.rule()));
        j.put("metric", tuned.metric());
        j.put("value", tuned.value());
        j.set("details", Json.mapper().valueToTree(tuned.details()));
        j.set("previous_rule", Json.mapper().valueToTree(res.previous()));
        try {
          org.classify4j.persist.AtomicFiles.writeString(path(json),
              Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(j) + "\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (dryRun) {
        info("dry run: " + dir.resolve(ModelStore.DECISION) + " left as it was");
      } else {
        info("decision rule written to " + dir.resolve(ModelStore.DECISION));
        if (proj.flatMap(ProjectsFile.Project::decision).isPresent()) {
          info("note: project '" + project + "' sets its own \"decision\" in "
              + config().source().map(Path::toString).orElse("the projects file")
              + ", which predict/eval --project use instead of decision.json; remove it there"
              + " to use the tuned rule");
        }
      }
    }
    return ExitCodes.OK;
  }

  private static void checkUnit(String name, Double v) {
    if (v != null && !(v > 0 && v <= 1)) {
      throw new CliException(name + " must be in (0,1], got " + v);
    }
  }
}
