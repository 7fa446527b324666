package org.classify4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.app.AuditService;
import org.classify4j.data.Dataset;
import org.classify4j.eval.Bootstrap;
import org.classify4j.llm.label.AuditReport;
import org.classify4j.llm.label.LabelAudit;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LlmLabel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit}: an LLM's labels against a human-labeled sample. */
@Command(
    name = "audit",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Audit an LLM's labels (a 'label' output) against a human-labeled sample, matched by id:"
          + " per-label precision, recall and F1 with bootstrap confidence intervals, Cohen's"
          + " kappa, the confusion matrix, the label noise rate with a Wilson interval, agreement"
          + " by the LLM's confidence, and the disagreements, most confident mistakes first.",
      "Prints a summary; --json writes everything, disagreements with their texts included."
    },
    footer = {
      "%nExamples:",
      "  classify4j label --input audit.jsonl --labels-file labels.tsv --output audit.llm.jsonl",
      "  classify4j audit --llm audit.llm.jsonl --gold audit.jsonl --json audit-report.json"
    })
public final class AuditCommand extends CliCommand {

  @Option(names = "--llm", paramLabel = "FILE", required = true,
      description = "The LLM's labels (written by 'label').")
  Path llm;

  @Option(names = "--gold", paramLabel = "FILE", required = true,
      description = "Human labels: JSONL {\"id\", \"text\", \"labels\"}, CSV or TSV.")
  Path gold;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the full report as JSON.")
  Path json;

  @Option(names = "--overwrite", description = "Replace an existing --json file.")
  boolean overwrite;

  @Option(names = "--show", paramLabel = "N", defaultValue = "10",
      description = "Disagreements to print (default ${DEFAULT-VALUE}).")
  int show;

  @Option(names = "--max-disagreements", paramLabel = "N", defaultValue = "200",
      description = "Disagreements kept in the JSON report (default ${DEFAULT-VALUE}).")
  int maxDisagreements;

  @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
      description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int resamples;

  @Option(names = "--level", paramLabel = "L", defaultValue = "0.95",
      description = "Confidence level of the intervals (default ${DEFAULT-VALUE}).")
  double level;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--multi-label", description = "The gold labels are multi-label.")
  boolean multiLabel;

  @Mixin DataOptions dataOptions;

  @Override
  public Integer call() {
    checkReport(json, "--json", overwrite, inputs("--llm", path(llm), "--gold", path(gold)));
    List<LlmLabel> labels = LabelFile.read(path(llm));
    if (labels.isEmpty()) {
      throw new CliException(llm + ": no labels");
    }
    Dataset g = dataOptions.read(this, path(gold),
        Optional.of(LabelFile.labelSpace(labels)), multiLabel);
    AuditReport r = AuditService.audit(path(llm), labels, path(gold), g, new LabelAudit.Options(
        new Bootstrap(resamples, level, seed), maxDisagreements, 5));
    out().print(r.toText(show));
    out().flush();
    if (json != null) {
      write(path(json), r.toJson());
      info("wrote " + json);
    }
    return ExitCodes.OK;
  }

  /** Writes a JSON report atomically (a temporary sibling moved into place). */
  static void write(Path file, Object json) {
    org.classify4j.persist.AtomicFiles.writeAtomically(file,
        tmp -> Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), json));
  }

  static void writeDirect(Path file, Object json) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
