package org.classify4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.Embedders;
import org.classify4j.method.Methods;
import org.classify4j.persist.LoadContext;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.persist.SavableModel;
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

  @Mixin DataOptions dataOptions;

  @Option(names = "--threshold", paramLabel = "T",
      description = "Save the rule 'labels scoring at least T' (default: the model's).")
  Double threshold;

  @Option(names = "--limit", paramLabel = "N", description = "Save a rule choosing at most N labels.")
  Integer limit;

  @Override
  public Integer call() {
    Optional<ProjectConfig.Project> proj = project(project);
    Path dir = out != null ? path(out) : proj.flatMap(ProjectConfig.Project::modelDir)
        .orElseThrow(() -> new CliException("no output directory: give --out DIR"
            + (proj.isPresent() ? " (project '" + project + "' has no \"model_dir\")" : "")));
    Optional<LabelSpace> space = labelsFile != null
        ? Optional.of(Inputs.labelsFile(path(labelsFile)))
        : proj.flatMap(ProjectConfig.Project::labels).map(Inputs::labelsFile);
    boolean multi = multiLabel || proj.flatMap(ProjectConfig.Project::multiLabel).orElse(false);
    MethodSpec spec = MethodSpec.resolve(this, proj, method, model, params, "centroid");
    long t0 = System.nanoTime();
    Dataset data = dataOptions.read(this, path(train), space, multi);
    if (data.size() == 0) {
      throw new CliException(train + ": no examples to train on");
    }
    info(String.format(Locale.ROOT, "training %s on %d examples (%d labels, %s) ...", spec.method(),
        data.size(), data.labels().size(), data.multiLabel() ? "multi-label" : "single-label"));
    try (EmbeddingProgress.Fitting f = EmbeddingProgress.context(this, spec, false,
        llmEnvironment(proj))) {
      Classifier c = Methods.create(f.spec().method(), f.spec().params(), f.context());
      ClassifierModel fitted = c.fit(data);
      f.embeddingDone();
      if (!(fitted instanceof SavableModel savable)) {
        throw new CliException("method '" + spec.method() + "' makes models that cannot be saved");
      }
      Provenance base = Provenance.of(c, data);
      Map<String, Object> training = new LinkedHashMap<>(base.training());
      training.put("file", path(train).toAbsolutePath().normalize().toString());
      Provenance prov = new Provenance(base.createdAt(), base.classify4jVersion(),
          base.javaVersion(), base.method(), base.params(), training);
      DecisionRule rule = Rules.choose(fitted.defaultRule(),
          proj.flatMap(ProjectConfig.Project::decision), threshold, limit);
      ModelStore.save(savable, dir, prov, rule);
      info(String.format(Locale.ROOT, "saved %s model to %s in %.1fs (training data sha256 %s)",
          spec.method(), dir, (System.nanoTime() - t0) / 1e9,
          String.valueOf(training.get("sha256")).substring(0, 12)));
    }
    return ExitCodes.OK;
  }
}
