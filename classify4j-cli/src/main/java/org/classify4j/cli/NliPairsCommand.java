package org.classify4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.LoadedDataset;
import org.classify4j.nli.Hypotheses;
import org.classify4j.nli.NliPairs;
import org.classify4j.persist.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nli-pairs}: a labelled dataset as NLI entailment / contradiction pairs (JSONL). */
@Command(
    name = "nli-pairs",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Write the NLI training pairs of a labelled dataset, to adapt a zero-shot NLI model.",
      "Each (text, one of its labels) becomes an entailment pair, each (text, a label it lacks)"
          + " a contradiction pair; the label goes into the hypothesis template. One JSON line per"
          + " pair: {\"id\", \"premise\", \"hypothesis\", \"label\", \"class\"}."
    },
    footer = {
      "%nExamples:",
      "  classify4j nli-pairs train.jsonl -o pairs.jsonl",
      "  classify4j nli-pairs train.jsonl --negatives all --template 'This text is about {}.' -o pairs.jsonl"
    })
final class NliPairsCommand extends CliCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "Labelled data (JSONL, CSV, TSV).")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the pairs here (default: standard output).")
  Path output;

  @Option(names = "--overwrite", description = "Replace an existing output file.")
  boolean overwrite;

  @Option(names = "--labels-file", paramLabel = "FILE",
      description = "The label space (with descriptions); default: the labels found in FILE.")
  Path labelsFile;

  @Option(names = "--multi-label", description = "Examples may carry several labels.")
  boolean multiLabel;

  @Option(names = "--template", paramLabel = "T", defaultValue = Hypotheses.DEFAULT_TEMPLATE,
      description = "Hypothesis template(s) with {} for the label, several separated by | "
          + "(default: '${DEFAULT-VALUE}').")
  String template;

  @Option(names = "--hypothesis", paramLabel = "TEXT", defaultValue = "name",
      description = "Which label text fills the template: name, readable or description "
          + "(default: ${DEFAULT-VALUE}).")
  String hypothesis;

  @Option(names = "--negatives", paramLabel = "N", defaultValue = "1",
      description = "Contradiction pairs per entailment pair (1: balanced), or 'all' "
          + "(default: ${DEFAULT-VALUE}).")
  String negatives;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "13",
      description = "Seed for sampling the negative labels (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin DataOptions dataOptions;

  @Override
  public Integer call() throws IOException {
    int neg;
    if (negatives.equalsIgnoreCase("all")) {
      neg = NliPairs.ALL_NEGATIVES;
    } else {
      try {
        neg = Integer.parseInt(negatives.trim());
      } catch (NumberFormatException e) {
        throw new CliException("--negatives: expected a number ≥ 0 or 'all', got '" + negatives + "'");
      }
      if (neg < 0) {
        throw new CliException("--negatives: expected a number ≥ 0 or 'all', got '" + negatives + "'");
      }
    }
    Hypotheses h;
    try {
      h = new Hypotheses(Hypotheses.parseTemplates(template), Hypotheses.LabelText.parse(hypothesis));
    } catch (IllegalArgumentException e) {
      throw new CliException((e.getMessage().startsWith("hypothesis") ? "--hypothesis: " : "--template: ")
          + e.getMessage());
    }
    Optional<LabelSpace> space = labelsFile == null ? Optional.empty()
        : Optional.of(Inputs.labelsFile(path(labelsFile)));
    if (output != null) {
      checkReport(output, "--output", overwrite, inputs("FILE", file, "--labels-file", labelsFile));
    }
    LoadedDataset data = DatasetReader.load(path(file), dataOptions.labelled(space, multiLabel));
    List<NliPairs.Pair> pairs = new NliPairs(h, neg, seed).build(data.dataset());
    if (output == null) {
      write(out(), pairs);
      out().flush();
    } else {
      Path target = path(output);
      AtomicFiles.writeAtomically(target, tmp -> {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          write(w, pairs);
        }
      });
    }
    long ent = pairs.stream().filter(p -> p.label().equals(NliPairs.ENTAILMENT)).count();
    info(pairs.size() + " pairs (" + ent + " entailment, " + (pairs.size() - ent)
        + " contradiction) from " + data.dataset().size() + " examples");
    return ExitCodes.OK;
  }

  private static void write(Writer w, List<NliPairs.Pair> pairs) throws IOException {
    Writer out = w instanceof BufferedWriter || w instanceof java.io.PrintWriter ? w : new BufferedWriter(w);
    for (NliPairs.Pair p : pairs) {
      out.write(Json.mapper().writeValueAsString(p.toJson()));
      out.write('\n');
    }
    out.flush();
  }
}
