package org.classify4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.persist.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code predict}: a trained model over a file or stdin, streamed, resumable. */
@Command(
    name = "predict",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Predict labels with a trained model (a directory from 'train') for every document of a"
          + " file or stdin.",
      "Documents are scored in batches and each prediction is written (and flushed) at once, so"
          + " a killed run can be continued with --resume."
    },
    footer = {
      "%nExamples:",
      "  classify4j predict --model models/tickets --input new.jsonl --output predictions.jsonl",
      "  classify4j predict --project tickets --input new.jsonl --output out.csv --resume",
      "  echo '{\"id\": \"1\", \"text\": \"my card was declined\"}' | classify4j predict --model m"
    })
final class PredictCommand extends CliCommand {

  @Option(names = {"-m", "--model"}, paramLabel = "DIR",
      description = "Model directory (from 'train').")
  Path modelDir;

  @Option(names = "--project", paramLabel = "NAME",
      description = "Use this project's model_dir and decision rule.")
  String project;

  @Option(names = {"-i", "--input"}, paramLabel = "FILE",
      description = "Documents: JSON lines with \"text\" (and \"id\"), or plain text lines;"
          + " '-' or absent: stdin.")
  Path input;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write predictions here (default: stdout).")
  Path output;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "jsonl or csv (default: from the output's extension, else jsonl).")
  PredictionOutput.Format format;

  @Option(names = "--resume",
      description = "Continue an earlier, interrupted run: skip documents whose ids are already"
          + " in --output (a torn last line is cut off).")
  boolean resume;

  @Option(names = "--overwrite", description = "Replace an existing --output file.")
  boolean overwrite;

  @Option(names = "--threshold", paramLabel = "T",
      description = "Choose labels scoring at least T instead of the model's saved rule.")
  Double threshold;

  @Option(names = "--limit", paramLabel = "N", description = "Choose at most N labels.")
  Integer limit;

  @Option(names = "--top", paramLabel = "N", defaultValue = "5",
      description = "Scores written per document, best first (0: all; default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Documents scored per batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() {
    if (batchSize < 1) {
      throw new CliException("--batch-size must be at least 1");
    }
    if (resume && overwrite) {
      throw new CliException("--resume and --overwrite contradict each other");
    }
    if (resume && output == null) {
      throw new CliException("--resume needs --output FILE (it continues that file)");
    }
    Optional<ProjectConfig.Project> proj = project(project);
    Path dir = modelDir != null ? path(modelDir)
        : proj.flatMap(ProjectConfig.Project::modelDir).orElseThrow(() -> new CliException(
            proj.isPresent() ? "project '" + project + "' has no \"model_dir\"; train one with"
                + " 'classify4j train --project " + project + "'"
                : "no model: give --model DIR or --project NAME"));
    boolean stdin = input == null || input.toString().equals("-");
    Path in = stdin ? null : path(input);
    if (in != null && !Files.exists(in)) {
      throw new UncheckedIOException(new java.nio.file.NoSuchFileException(in.toString()));
    }
    Path outFile = output == null ? null : path(output);
    PredictionOutput.Format fmt = PredictionOutput.Format.of(format, outFile);
    try (LoadContext ctx = LoadContext.standard()) {
      LoadedModel loaded = ModelStore.load(dir, ctx);
      DecisionRule rule = Rules.choose(loaded.decisionRule(),
          proj.flatMap(ProjectConfig.Project::decision), threshold, limit);
      try (PredictionOutput sink = outFile == null ? PredictionOutput.to(out(), fmt)
              : resume ? PredictionOutput.resume(outFile, fmt)
              : PredictionOutput.create(outFile, fmt, overwrite);
          Inputs.TextLines lines = stdin ? new Inputs.TextLines(main.stdin, "<stdin>")
              : Inputs.TextLines.open(in)) {
        Set<String> done = sink.done();
        if (!done.isEmpty()) {
          info("resuming " + outFile + ": " + done.size() + " documents already done");
        }
        long total = in == null ? -1 : Math.max(0, countLines(in) - done.size());
        long written = 0;
        long skipped = 0;
        try (Progress prog = progress("predict", total, "docs")) {
          for (List<Document> batch = lines.next(batchSize); !batch.isEmpty();
              batch = lines.next(batchSize)) {
            List<Document> todo = new ArrayList<>(batch.size());
            for (Document d : batch) {
              if (done.contains(d.id())) {
                skipped++;
              } else {
                todo.add(d);
              }
            }
            if (todo.isEmpty()) {
              continue;
            }
            ScoreMatrix s = loaded.model().predictProba(todo);
            for (int i = 0; i < todo.size(); i++) {
              sink.write(todo.get(i), rule.decide(s, i), s, i, top);
            }
            written += todo.size();
            prog.advance(todo.size());
          }
        }
        if (outFile != null) {
          info("wrote " + written + " predictions to " + outFile
              + (skipped > 0 ? " (" + skipped + " already there, skipped)" : ""));
        }
      }
    }
    return ExitCodes.OK;
  }

  static long countLines(Path p) {
    try (Stream<String> s = Files.lines(p)) {
      return s.filter(l -> !l.isBlank()).count();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }
}
