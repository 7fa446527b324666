package org.classify4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.classify4j.app.MethodSpec;
import org.classify4j.app.ProjectsFile;
import org.classify4j.app.Settings;
import org.classify4j.app.TrainService;
import org.classify4j.embed.Embedders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: fit a method on labelled data and save the model directory. */
@Command(
    name = "train",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Train a method on labelled data and save the model directory.",
      "The directory holds manifest.json (with provenance: method, parameters, versions, training"
          + " data size and hash), decision.json and raw arrays."
    },
    footer = {
      "%nExamples:",
      "  classify4j train --method centroid --train train.jsonl --out models/intents",
      "  classify4j train --method knn -p k=15 --model bge-small-en-v1.5 \\",
      "      --train train.jsonl --out models/knn",
      "  classify4j train --project tickets --train tickets.jsonl"
    })
final class TrainCommand extends CliCommand {

  @Mixin BackendOptions backend;

  @Mixin HierarchyOptions hierarchy;

  @Override
  BackendOptions backendOptions() {
    return backend;
  }

  @Option(names = "--method", paramLabel = "METHOD",
      description = "Method (default: centroid; env CLASSIFY4J_METHOD). See 'classify4j models'.")
  String method;

  @Option(names = {"-m", "--model", "--embedder"}, paramLabel = "ID",
      description = "Embedder id (default: " + Embedders.DEFAULT_ID + "; env CLASSIFY4J_MODEL).")
  String model;

  @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
      description = "A method parameter (repeatable).")
  List<String> params;

  @Option(names = {"-t", "--train"}, paramLabel = "FILE", required = true,
      description = "Training data: JSONL {\"id\", \"text\", \"labels\": [...]}, CSV or TSV.")
  Path train;

  @Option(names = "--labels-file", paramLabel = "FILE",
      description = "The label space (NAME or NAME<TAB>DESCRIPTION per line); default: the"
          + " labels used in the training data.")
  Path labelsFile;

  @Option(names = "--multi-label", description = "Treat the data as multi-label even if every"
      + " example has one label.")
  boolean multiLabel;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "Where to save the model (default: the project's model_dir).")
  Path out;

  @Option(names = "--project", paramLabel = "NAME",
      description = "Take method, model, parameters, labels and model_dir from this project.")
  String project;

  @Option(names = "--overwrite", description = "Replace an existing model directory (the old"
      + " model stays whole until the new one is complete).")
  boolean overwrite;

  @Mixin DataOptions dataOptions;

  @Option(names = "--threshold", paramLabel = "T",
      description = "Save the rule 'labels scoring at least T' (default: the model's).")
  Double threshold;

  @Option(names = "--limit", paramLabel = "N", description = "Save a rule choosing at most N labels.")
  Integer limit;

  @Override
  public Integer call() {
    Optional<ProjectsFile.Project> proj = project(project);
    Path dir = out != null ? path(out) : proj.flatMap(ProjectsFile.Project::modelDir)
        .orElseThrow(() -> new CliException("no output directory: give --out DIR"
            + (proj.isPresent() ? " (project '" + project + "' has no \"model_dir\")" : "")));
    Optional<Path> labels = labelsFile != null ? Optional.of(path(labelsFile))
        : proj.flatMap(ProjectsFile.Project::labels);
    boolean multi = multiLabel || proj.flatMap(ProjectsFile.Project::multiLabel).orElse(false);
    Settings settings = settings(proj);
    MethodSpec spec = MethodSpec.resolve(settings, method, model, params, "centroid");
    TrainService.Result r = TrainService.train(settings, spec, new TrainService.Request(
        path(train), dataOptions.options(), labels, multi, dir, threshold, limit, overwrite,
        hierarchy.value()),
        listener());
    if (!r.skippedSummary().isEmpty()) {
      info(r.skippedSummary());
    }
    for (String w : r.warnings()) {
      // also kept in the model's provenance ("training" → "warnings")
      err().println("classify4j: warning: " + w);
    }
    info(TrainService.describe(r));
    return ExitCodes.OK;
  }
}
