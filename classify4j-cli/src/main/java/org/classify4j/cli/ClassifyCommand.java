package org.classify4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.classify4j.app.Backends;
import org.classify4j.app.MethodSpec;
import org.classify4j.app.PredictService;
import org.classify4j.app.PredictionOutput;
import org.classify4j.app.ProjectsFile;
import org.classify4j.app.Rules;
import org.classify4j.app.Settings;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.Reservoir;
import org.classify4j.data.io.DataFormat;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.ZeroShotClassifier;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code classify}: zero-shot classification of a few texts against labels named right here. */
@Command(
    name = "classify",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Zero-shot: classify texts against labels named here, no training data.",
      "Texts come from the arguments, else --input FILE, else stdin: one text per line, or a JSON"
          + " object {\"id\": …, \"text\": …} per line.",
      "Prints one JSON line per text: {\"id\", \"labels\", \"scores\", \"abstained\"}."
    },
    footer = {
      "%nExamples:",
      "  classify4j classify --labels sports,politics,tech \"The striker scored twice\"",
      "  classify4j classify --labels-file labels.tsv --multi-label \\",
      "      --input tickets.txt",
      "  cat texts.txt | classify4j classify --labels pos,neg --format table"
    })
final class ClassifyCommand extends CliCommand {

  @Mixin BackendOptions backend;

  @Mixin HierarchyOptions hierarchy;

  @Override
  BackendOptions backendOptions() {
    return backend;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  LabelsOption labels;


  @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to classify.")
  List<String> texts;

  @Option(names = {"-i", "--input"}, paramLabel = "FILE",
      description = "Read texts from FILE ('-' for stdin), one per line.")
  Path input;

  @Option(names = "--project", paramLabel = "NAME",
      description = "Take labels, method, model and parameters from this project.")
  String project;

  @Option(names = "--method", paramLabel = "METHOD",
      description = "Method (default: zero-shot; env CLASSIFY4J_METHOD). See 'classify4j models'.")
  String method;

  @Option(names = {"-m", "--model", "--embedder"}, paramLabel = "ID",
      description = "Embedder id (default: " + Embedders.DEFAULT_ID + "; env CLASSIFY4J_MODEL).")
  String model;

  @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
      description = "A method parameter (repeatable).")
  List<String> params;

  @Option(names = "--multi-label",
      description = "Labels are independent: a text may get several or none.")
  Boolean multiLabel;

  @Option(names = "--threshold", paramLabel = "T",
      description = "Choose labels scoring at least T (default: argmax, or 0.5 with --multi-label).")
  Double threshold;

  @Option(names = "--limit", paramLabel = "N", description = "Choose at most N labels.")
  Integer limit;

  @Option(names = "--top", paramLabel = "N", defaultValue = "5",
      description = "Show the N best scores per text (0: all; default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "json (one line per text) or table (default ${DEFAULT-VALUE}).")
  PredictionFormat format;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Texts scored per batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--adapt-min", paramLabel = "N", defaultValue = "200",
      description = "Zero-shot on at least N texts: first adapt the label prototypes to those"
          + " texts (centring and refinement on a seeded sample of up to "
          + ZeroShotClassifier.MAX_REFERENCE + "), then score them (default ${DEFAULT-VALUE}).")
  int adaptMin;

  @Option(names = "--no-adapt",
      description = "Score every text against the label texts alone, however many there are.")
  boolean noAdapt;

  /** The sample of the input that adapting reads is drawn with this seed. */
  static final long ADAPT_SEED = 13;

  private PredictionOutput json;

  @Override
  public Integer call() throws java.io.IOException {
    PredictService.checkBatchSize(batchSize);
    requireAtLeast("--top", top, 0, " (0: all scores)");
    Optional<ProjectsFile.Project> proj = project(project);
    LabelSpace space = labelSpace(proj);
    boolean multi = multiLabel != null ? multiLabel
        : proj.flatMap(ProjectsFile.Project::multiLabel).orElse(false);
    Settings settings = settings(proj);
    MethodSpec spec = MethodSpec.resolve(settings, method, model, params, "zero-shot");
    try (LoadContext ctx = Backends.context(settings)) {
      Classifier c = Methods.create(spec.method(), spec.params(), ctx);
      ClassifierModel fitted = c.fit(new Dataset(space, List.of(), multi));
      DecisionRule rule = rule(fitted, proj);
      if (texts != null && !texts.isEmpty()) {
        if (input != null) {
          throw new CliException("give texts as arguments or --input, not both");
        }
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
          if (texts.get(i).isBlank()) {
            // as predict's readers say it
            throw new org.classify4j.data.BadInputException("arguments", i + 1, "text",
                (texts.get(i).isEmpty() ? "empty text" : "text is only whitespace")
                    + " (expected text to classify)");
          }
          docs.add(Document.of(Integer.toString(i + 1), texts.get(i)));
        }
        if (adapting(c) && docs.size() >= adaptMin) {
          fitted = adapt((ZeroShotClassifier) c, space, multi, docs, docs.size());
        }
        for (int i = 0; i < docs.size(); i += batchSize) {
          score(fitted, rule, docs.subList(i, Math.min(docs.size(), i + batchSize)), i == 0);
        }
      } else {
        boolean stdin = input == null || input.toString().equals("-");
        if (stdin && main.terminal) {
          info("reading texts from stdin, one per line (end with Ctrl-D)");
        }
        Path spool = null;
        Inputs.TextLines lines;
        if (adapting(c) && !(stdin && main.terminal)) {
          // two passes: a sample to adapt to, then the scoring; stdin is spooled to a file first
          Path file;
          String source;
          if (stdin) {
            file = spool = Inputs.spool(main.stdin);
            source = "<stdin>";
          } else if (java.nio.file.Files.exists(path(input))
              && !java.nio.file.Files.isRegularFile(path(input))) {
            // a pipe or device cannot be read twice: spooled like stdin
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(path(input))) {
              file = spool = Inputs.spool(in);
            }
            source = path(input).toString();
          } else {
            file = path(input);
            source = file.toString();
          }
          Reservoir<Document> sample = new Reservoir<>(ZeroShotClassifier.MAX_REFERENCE,
              ADAPT_SEED);
          try (Inputs.TextLines pass = Inputs.TextLines.open(file, source)) {
            for (List<Document> b = pass.next(batchSize); !b.isEmpty(); b = pass.next(batchSize)) {
              b.forEach(sample::add);
            }
          }
          if (sample.seen() >= adaptMin) {
            fitted = adapt((ZeroShotClassifier) c, space, multi, sample.sample(), sample.seen());
          }
          lines = Inputs.TextLines.open(file, source);
        } else {
          lines = stdin ? new Inputs.TextLines(main.stdin, "<stdin>")
              : Inputs.TextLines.open(path(input));
        }
        try (Progress prog = progress("classify", -1, "texts")) {
          if (format == PredictionFormat.JSON) {
            stream(fitted, rule, lines, prog);
          } else {
            boolean first = true;
            for (List<Document> batch = lines.next(batchSize); !batch.isEmpty();
                batch = lines.next(batchSize)) {
              score(fitted, rule, batch, first);
              first = false;
              prog.advance(batch.size());
            }
          }
          prog.finish();
        } finally {
          if (!stdin || spool != null) {
            lines.close();
          }
          if (spool != null) {
            java.nio.file.Files.deleteIfExists(spool);
          }
        }
      }
    }
    if (json != null) {
      json.close();
    }
    return ExitCodes.OK;
  }

  /**
   * JSON lines through the predict service's stream: a model that keeps calls in flight (an LLM)
   * keeps them in flight across batches, and each line is written as soon as it and those before
   * it are done. With {@code --verbose}, says how many texts per second, from the first text read
   * to the last line written.
   */
  private void stream(ClassifierModel m, DecisionRule rule, Inputs.TextLines lines,
      Progress prog) {
    Iterator<Document> docs = new Iterator<>() {
      private List<Document> part = List.of();
      private int i;

      @Override
      public boolean hasNext() {
        if (i >= part.size()) {
          part = lines.next(batchSize);
          i = 0;
        }
        return i < part.size();
      }

      @Override
      public Document next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return part.get(i++);
      }
    };
    long t0 = System.nanoTime();
    long n = 0;
    for (Iterator<PredictService.Scored<Document>> it = PredictService.scored(m, rule, docs,
        Optional::of, batchSize); it.hasNext(); ) {
      PredictService.Scored<Document> r = it.next();
      if (json == null) {
        json = PredictionOutput.to(out(), DataFormat.JSONL, Math.max(0, top));
      }
      json.write(r.item().id(), r.prediction().orElseThrow(), r.scores(), r.row());
      prog.advance(1);
      n++;
    }
    if (common.verbose) {
      double secs = (System.nanoTime() - t0) / 1e9;
      info(String.format(java.util.Locale.ROOT, "classified %d texts in %.2f s (%.1f docs/s)", n,
          secs, n / Math.max(secs, 1e-9)));
    }
  }

  private boolean adapting(Classifier c) {
    if (adaptMin < 1) {
      throw new CliException("--adapt-min must be ≥ 1, got " + adaptMin);
    }
    return !noAdapt && c instanceof ZeroShotClassifier;
  }

  private ClassifierModel adapt(ZeroShotClassifier zs, LabelSpace space, boolean multi,
      List<Document> sample, long total) {
    info(String.format(java.util.Locale.ROOT, "adapting the label prototypes to %d of the %d"
        + " input texts (transductive zero-shot; --no-adapt scores without)", sample.size()
        > ZeroShotClassifier.MAX_REFERENCE ? ZeroShotClassifier.MAX_REFERENCE : sample.size(),
        total));
    return zs.adapt(space, multi, sample);
  }

  private void score(ClassifierModel m, DecisionRule rule, List<Document> docs, boolean first) {
    ScoreMatrix s = m.predictProba(docs);
    List<Prediction> preds = rule.decideAll(s);
    if (format == PredictionFormat.JSON) {
      if (json == null) {
        json = PredictionOutput.to(out(), DataFormat.JSONL, Math.max(0, top));
      }
      for (int i = 0; i < docs.size(); i++) {
        json.write(docs.get(i).id(), preds.get(i), s, i);
      }
    } else {
      format.write(out(), docs, preds, s, top, first);
    }
  }

  private LabelSpace labelSpace(Optional<ProjectsFile.Project> proj) {
    if (labels != null) {
      return labels.resolve(this);
    }
    Optional<Path> fromProject = proj.flatMap(ProjectsFile.Project::labels);
    if (fromProject.isPresent()) {
      return Inputs.labelsFile(fromProject.get());
    }
    throw new CliException("no labels: give --labels a,b,c or --labels-file FILE"
        + (proj.isPresent() ? " (project '" + project + "' names no \"labels\" file)" : ""));
  }

  private DecisionRule rule(ClassifierModel m, Optional<ProjectsFile.Project> proj) {
    return hierarchy.apply(Rules.choose(m.defaultRule(),
        proj.flatMap(ProjectsFile.Project::decision), threshold, limit), m.classes());
  }
}
