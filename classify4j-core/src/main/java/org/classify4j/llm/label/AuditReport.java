package org.classify4j.llm.label;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.eval.Bootstrap;

/**
 * What {@link LabelAudit} found: LLM labels against a human-labeled sample.
 *
 * @param goldDocuments documents in the human-labeled sample
 * @param matched gold documents the LLM labeled (the audited documents)
 * @param missing gold documents the LLM did not label
 * @param missingIds the first (up to 20) of them
 * @param goldUnlabeled single-label gold documents without a label (left out)
 * @param abstained audited documents the LLM abstained on
 * @param decided audited documents the LLM decided
 * @param multiLabel whether the task is multi-label
 * @param labels per-label agreement (labels present in either side)
 * @param agreement the fraction of decided documents whose LLM labels equal the gold ones
 * @param kappa Cohen's kappa (single-label: over decided documents)
 * @param noiseRate the fraction of decided documents whose LLM labels differ from the gold ones,
 *     with a Wilson interval: the expected label noise of the training data
 * @param noiseByLlmLabel per LLM label, the fraction given wrongly (1 − precision)
 * @param byConfidence agreement by the LLM's probability
 * @param confusion gold × LLM counts (single-label only)
 * @param ece expected calibration error of the LLM's probabilities (NaN for multi-label)
 * @param disagreementCount all disagreements
 * @param disagreements the first of them, most confident LLM mistakes first
 * @param oneHot audited documents whose LLM scores are one-hot (no log-probabilities)
 */
public record AuditReport(
    int goldDocuments,
    int matched,
    int missing,
    List<String> missingIds,
    int goldUnlabeled,
    int abstained,
    int decided,
    boolean multiLabel,
    List<LabelAgreement> labels,
    Bootstrap.Interval agreement,
    Bootstrap.Interval kappa,
    Wilson.Proportion noiseRate,
    List<LabelNoise> noiseByLlmLabel,
    List<ConfidenceBin> byConfidence,
    Optional<Confusion> confusion,
    double ece,
    int disagreementCount,
    List<Disagreement> disagreements,
    int oneHot) {

  /** Fewer decided documents than this and the report warns that its intervals are too wide. */
  public static final int MIN_DECIDED = 30;

  /** A report without one-hot labels. */
  public AuditReport(int goldDocuments, int matched, int missing, List<String> missingIds,
      int goldUnlabeled, int abstained, int decided, boolean multiLabel,
      List<LabelAgreement> labels, Bootstrap.Interval agreement, Bootstrap.Interval kappa,
      Wilson.Proportion noiseRate, List<LabelNoise> noiseByLlmLabel,
      List<ConfidenceBin> byConfidence, Optional<Confusion> confusion, double ece,
      int disagreementCount, List<Disagreement> disagreements) {
    this(goldDocuments, matched, missing, missingIds, goldUnlabeled, abstained, decided,
        multiLabel, labels, agreement, kappa, noiseRate, noiseByLlmLabel, byConfidence, confusion,
        ece, disagreementCount, disagreements, 0);
  }

  /**
   * What the reader must know before trusting the numbers: too few decided documents for the
   * intervals to mean much, and one-hot LLM scores (no confidence to calibrate).
   */
  public List<String> warnings() {
    List<String> w = new java.util.ArrayList<>();
    if (decided < MIN_DECIDED) {
      w.add("only " + decided + " audited document(s) were answered (fewer than " + MIN_DECIDED
          + "): the intervals are too wide to trust; audit more documents");
    }
    if (oneHot > 0) {
      w.add(oneHot + " of " + matched + " audited LLM labels are one-hot (the server gave no"
          + " log-probabilities): their probability is not a confidence, so the by-confidence"
          + " agreement and the calibration error say nothing");
    }
    return w;
  }

  public AuditReport {
    missingIds = List.copyOf(missingIds);
    labels = List.copyOf(labels);
    Objects.requireNonNull(agreement, "agreement");
    Objects.requireNonNull(kappa, "kappa");
    Objects.requireNonNull(noiseRate, "noiseRate");
    noiseByLlmLabel = List.copyOf(noiseByLlmLabel);
    byConfidence = List.copyOf(byConfidence);
    Objects.requireNonNull(confusion, "confusion");
    disagreements = List.copyOf(disagreements);
  }

  /** Precision, recall and F1 of the LLM's labels for one label, against the gold ones. */
  public record LabelAgreement(String label, int support, int predicted,
      Bootstrap.Interval precision, Bootstrap.Interval recall, Bootstrap.Interval f1) {}

  /** How often the LLM gave {@code label} wrongly. */
  public record LabelNoise(String label, Wilson.Proportion wrong) {}

  /** Documents whose LLM probability is in [lower, upper) and the fraction the gold agrees with. */
  public record ConfidenceBin(double lower, double upper, long documents, double agreement) {}

  /** counts[g][p]: documents of gold label g the LLM labeled p; undecided[g]: abstained. */
  public record Confusion(List<String> labels, long[][] counts, long[] undecided) {
    public Confusion {
      labels = List.copyOf(labels);
      long[][] c = new long[counts.length][];
      for (int i = 0; i < c.length; i++) {
        c[i] = counts[i].clone();
      }
      counts = c;
      undecided = undecided.clone();
    }

    @Override
    public long[][] counts() {
      long[][] c = new long[counts.length][];
      for (int i = 0; i < c.length; i++) {
        c[i] = counts[i].clone();
      }
      return c;
    }

    @Override
    public long[] undecided() {
      return undecided.clone();
    }
  }

  /** A document where the LLM and the human disagree. */
  public record Disagreement(String id, String text, List<String> gold, List<String> llm,
      double llmProbability, double llmScoreOfGold) {
    public Disagreement {
      gold = List.copyOf(gold);
      llm = List.copyOf(llm);
    }
  }

  /** The agreement row of a label. */
  public Optional<LabelAgreement> label(String name) {
    return labels.stream().filter(l -> l.label().equals(name)).findFirst();
  }

  static ObjectNode proportion(Wilson.Proportion p) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("estimate", p.estimate());
    o.put("lower", p.lower());
    o.put("upper", p.upper());
    o.put("level", p.level());
    o.put("count", p.successes());
    o.put("of", p.trials());
    o.put("method", "wilson");
    return o;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("gold_documents", goldDocuments);
    o.put("audited", matched);
    o.put("missing", missing);
    ArrayNode mi = o.putArray("missing_ids");
    missingIds.forEach(mi::add);
    o.put("gold_unlabeled", goldUnlabeled);
    o.put("abstained", abstained);
    o.put("decided", decided);
    o.put("multi_label", multiLabel);
    o.set("agreement", agreement.toJson());
    o.set("kappa", kappa.toJson());
    o.set("noise_rate", proportion(noiseRate));
    ArrayNode ls = o.putArray("labels");
    for (LabelAgreement l : labels) {
      ObjectNode n = ls.addObject();
      n.put("label", l.label());
      n.put("support", l.support());
      n.put("predicted", l.predicted());
      n.set("precision", l.precision().toJson());
      n.set("recall", l.recall().toJson());
      n.set("f1", l.f1().toJson());
    }
    ArrayNode nb = o.putArray("noise_by_llm_label");
    for (LabelNoise l : noiseByLlmLabel) {
      ObjectNode n = nb.addObject();
      n.put("label", l.label());
      n.set("wrong", proportion(l.wrong()));
    }
    ArrayNode bc = o.putArray("by_confidence");
    for (ConfidenceBin b : byConfidence) {
      bc.addObject().put("lower", b.lower()).put("upper", b.upper())
          .put("documents", b.documents()).put("agreement", b.agreement());
    }
    confusion.ifPresent(c -> {
      ObjectNode cn = o.putObject("confusion_matrix");
      ArrayNode names = cn.putArray("labels");
      c.labels().forEach(names::add);
      cn.put("rows", "gold");
      cn.put("columns", "llm");
      ArrayNode m = cn.putArray("counts");
      for (long[] r : c.counts()) {
        ArrayNode row = m.addArray();
        for (long v : r) {
          row.add(v);
        }
      }
      ArrayNode u = cn.putArray("undecided");
      for (long v : c.undecided()) {
        u.add(v);
      }
    });
    if (!Double.isNaN(ece)) {
      o.put("ece", ece);
    }
    o.put("one_hot", oneHot);
    ArrayNode wn = o.putArray("warnings");
    warnings().forEach(wn::add);
    o.put("disagreement_count", disagreementCount);
    ArrayNode ds = o.putArray("disagreements");
    for (Disagreement d : disagreements) {
      ObjectNode n = ds.addObject();
      n.put("id", d.id());
      n.put("text", d.text());
      ArrayNode g = n.putArray("gold");
      d.gold().forEach(g::add);
      ArrayNode l = n.putArray("llm");
      d.llm().forEach(l::add);
      n.put("llm_probability", d.llmProbability());
      n.put("llm_score_of_gold", d.llmScoreOfGold());
    }
    return o;
  }

  /** A summary for terminals: counts, the per-label table, kappa, noise, top disagreements by id. */
  public String toText(int shownDisagreements) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "audited %d of %d gold documents (%d not labeled by the LLM, %d abstained)%n",
        matched, goldDocuments, missing, abstained));
    int w = 5;
    for (LabelAgreement l : labels) {
      w = Math.max(w, Math.min(40, l.label().length()));
    }
    b.append(String.format(Locale.ROOT, "%-" + w + "s  %-24s  %-24s  %-24s  %7s%n", "label",
        "precision", "recall", "f1", "support"));
    for (LabelAgreement l : labels) {
      b.append(String.format(Locale.ROOT, "%-" + w + "s  %-24s  %-24s  %-24s  %7d%n",
          l.label(), ci(l.precision()), ci(l.recall()), ci(l.f1()), l.support()));
    }
    b.append(String.format(Locale.ROOT, "agreement %s   kappa %s%n", ci(agreement), ci(kappa)));
    b.append(String.format(Locale.ROOT,
        "label noise rate %.4f [%.4f, %.4f] (%d of %d decided documents disagree)%n",
        noiseRate.estimate(), noiseRate.lower(), noiseRate.upper(), noiseRate.successes(),
        noiseRate.trials()));
    for (String warning : warnings()) {
      b.append("warning: ").append(warning).append('\n');
    }
    int shown = Math.min(shownDisagreements, disagreements.size());
    if (shown > 0) {
      b.append("most confident disagreements (id: gold vs llm @ probability):\n");
      for (int i = 0; i < shown; i++) {
        Disagreement d = disagreements.get(i);
        b.append(String.format(Locale.ROOT, "  %s: %s vs %s @ %.3f%n", d.id(), d.gold(), d.llm(),
            d.llmProbability()));
      }
    }
    return b.toString();
  }

  static String ci(Bootstrap.Interval i) {
    return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", i.estimate(), i.lower(), i.upper());
  }
}
