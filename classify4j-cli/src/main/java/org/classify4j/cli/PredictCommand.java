package org.classify4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.classify4j.app.Backends;
import org.classify4j.app.OutputFiles;
import org.classify4j.app.PredictService;
import org.classify4j.app.PredictionOutput;
import org.classify4j.app.ProjectsFile;
import org.classify4j.app.Rules;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.io.DataFormat;
import org.classify4j.data.io.ExampleStream;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code predict}: a trained model over a file or stdin, streamed, resumable. */
@Command(
    name = "predict",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Predict labels for a file or stdin with a trained model (streamed, resumable).",
      "The model is a directory from 'train' (--model DIR) or a project's (--project NAME).",
      "Documents are scored in batches and each prediction is written (and flushed) at once, so"
          + " a killed run can be continued with --resume."
    },
    footer = {
      "%nExamples:",
      "  classify4j predict --model models/tickets --input new.jsonl \\",
      "      --output predictions.jsonl",
      "  classify4j predict --project tickets --input new.jsonl --output out.csv \\",
      "      --resume",
      "  echo '{\"id\": \"1\", \"text\": \"my card was declined\"}' \\",
      "      | classify4j predict --model models/tickets"
    })
final class PredictCommand extends CliCommand {

  @Mixin BackendOptions backend;

  @Override
  BackendOptions backendOptions() {
    return backend;
  }

  @Option(names = {"-m", "--model"}, paramLabel = "DIR",
      description = "Model directory (from 'train').")
  Path modelDir;

  @Option(names = "--project", paramLabel = "NAME",
      description = "Use this project's model_dir and decision rule.")
  String project;

  @Option(names = {"-i", "--input"}, paramLabel = "FILE",
      description = "Documents: JSONL with \"text\" (and \"id\"), CSV or TSV; '-' or absent:"
          + " stdin (JSONL). Records without an id get line-N.")
  Path input;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write predictions here (default: stdout).")
  Path output;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "jsonl, csv or tsv (default: from the output's extension, else jsonl).")
  DataFormat format;

  @Mixin DataOptions dataOptions;

  @Mixin HierarchyOptions hierarchy;

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
    PredictService.checkBatchSize(batchSize);
    requireAtLeast("--top", top, 0, " (0: all scores)");
    if (resume && overwrite) {
      throw new CliException("--resume and --overwrite contradict each other");
    }
    if (resume && output == null) {
      throw new CliException("--resume needs --output FILE (it continues that file)");
    }
    Optional<ProjectsFile.Project> proj = project(project);
    Path dir = modelDir != null ? path(modelDir)
        : proj.flatMap(ProjectsFile.Project::modelDir).orElseThrow(() -> new CliException(
            proj.isPresent() ? "project '" + project + "' has no \"model_dir\"; train one with"
                + " 'classify4j train --project " + project + "'"
                : "no model: give --model DIR or --project NAME"));
    boolean stdin = input == null || input.toString().equals("-");
    Optional<Path> in = stdin ? Optional.empty() : Optional.of(path(input));
    if (stdin && main.terminal) {
      info("reading JSON lines from stdin (end with Ctrl-D)");
    }
    Path outFile = output == null ? null : path(output);
    if (outFile != null) {
      OutputFiles.checkNotInput(outFile, "--output", in.map(f -> java.util.Map.of("--input", f))
          .orElse(java.util.Map.of()), stdin ? stdinFile() : Optional.empty());
      if (Files.isDirectory(dir) && OutputFiles.sameFile(outFile.toAbsolutePath().getParent(),
          dir) && Files.exists(outFile)) {
        throw new CliException("--output " + outFile + " is a file of the model directory " + dir
            + ": choose another output");
      }
    }
    DataFormat fmt = PredictionOutput.format(format, outFile);
    try (LoadContext ctx = Backends.context(settings(proj))) {
      LoadedModel loaded = ModelStore.load(dir, ctx);
      DecisionRule rule = hierarchy.apply(Rules.choose(loaded.decisionRule(),
          proj.flatMap(ProjectsFile.Project::decision), threshold, limit),
          loaded.model().classes());
      try (ExampleStream docs = dataOptions.open(in, main.stdin);
          Sink guarded = new Sink(outFile == null ? PredictionOutput.to(out(), fmt, top)
              : resume ? PredictionOutput.resume(outFile, fmt, top)
              : PredictionOutput.create(outFile, fmt, top, overwrite))) {
        PredictionOutput sink = guarded.output;
        int already = sink.done().size();
        if (already > 0) {
          info("resuming " + outFile + ": " + already + " documents already done");
        }
        long total = in.map(p -> countRecords(p, docs.format())).orElse(-1L);
        PredictService.Summary s;
        long t0 = System.nanoTime();
        try (Progress prog = progress("predict", total < 0 ? -1 : Math.max(0, total - already),
            "docs")) {
          try {
            s = PredictService.run(loaded.model(), rule,
                docs.stream().map(e -> e.document()).iterator(), sink, batchSize, prog,
                main.cancellation);
          } catch (org.classify4j.app.Cancellation.Cancelled c) {
            // stopped by Ctrl-C: what was written is whole and kept (with --overwrite it replaces
            // the old file), so that --resume continues it
            guarded.ok = true;
            throw c;
          }
          prog.finish();
          guarded.ok = true;
        }
        if (docs.report().skippedCount() > 0) {
          info(docs.report().summary());
        }
        if (outFile != null) {
          double secs = (System.nanoTime() - t0) / 1e9;
          info(String.format(java.util.Locale.ROOT, "wrote %d predictions to %s in %.2f s (%.1f"
                  + " docs/s)%s", s.written(), outFile, secs, s.written() / Math.max(secs, 1e-9),
              s.skipped() > 0 ? " (" + s.skipped() + " already there, skipped)" : ""));
        }
      }
    }
    return ExitCodes.OK;
  }

  /** An output closed as done on success, abandoned (an empty new file removed) on failure. */
  private static final class Sink implements AutoCloseable {
    final PredictionOutput output;
    boolean ok;

    Sink(PredictionOutput output) {
      this.output = output;
    }

    @Override
    public void close() {
      if (ok) {
        output.close();
      } else {
        output.abandon();
      }
    }
  }

  /** Records in a plain (not gzipped) file, for the progress total; -1 when unknown. */
  static long countRecords(Path p, DataFormat format) {
    if (p.getFileName().toString().endsWith(".gz")) {
      return -1;
    }
    try (Stream<String> s = Files.lines(p)) {
      long n = s.filter(l -> !l.isBlank()).count();
      return format == DataFormat.JSONL ? n : n - 1;
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }
}
