package org.classify4j.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.data.io.ReadOptions;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metric;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.DatasetHash;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.select.DecisionTuning;
import org.classify4j.select.TunedRule;

/**
 * Tune: score validation data once with a trained model, choose a decision rule for a goal (a
 * metric's best limit × threshold, per-label thresholds, or the best recall at a precision and
 * the converse), and — unless it is a dry run — save it as the model's decision.json. Refuses
 * empty or unlabelled validation data, so a tuned rule is never replaced by a meaningless one.
 */
public final class TuneService {
  private TuneService() {}

  /** The goal: exactly one of a metric, per-label thresholds, a precision or a recall target. */
  public record Goal(Metric metric, boolean perLabel, Double targetPrecision,
      Double targetRecall) {}

  /**
   * @param force replace the rule even when the validation data is the model's training data
   */
  public record Request(Path modelDir, Path validation, ReadOptions read, Goal goal,
      int batchSize, boolean dryRun, boolean force) {
    public Request(Path modelDir, Path validation, ReadOptions read, Goal goal, int batchSize,
        boolean dryRun) {
      this(modelDir, validation, read, goal, batchSize, dryRun, false);
    }
  }

  /** Fewer labelled validation documents than this: a warning that the rule fits only them. */
  public static final int FEW_DOCUMENTS = 30;

  /** The outcome: the data scored under the old and the new rule, and how the rule was chosen. */
  public record Result(Path modelDir, Dataset gold, DecisionRule previous, TunedRule tuned,
      EvalData before, EvalData after, String how, boolean multiLabel, List<String> warnings) {
    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * True when {@code validation} is the model's training data: the file its provenance names, or
   * data with the same content hash.
   */
  static boolean isTrainingData(LoadedModel loaded, Path validation, Dataset gold) {
    Map<String, Object> training = loaded.provenance().training();
    Object file = training.get("file");
    if (file != null && OutputFiles.sameFile(validation, Path.of(file.toString()))) {
      return true;
    }
    Object sha = training.get("sha256");
    return sha != null && sha.toString().equals(DatasetHash.of(gold));
  }

  public static Result tune(Settings settings, Request r, ProgressListener progress) {
    PredictService.checkBatchSize(r.batchSize());
    Goal g = r.goal();
    try (LoadContext ctx = Backends.context(settings)) {
      LoadedModel loaded = ModelStore.load(r.modelDir(), ctx);
      ClassifierModel m = loaded.model();
      Dataset gold = TrainService.readLabelled(r.validation(), r.read(), Optional.of(m.classes()),
          m.multiLabel()).dataset();
      gold = new Dataset(m.classes(), gold.examples(), m.multiLabel());
      if (gold.size() == 0) {
        throw new AppException(r.validation() + ": no validation documents to tune on");
      }
      if (gold.examples().stream().allMatch(e -> e.labels().isEmpty())) {
        throw new AppException(r.validation() + ": no validation document has a label");
      }
      List<String> warnings = new ArrayList<>();
      long labelled = gold.examples().stream().filter(e -> !e.labels().isEmpty()).count();
      if (labelled < FEW_DOCUMENTS) {
        warnings.add("tuned on only " + labelled + " labelled document" + (labelled == 1 ? "" : "s")
            + " of " + r.validation() + ": the rule fits " + (labelled == 1 ? "that document" : "them")
            + ", not your data; tune on a few hundred held-out documents");
      }
      if (isTrainingData(loaded, r.validation(), gold)) {
        String what = r.validation() + " is the data the model was trained on: a rule tuned there"
            + " looks better than it is on new documents";
        if (!r.dryRun() && !r.force()) {
          throw new AppException(what + "; tune on held-out data (or add --force to replace "
              + ModelStore.DECISION + " anyway)");
        }
        warnings.add(what);
      }
      EvalData before;
      try (ProgressListener.Task t = progress.start("scoring", gold.size(), "docs")) {
        before = EvalData.of(gold, PredictService.score(m, gold.documents(), r.batchSize(), t),
            loaded.decisionRule());
        t.finish();
      }
      TunedRule tuned;
      String how;
      if (g.perLabel()) {
        tuned = DecisionTuning.perLabelThresholds(before, 0.5);
        how = "per-label thresholds (best F1 of each label)";
      } else if (g.targetPrecision() != null) {
        tuned = DecisionTuning.maxRecallAtPrecision(before, g.targetPrecision()).orElseThrow(
            () -> new AppException("no threshold reaches precision " + g.targetPrecision()
                + " on " + r.validation() + "; try a lower --target-precision"));
        how = "highest recall with precision ≥ " + g.targetPrecision();
      } else if (g.targetRecall() != null) {
        tuned = DecisionTuning.maxPrecisionAtRecall(before, g.targetRecall()).orElseThrow(
            () -> new AppException("no threshold reaches recall " + g.targetRecall() + " on "
                + r.validation() + "; try a lower --target-recall"));
        how = "highest precision with recall ≥ " + g.targetRecall();
      } else {
        tuned = DecisionTuning.limitThreshold(before, g.metric());
        how = "limit × threshold sweep maximizing " + g.metric().name();
      }
      if (!r.dryRun()) {
        ModelStore.saveDecisionRule(r.modelDir(), tuned.rule());
      }
      return new Result(r.modelDir(), gold, loaded.decisionRule(), tuned,
          before, before.withRule(tuned.rule()), how, m.multiLabel(), warnings);
    }
  }
}
