package org.classify4j.distill;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.classify.DecisionRule;
import org.classify4j.eval.Bootstrap;
import org.classify4j.llm.label.LabelUsage;

/**
 * What distilling did and what the distilled model trades: the training data kept, the overlap
 * found between the sets, the operating point chosen on the audited sample (with bootstrap
 * intervals), the precision–recall curve there, the same point on test data when given, and speed
 * and cost against the LLM.
 *
 * @param classes the labels, in score-column order
 * @param multiLabel whether the task is multi-label
 * @param positiveLabel the positive label of a binary task
 * @param metrics what precision and recall mean here: {@code positive_label} (binary), {@code
 *     answered} (single-label: precision = accuracy on the documents not abstained on, recall =
 *     accuracy on all) or {@code micro} (multi-label)
 * @param training what was trained on
 * @param trainVsAudit documents shared by the training labels and the audited sample
 * @param trainVsTest documents shared by the training labels and the test set (ids and texts,
 *     from {@link org.classify4j.data.check.DataChecks} for texts)
 * @param auditVsTest texts shared by the audited sample and the test set
 * @param target the target asked for
 * @param targetMet whether the chosen rule meets it on the audited sample
 * @param rule the decision rule saved with the model
 * @param threshold the chosen threshold (empty without a target, or when it cannot be met)
 * @param audit the chosen rule on the audited sample
 * @param test the chosen rule on the test set
 * @param curve the precision–recall curve on the audited sample (at most a few hundred points)
 * @param tradeOffs the best recall at a few precision levels on the audited sample
 * @param averagePrecision the curve's average precision
 * @param speed the distilled model's measured throughput
 * @param llm what the LLM labeling cost, when its usage file was found
 * @param notes warnings for the reader
 */
public record DistillReport(
    List<String> classes,
    boolean multiLabel,
    Optional<String> positiveLabel,
    String metrics,
    Training training,
    Leakage.Overlap trainVsAudit,
    Optional<Leakage.Overlap> trainVsTest,
    Optional<Leakage.Overlap> auditVsTest,
    Optional<Target> target,
    boolean targetMet,
    DecisionRule rule,
    Optional<Double> threshold,
    OperatingPoint audit,
    Optional<OperatingPoint> test,
    List<CurvePoint> curve,
    List<TradeOff> tradeOffs,
    double averagePrecision,
    Speed speed,
    Optional<LabelUsage> llm,
    List<String> notes) {

  public DistillReport {
    classes = List.copyOf(classes);
    Objects.requireNonNull(positiveLabel, "positiveLabel");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(rule, "rule");
    curve = List.copyOf(curve);
    tradeOffs = List.copyOf(tradeOffs);
    notes = List.copyOf(notes);
  }

  /**
   * The training data.
   *
   * @param llmLabels labels in the label file
   * @param used labels trained on
   * @param droppedAbstained abstentions (no label to learn)
   * @param droppedLowConfidence labels below the minimum confidence
   * @param droppedOverlap documents also in the audited sample or the test set (left out so the
   *     threshold and the test numbers are not chosen on training documents)
   * @param weighting how the LLM's confidence entered the fit
   * @param minConfidence the minimum confidence
   * @param labelCounts documents per label among those used
   */
  public record Training(int llmLabels, int used, int droppedAbstained, int droppedLowConfidence,
      int droppedOverlap, String weighting, double minConfidence, Map<String, Integer> labelCounts) {
    public Training {
      labelCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labelCounts));
    }
  }

  /** Precision and recall of a rule on a data set, with bootstrap intervals. */
  public record OperatingPoint(int documents, Bootstrap.Interval precision,
      Bootstrap.Interval recall, Bootstrap.Interval f1) {}

  /** One point of the precision–recall curve. */
  public record CurvePoint(double threshold, double precision, double recall) {}

  /**
   * The highest recall on the audited sample at a precision of at least {@code minPrecision}, and
   * its threshold (empty when no threshold reaches that precision).
   */
  public record TradeOff(double minPrecision, Optional<Double> recall, Optional<Double> threshold) {}

  /** Measured throughput of the distilled model (embedding included). */
  public record Speed(long documents, double seconds) {
    public double documentsPerSecond() {
      return seconds <= 0 ? Double.POSITIVE_INFINITY : documents / seconds;
    }
  }

  static ObjectNode overlap(Leakage.Overlap o) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("ids", o.ids());
    n.put("exact_texts", o.exactTexts());
    n.put("normalized_texts", o.normalizedTexts());
    ArrayNode s = n.putArray("sample_ids");
    o.sampleIds().forEach(s::add);
    return n;
  }

  static ObjectNode point(OperatingPoint p) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("documents", p.documents());
    o.set("precision", p.precision().toJson());
    o.set("recall", p.recall().toJson());
    o.set("f1", p.f1().toJson());
    return o;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.mapper().createObjectNode();
    ArrayNode cs = o.putArray("classes");
    classes.forEach(cs::add);
    o.put("multi_label", multiLabel);
    positiveLabel.ifPresent(p -> o.put("positive_label", p));
    o.put("metrics", metrics);
    ObjectNode t = o.putObject("training");
    t.put("llm_labels", training.llmLabels());
    t.put("used", training.used());
    t.put("dropped_abstained", training.droppedAbstained());
    t.put("dropped_low_confidence", training.droppedLowConfidence());
    t.put("dropped_overlap", training.droppedOverlap());
    t.put("weighting", training.weighting());
    t.put("min_confidence", training.minConfidence());
    ObjectNode lc = t.putObject("label_counts");
    training.labelCounts().forEach(lc::put);
    ObjectNode ov = o.putObject("overlap");
    ov.set("train_vs_audit", overlap(trainVsAudit));
    trainVsTest.ifPresent(x -> ov.set("train_vs_test", overlap(x)));
    auditVsTest.ifPresent(x -> ov.set("audit_vs_test", overlap(x)));
    target.ifPresent(x -> o.putObject("target").put("metric", x.metric()).put("value", x.value()));
    o.put("target_met_on_audit", targetMet);
    threshold.ifPresent(x -> o.put("threshold", x));
    o.set("decision_rule", Json.mapper().valueToTree(rule));
    o.set("audit", point(audit));
    test.ifPresent(x -> o.set("test", point(x)));
    o.put("average_precision_on_audit", averagePrecision);
    ArrayNode to = o.putArray("trade_off_on_audit");
    for (TradeOff p : tradeOffs) {
      ObjectNode n = to.addObject().put("min_precision", p.minPrecision());
      p.recall().ifPresent(v -> n.put("recall", v));
      p.threshold().ifPresent(v -> n.put("threshold", v));
    }
    ArrayNode cv = o.putArray("pr_curve_on_audit");
    for (CurvePoint p : curve) {
      cv.addObject().put("threshold", p.threshold()).put("precision", p.precision())
          .put("recall", p.recall());
    }
    ObjectNode sp = o.putObject("speed");
    sp.put("documents", speed.documents());
    sp.put("seconds", speed.seconds());
    sp.put("documents_per_second", speed.documentsPerSecond());
    ObjectNode cost = o.putObject("cost_per_1000_documents");
    ObjectNode dm = cost.putObject("distilled");
    dm.put("api_cost", 0.0);
    dm.put("compute_seconds", 1000.0 / speed.documentsPerSecond());
    llm.ifPresent(u -> {
      ObjectNode lm = cost.putObject("llm");
      lm.put("chat_model", u.chatModel());
      u.costPer1000Documents().ifPresent(v -> lm.put("api_cost", v));
      u.tokensPer1000Documents().ifPresent(v -> lm.put("tokens", v));
      u.documentsPerSecond().ifPresent(v -> {
        lm.put("documents_per_second", v);
        lm.put("wall_seconds", 1000.0 / v);
        sp.put("speedup_over_llm", speed.documentsPerSecond() / v);
      });
      lm.put("measured_on_documents", u.documents());
      lm.put("cache_hits", u.cacheHits());
    });
    ArrayNode ns = o.putArray("notes");
    notes.forEach(ns::add);
    return o;
  }

  /** A short summary for terminals. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "trained on %d of %d LLM labels (%d abstained, %d below"
        + " confidence, %d shared with audit/test dropped)%n", training.used(),
        training.llmLabels(), training.droppedAbstained(), training.droppedLowConfidence(),
        training.droppedOverlap()));
    target.ifPresent(t -> b.append(String.format(Locale.ROOT, "target %s: %s%s%n", t,
        targetMet ? "met on the audited sample" : "NOT met on the audited sample",
        threshold.map(x -> String.format(Locale.ROOT, " (threshold %.6f)", x)).orElse(""))));
    b.append(String.format(Locale.ROOT, "audit (%d docs): precision %s  recall %s%n",
        audit.documents(), ci(audit.precision()), ci(audit.recall())));
    test.ifPresent(p -> b.append(String.format(Locale.ROOT,
        "test  (%d docs): precision %s  recall %s%n", p.documents(), ci(p.precision()),
        ci(p.recall()))));
    if (!tradeOffs.isEmpty()) {
      b.append("trade-off on the audited sample (best recall at precision ≥ p):");
      for (TradeOff t : tradeOffs) {
        b.append(String.format(Locale.ROOT, "  %.2f→%s", t.minPrecision(),
            t.recall().map(r -> String.format(Locale.ROOT, "%.3f", r)).orElse("-")));
      }
      b.append('\n');
    }
    b.append(String.format(Locale.ROOT, "speed: %.1f documents/s (distilled)", speed.documentsPerSecond()));
    llm.flatMap(LabelUsage::documentsPerSecond).ifPresent(v ->
        b.append(String.format(Locale.ROOT, " vs %.1f documents/s (LLM labeling)", v)));
    b.append('\n');
    llm.ifPresent(u -> {
      if (u.costPer1000Documents().isPresent()) {
        b.append(String.format(Locale.ROOT, "cost per 1,000 documents: LLM %.4f, distilled 0 (local"
            + " compute)%n", u.costPer1000Documents().get()));
      } else {
        u.tokensPer1000Documents().ifPresent(v -> b.append(String.format(Locale.ROOT,
            "per 1,000 documents: LLM %.0f tokens (no prices given), distilled 0 tokens%n", v)));
      }
    });
    for (String n : notes) {
      b.append("note: ").append(n).append('\n');
    }
    return b.toString();
  }

  static String ci(Bootstrap.Interval i) {
    return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", i.estimate(), i.lower(), i.upper());
  }
}
