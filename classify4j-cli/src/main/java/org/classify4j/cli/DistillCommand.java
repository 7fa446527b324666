package org.classify4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.classify4j.app.DistillService;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.LoadedDataset;
import org.classify4j.distill.Distiller;
import org.classify4j.distill.Target;
import org.classify4j.embed.Embedders;
import org.classify4j.eval.Bootstrap;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LabelUsage;
import org.classify4j.llm.label.LlmLabel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code distill}: a fast embedding classifier trained on an LLM's labels. */
@Command(
    name = "distill",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Train a fast classifier (logistic regression on sentence embeddings) on an LLM's labels,"
          + " choose its decision threshold for a target precision or recall on the human-audited"
          + " sample (never on test data), and save it with that rule.",
      "Reports the precision-recall curve on the audited sample, precision and recall at the"
          + " chosen threshold with bootstrap intervals (on --test too, which is used for nothing"
          + " else), measured speed, and cost per 1,000 documents against the LLM (from"
          + " TRAIN.usage.json).",
      "Refuses files named or marked as test data for training and tuning, and an audit sample"
          + " that is the test set; reports documents shared between the sets."
    },
    footer = {
      "%nExamples:",
      "  classify4j distill --train messages.llm.jsonl --audit audit.jsonl --test test.jsonl \\",
      "      --target-precision 0.9 --out models/safety --json distill-report.json"
    })
public final class DistillCommand extends CliCommand {

  @Option(names = {"-t", "--train"}, paramLabel = "FILE", required = true,
      description = "The LLM's labels (written by 'label').")
  Path train;

  @Option(names = "--audit", paramLabel = "FILE", required = true,
      description = "Human labels of a sample, for choosing the threshold.")
  Path audit;

  @Option(names = "--test", paramLabel = "FILE",
      description = "Human labels of another sample, only to report on.")
  Path test;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
      description = "Where to save the model.")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the full report as JSON.")
  Path json;

  @Option(names = "--overwrite", description = "Replace an existing --out model directory and"
      + " --json file.")
  boolean overwrite;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  TargetOption target;

  static final class TargetOption {
    @Option(names = "--target-precision", paramLabel = "P",
        description = "Choose the threshold with the highest recall at precision ≥ P.")
    Double precision;

    @Option(names = "--target-recall", paramLabel = "R",
        description = "Choose the threshold with the highest precision at recall ≥ R.")
    Double recall;
  }

  @Option(names = "--weight", paramLabel = "HOW", defaultValue = "soft",
      description = "How the LLM's confidence enters training: none, confidence (sample"
          + " weights) or soft (soft targets; default ${DEFAULT-VALUE}).")
  String weight;

  @Option(names = "--min-confidence", paramLabel = "C", defaultValue = "0",
      description = "Leave out LLM labels with probability below C (default ${DEFAULT-VALUE}).")
  double minConfidence;

  @Option(names = "--positive", paramLabel = "LABEL",
      description = "The positive label of a binary task (default: yes/true/1/positive, else the"
          + " last label).")
  String positive;

  @Option(names = {"-m", "--model", "--embedder"}, paramLabel = "ID",
      description = "Embedder id (default: " + Embedders.DEFAULT_ID + "; env CLASSIFY4J_MODEL).")
  String model;

  @Option(names = "--C", paramLabel = "C", defaultValue = "1.0",
      description = "Inverse regularization strength (default ${DEFAULT-VALUE}).")
  double c;

  @Option(names = "--usage", paramLabel = "FILE",
      description = "The labeling run's usage (default: TRAIN.usage.json when it exists).")
  Path usage;

  @Option(names = "--multi-label",
      description = "The task is multi-label (default: when a label file line has several labels).")
  boolean multiLabel;

  @Option(names = "--keep-overlap",
      description = "Keep training documents that are also in the audit or test sample.")
  boolean keepOverlap;

  @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
      description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int resamples;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Mixin DataOptions dataOptions;

  @Override
  public Integer call() {
    Path trainFile = path(train);
    Path auditFile = path(audit);
    Optional<Path> testFile = Optional.ofNullable(test).map(this::path);
    Map<String, Path> inputFiles = inputs("--train", trainFile, "--audit", auditFile, "--test",
        testFile, "--usage", Optional.ofNullable(usage).map(this::path));
    checkReport(json, "--json", overwrite, inputFiles);
    org.classify4j.app.OutputFiles.checkModelDir(path(out), overwrite, inputFiles, main.workDir);
    List<LlmLabel> labels = LabelFile.read(trainFile);
    if (labels.isEmpty()) {
      throw new CliException(train + ": no labels");
    }
    LabelSpace space = LabelFile.labelSpace(labels);
    boolean multi = multiLabel || labels.stream().anyMatch(l -> l.labels().size() > 1);
    LoadedDataset auditData = DatasetReaderFor.load(this, dataOptions, auditFile, space, multi);
    Optional<LoadedDataset> testData =
        testFile.map(f -> DatasetReaderFor.load(this, dataOptions, f, space, multi));
    Path usageFile = usage != null ? path(usage) : LabelUsage.sidecar(trainFile);
    String embedderId = setting(model, "CLASSIFY4J_MODEL", Optional.empty(), Embedders.DEFAULT_ID);
    Distiller.Weighting w;
    try {
      w = Distiller.Weighting.valueOf(weight.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException("--weight: expected none, confidence or soft, got '" + weight + "'");
    }
    Optional<Target> goal = target == null ? Optional.empty()
        : target.precision != null ? Optional.of(Target.precision(target.precision))
        : target.recall != null ? Optional.of(Target.recall(target.recall)) : Optional.empty();
    DistillService.Result r = DistillService.distill(new DistillService.Request(trainFile,
        labels, multi, multiLabel, auditFile, auditData.dataset(), testFile,
        testData.map(LoadedDataset::dataset), LabelUsage.read(usageFile), embedderId, w,
        minConfidence, goal, Optional.ofNullable(positive), c, new Bootstrap(resamples, 0.95, seed),
        !keepOverlap, path(out)), listener());
    out().print(DistillService.text(r));
    out().flush();
    for (String warning : r.claim().warnings()) {
      err().println("classify4j: warning: " + warning);
    }
    if (json != null) {
      AuditCommand.write(path(json), DistillService.json(r));
      info("wrote " + json);
    }
    info("saved the distilled model to " + out);
    return ExitCodes.OK;
  }

  /** Reads a human-labeled file against the LLM's labels. */
  static final class DatasetReaderFor {
    private DatasetReaderFor() {}

    static LoadedDataset load(CliCommand cmd, DataOptions o, Path file, LabelSpace space,
        boolean multi) {
      return o.load(cmd, file, Optional.of(space), multi);
    }
  }
}
