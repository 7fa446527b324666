package org.classify4j.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.classify4j.classify.Classifier;
import org.classify4j.embed.EnsembleClassifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.LabelFiles;
import org.classify4j.data.io.LoadedDataset;
import org.classify4j.data.io.ReadOptions;
import org.classify4j.method.Methods;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.persist.SavableModel;

/**
 * Train: read labelled data, fit the method, attach provenance (method, parameters, versions,
 * training data size and hash, the file it came from), choose the decision rule, save the model
 * directory. Every face trains through here, so no face builds provenance by hand.
 */
public final class TrainService {
  private TrainService() {}

  /**
   * What to train.
   *
   * @param trainFile labelled data (JSONL, CSV, TSV)
   * @param read how to read it (columns, format, bad-record policy)
   * @param labelsFile the label space; empty: the labels the data uses
   * @param multiLabel treat the data as multi-label even if every example has one label
   * @param outDir the model directory to write
   * @param threshold a threshold rule to save instead of the model's default (null: none)
   * @param limit a limit rule to save (null: none)
   * @param overwrite replace an existing model directory (else: refused)
   * @param hierarchy hierarchy options for the saved rule ({@link Rules#withHierarchy})
   */
  public record Request(Path trainFile, ReadOptions read, Optional<Path> labelsFile,
      boolean multiLabel, Path outDir, Double threshold, Integer limit, boolean overwrite,
      Rules.Hierarchy hierarchy) {

    public Request {
      java.util.Objects.requireNonNull(hierarchy, "hierarchy");
    }

    /** A request without hierarchy options. */
    public Request(Path trainFile, ReadOptions read, Optional<Path> labelsFile,
        boolean multiLabel, Path outDir, Double threshold, Integer limit, boolean overwrite) {
      this(trainFile, read, labelsFile, multiLabel, outDir, threshold, limit, overwrite,
          Rules.Hierarchy.NONE);
    }

    /** A request that refuses to replace an existing model directory. */
    public Request(Path trainFile, ReadOptions read, Optional<Path> labelsFile,
        boolean multiLabel, Path outDir, Double threshold, Integer limit) {
      this(trainFile, read, labelsFile, multiLabel, outDir, threshold, limit, false);
    }
  }

  /** What was trained and saved. */
  public record Result(Path directory, String method, int examples, int labels,
      boolean multiLabel, String sha256, double seconds, String skippedSummary,
      List<String> warnings) {}

  /** Reads labelled data against an optional label space (strict: unknown labels are errors). */
  public static LoadedDataset readLabelled(Path file, ReadOptions read, Optional<LabelSpace> space,
      boolean multiLabel) {
    ReadOptions o = read;
    if (space.isPresent()) {
      o = o.withLabelSpace(space.get()).withStrictLabels(true);
    }
    if (multiLabel) {
      o = o.withMultiLabel(ReadOptions.MultiLabel.MULTI);
    }
    return DatasetReader.load(file, o);
  }

  public static Result train(Settings settings, MethodSpec spec, Request r,
      ProgressListener progress) {
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("--train", r.trainFile());
    r.labelsFile().ifPresent(f -> inputs.put("--labels-file", f));
    OutputFiles.checkModelDir(r.outDir(), r.overwrite(), inputs,
        settings.environment().workDir());
    Optional<LabelSpace> space = r.labelsFile().map(LabelFiles::read);
    long t0 = System.nanoTime();
    LoadedDataset loaded = readLabelled(r.trainFile(), r.read(), space, r.multiLabel());
    Dataset data = loaded.dataset();
    if (data.size() == 0) {
      throw new AppException(r.trainFile() + ": no examples to train on");
    }
    progress.info(String.format(Locale.ROOT, "training %s on %d examples (%d labels, %s) ...",
        spec.method(), data.size(), data.labels().size(),
        data.multiLabel() ? "multi-label" : "single-label"));
    List<String> warnings = new ArrayList<>();
    warnings.addAll(warnings(data, spec, r.multiLabel()));
    // an ensemble's members embed the same texts: with the cache each is embedded once
    boolean shareEmbeddings = spec.method().equals(EnsembleClassifier.TYPE);
    try (Backends.Fitting f = Backends.fitting(settings, spec, shareEmbeddings, progress)) {
      Classifier c = Methods.create(f.spec().method(), f.spec().params(), f.context());
      ClassifierModel fitted = c.fit(data);
      f.embeddingDone();
      if (!(fitted instanceof SavableModel savable)) {
        throw new AppException("method '" + spec.method() + "' makes models that cannot be saved");
      }
      Provenance prov = provenance(c, data, r.trainFile());
      if (!warnings.isEmpty()) {
        Map<String, Object> training = new LinkedHashMap<>(prov.training());
        training.put("warnings", List.copyOf(warnings));
        prov = new Provenance(prov.createdAt(), prov.classify4jVersion(), prov.javaVersion(),
            prov.method(), prov.params(), training);
      }
      DecisionRule rule = Rules.withHierarchy(Rules.choose(fitted.defaultRule(),
          settings.project().flatMap(ProjectsFile.Project::decision), r.threshold(), r.limit()),
          r.hierarchy(), fitted.classes());
      ModelStore.save(savable, r.outDir(), prov, rule);
      return new Result(r.outDir(), spec.method(), data.size(), data.labels().size(),
          data.multiLabel(), String.valueOf(prov.training().get("sha256")),
          (System.nanoTime() - t0) / 1e9,
          loaded.report().skippedCount() > 0 ? loaded.report().summary() : "",
          List.copyOf(warnings));
    }
  }

  /**
   * What makes a model that cannot work, said before training: one label only, a {@code min_df}
   * above the number of documents, single-label data switched to multi-label by a few examples
   * with no labels.
   */
  public static List<String> warnings(Dataset data, MethodSpec spec, boolean askedMultiLabel) {
    List<String> w = new ArrayList<>();
    if (data.labels().size() < 2) {
      w.add("only one label (" + (data.labels().size() == 0 ? "none"
          : data.labels().names().get(0)) + "): every document will get it");
    }
    Object minDf = spec.params().values().get("min_df");
    if (minDf != null) {
      try {
        double v = Double.parseDouble(minDf.toString());
        if (v >= 1 && v > data.size()) {
          w.add("min_df " + minDf + " is above the number of training documents (" + data.size()
              + "): no term can be kept");
        }
      } catch (NumberFormatException ignored) {
        // the method reports a malformed value itself
      }
    }
    if (data.multiLabel() && !askedMultiLabel) {
      long none = data.examples().stream().filter(e -> e.labels().isEmpty()).count();
      long several = data.examples().stream().filter(e -> e.labels().size() > 1).count();
      if (none > 0 && several == 0) {
        w.add(none + " example(s) with no labels (\"labels\": []) made this multi-label"
            + " training although every other example has one label; label or remove them, or"
            + " give --multi-label to mean it");
      }
    }
    return w;
  }

  /** Provenance of a model fitted by {@code spec} on {@code data} read from {@code file}. */
  public static Provenance provenance(Classifier spec, Dataset data, Path file) {
    Provenance base = Provenance.of(spec, data);
    Map<String, Object> training = new LinkedHashMap<>(base.training());
    training.put("file", file.toAbsolutePath().normalize().toString());
    return new Provenance(base.createdAt(), base.classify4jVersion(), base.javaVersion(),
        base.method(), base.params(), training);
  }

  /** A one-line summary of a result, for faces that print one. */
  public static String describe(Result r) {
    return String.format(Locale.ROOT, "saved %s model to %s in %.1fs (training data sha256 %s)",
        r.method(), r.directory(), r.seconds(), r.sha256().substring(0, Math.min(12,
            r.sha256().length())));
  }
}
