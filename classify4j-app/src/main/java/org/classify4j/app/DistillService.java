package org.classify4j.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Version;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.distill.DistillReport;
import org.classify4j.distill.Distiller;
import org.classify4j.distill.Leakage;
import org.classify4j.distill.Target;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.eval.Bootstrap;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LabelUsage;
import org.classify4j.llm.label.LlmLabel;
import org.classify4j.persist.DatasetHash;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;

/**
 * Distill: train a fast classifier on an LLM's labels, choose its threshold on a human-audited
 * sample, save it with provenance — and say whether a precision/recall target is met only when the
 * audited sample can carry the claim: enough audited support, the lower confidence bound stated,
 * and a warning for every label the LLM never produced.
 */
public final class DistillService {
  /** The fewest audited documents of the label a target is about for "met" to be said. */
  public static final int MIN_AUDIT_SUPPORT = 30;

  private DistillService() {}

  /**
   * A distillation.
   *
   * @param labels the LLM's labels (from 'label')
   * @param audit human labels of a sample, for choosing the threshold
   * @param test human labels of another sample, only to report on
   * @param embedderId the embedder of the distilled model
   */
  public record Request(Path trainFile, List<LlmLabel> labels, boolean multiLabel,
      boolean multiLabelAsked, Path auditFile, Dataset audit, Optional<Path> testFile,
      Optional<Dataset> test, Optional<LabelUsage> usage, String embedderId,
      Distiller.Weighting weighting, double minConfidence, Optional<Target> target,
      Optional<String> positive, double c, Bootstrap bootstrap, boolean dropOverlap,
      Path outDir) {
    public Request {
      labels = List.copyOf(labels);
      if (labels.isEmpty()) {
        throw new AppException(trainFile + ": no labels");
      }
      LabelFile.requireUniqueIds(trainFile, labels);
    }
  }

  /** What may be said about the target, and what the reader must know. */
  public record Claim(Optional<Boolean> met, String statement, List<String> warnings) {
    public Claim {
      warnings = List.copyOf(warnings);
    }
  }

  public record Result(DistillReport report, Claim claim, Path modelDir) {}

  public static Result distill(Request r, ProgressListener progress) {
    LabelSpace space = LabelFile.labelSpace(r.labels());
    List<Document> trainDocs = r.labels().stream().map(LlmLabel::document).toList();
    Leakage.refuseTestData("--train", "training", Optional.of(r.trainFile()), trainDocs);
    Leakage.refuseTestData("--audit", "choosing the threshold", Optional.of(r.auditFile()),
        r.audit().documents());
    r.test().ifPresent(t -> Leakage.requireDistinct("--audit", Optional.of(r.auditFile()),
        r.audit().documents(), "--test", r.testFile(), t.documents()));
    try (TextEmbedder embedder = Embedders.create(r.embedderId())) {
      Distiller.Builder b = Distiller.builder(embedder)
          .regression(LogisticRegression.defaults().withC(r.c()))
          .weighting(r.weighting())
          .minConfidence(r.minConfidence())
          .bootstrap(r.bootstrap())
          .dropOverlap(r.dropOverlap());
      if (r.multiLabelAsked()) {
        b.multiLabel(true);
      }
      r.target().ifPresent(b::target);
      r.positive().ifPresent(b::positiveLabel);
      Distiller d = b.build();
      progress.info(String.format(Locale.ROOT, "distilling %d LLM labels with %s ...",
          r.labels().size(), r.embedderId()));
      Distiller.Result res = d.distill(r.labels(), r.audit(), r.test(), r.usage());
      Dataset trained = LabelFile.toDataset(r.labels(), space, r.multiLabel());
      Map<String, Object> training = new LinkedHashMap<>();
      training.put("examples", res.report().training().used());
      training.put("labels", space.size());
      training.put("multi_label", r.multiLabel());
      training.put("sha256", DatasetHash.of(trained));
      training.put("file", r.trainFile().toAbsolutePath().normalize().toString());
      training.put("audit_file", r.auditFile().toAbsolutePath().normalize().toString());
      Claim claim = claim(res.report(), r.audit());
      if (!claim.warnings().isEmpty()) {
        training.put("warnings", claim.warnings());
      }
      Provenance prov = new Provenance(Instant.now().toString(), Version.get(),
          System.getProperty("java.version"), "distilled", d.params(), training);
      ModelStore.save(res.model(), r.outDir(), prov, res.rule());
      return new Result(res.report(), claim, r.outDir());
    }
  }

  /**
   * What may be said about the report's target: "met" only when the distiller met it on the
   * audited sample, at least {@link #MIN_AUDIT_SUPPORT} audited documents carry the label it is
   * about, <em>and</em> the lower bound of the interval reaches the target (otherwise "NOT
   * shown", with the estimate, the interval and the n); the lower bound is always stated. Warns for every label
   * the LLM never produced (the model cannot learn it).
   */
  public static Claim claim(DistillReport report, Dataset audit) {
    List<String> warnings = new ArrayList<>();
    Map<String, Integer> counts = report.training().labelCounts();
    for (String label : report.classes()) {
      if (counts.getOrDefault(label, 0) == 0) {
        warnings.add("the LLM never labelled a document '" + label + "': the distilled model"
            + " cannot learn it, and the audit cannot show it");
      }
    }
    if (report.target().isEmpty()) {
      return new Claim(Optional.empty(), "", warnings);
    }
    Target t = report.target().get();
    long support = support(report, audit);
    Bootstrap.Interval ci = t.kind() == Target.Kind.PRECISION ? report.audit().precision()
        : report.audit().recall();
    String about = report.positiveLabel().map(l -> "audited documents labelled '" + l + "'")
        .orElse("audited documents");
    String bound = String.format(Locale.ROOT, "%s %.4f, %.0f%% interval [%.4f, %.4f] on %d %s",
        t.metric(), ci.estimate(), ci.level() * 100, ci.lower(), ci.upper(), support, about);
    boolean met;
    String statement;
    if (!report.targetMet()) {
      met = false;
      statement = "target " + t + ": NOT met on the audited sample (" + bound + ")";
    } else if (support < MIN_AUDIT_SUPPORT) {
      met = false;
      statement = "target " + t + ": NOT established: only " + support + " " + about
          + " (need at least " + MIN_AUDIT_SUPPORT + "; " + bound + ")";
      warnings.add("the audited sample is too small to say whether the target is met: audit"
          + " more documents");
    } else if (ci.lower() < t.value()) {
      // the estimate reaches the target, but the interval says the true value may well be below
      met = false;
      statement = String.format(Locale.ROOT, "target %s: NOT shown: the estimate %.4f reaches it,"
          + " but the lower bound %.4f of the %.0f%% interval does not (%s; %d audited documents"
          + " in all)", t, ci.estimate(), ci.lower(), ci.level() * 100, bound,
          report.audit().documents());
      warnings.add("the target is not shown: audit more documents to narrow the interval");
    } else {
      met = true;
      statement = "target " + t + ": met on the audited sample, lower bound included (" + bound
          + ")";
    }
    return new Claim(Optional.of(met), statement, warnings);
  }

  /** Audited documents of the label the target is about (all audited documents otherwise). */
  static long support(DistillReport report, Dataset audit) {
    if (report.positiveLabel().isPresent()) {
      String l = report.positiveLabel().get();
      return audit.examples().stream().filter(e -> e.labels().contains(l)).count();
    }
    if (report.multiLabel()) {
      return audit.examples().stream().mapToLong(e -> e.labels().size()).sum();
    }
    return audit.examples().stream().filter(e -> !e.labels().isEmpty()).count();
  }

  /** The report's text with the target line replaced by the claim, warnings after it. */
  public static String text(Result r) {
    StringBuilder b = new StringBuilder();
    boolean replaced = false;
    for (String line : r.report().toText().split("\n", -1)) {
      if (!replaced && r.claim().met().isPresent() && line.startsWith("target ")) {
        b.append(r.claim().statement());
        replaced = true;
      } else {
        b.append(line);
      }
      b.append('\n');
    }
    String s = b.toString();
    return s.endsWith("\n\n") ? s.substring(0, s.length() - 1) : s;
  }

  /** The report's JSON with the claim: {@code target_met_on_audit} follows it. */
  public static ObjectNode json(Result r) {
    ObjectNode o = r.report().toJson();
    r.claim().met().ifPresent(m -> {
      o.put("target_met_on_audit", m);
      o.put("target_claim", r.claim().statement());
      o.put("min_audit_support", MIN_AUDIT_SUPPORT);
    });
    ArrayNode w = o.putArray("warnings");
    r.claim().warnings().forEach(w::add);
    return o;
  }
}
