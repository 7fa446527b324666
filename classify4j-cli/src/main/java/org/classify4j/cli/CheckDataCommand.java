package org.classify4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.check.DataCheckReport;
import org.classify4j.data.check.DataChecks;
import org.classify4j.data.check.Split;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.LoadedDataset;
import org.classify4j.data.io.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check-data}: what might spoil training or evaluation on these files. */
@Command(
    name = "check-data",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Check data files for what spoils training and evaluation.",
      "One file, or a training and a test file: label balance and rare labels, empty texts,"
          + " duplicates, equal texts with different labels, test texts also in training"
          + " (leakage), test labels training lacks, text lengths."
    },
    footer = {
      "%nExamples:",
      "  classify4j check-data train.jsonl",
      "  classify4j check-data train.jsonl test.jsonl --json"
    })
final class CheckDataCommand extends CliCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "The data (or training) file.")
  Path file;

  @Parameters(index = "1", paramLabel = "TEST_FILE", arity = "0..1",
      description = "A test file to check against the first.")
  Path testFile;

  @Option(names = "--labels-file", paramLabel = "FILE",
      description = "The label space; labels outside it are errors.")
  Path labelsFile;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--rare", paramLabel = "N", defaultValue = "5",
      description = "Labels with fewer than N examples are rare (default ${DEFAULT-VALUE}).")
  int rare;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "5",
      description = "Occurrences shown per issue (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--fail-on-issues",
      description = "Exit with code 3 when any issue is found (for scripts and CI).")
  boolean failOnIssues;

  @Mixin DataOptions dataOptions;

  @Override
  public Integer call() throws IOException {
    requireAtLeast("--rare", rare, 1, "");
    requireAtLeast("--samples", samples, 0, "");
    ReadOptions o = dataOptions.options().withAllowEmptyText(true);
    if (labelsFile != null) {
      LabelSpace space = Inputs.labelsFile(path(labelsFile));
      o = o.withLabelSpace(space).withStrictLabels(true);
    }
    LoadedDataset first = DatasetReader.load(path(file), o);
    Optional<LoadedDataset> second = testFile == null ? Optional.empty()
        : Optional.of(DatasetReader.load(path(testFile), o));
    DataChecks.Options opts = new DataChecks.Options(rare, samples);
    DataCheckReport r = second.isPresent()
        ? DataChecks.check(Split.of("train", first), Split.of("test", second.get()), opts)
        : DataChecks.check(Split.of("data", first), opts);
    if (json) {
      out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(r.toJson()));
    } else {
      out().print(r.toText());
    }
    out().flush();
    if (failOnIssues && !r.found().isEmpty()) {
      throw new CliException(r.found().size() + " kinds of issue found ("
          + String.join(", ", r.found().stream().map(i -> i.code()).toList()) + ")");
    }
    return ExitCodes.OK;
  }
}
