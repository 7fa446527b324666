package org.classify4j.distill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.check.DataChecks;
import org.classify4j.data.check.PairReport;
import org.classify4j.data.check.Split;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.eval.Average;
import org.classify4j.eval.Bootstrap;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metric;
import org.classify4j.eval.Metrics;
import org.classify4j.eval.ThresholdCurve;
import org.classify4j.linear.LogisticModel;
import org.classify4j.linear.DenseFeatures;
import org.classify4j.linear.LogisticFit;
import org.classify4j.linear.LogisticModel;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.linear.LogisticModel;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LabelUsage;
import org.classify4j.llm.label.LlmLabel;
import org.classify4j.select.DecisionTuning;
import org.classify4j.select.TunedRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distills an LLM's labels into a fast classifier: a logistic head on sentence embeddings trained
 * on the LLM's labels (optionally weighted by, or softened to, the LLM's probabilities, and without
 * the labels it was unsure of), with the decision threshold chosen for a target precision or recall
 * on a human-audited sample — never on test data — and a report of what the model trades against
 * the LLM.
 *
 * <p>Binary tasks (single-label, two labels) threshold the positive label's probability; precision
 * and recall are the positive label's. Other single-label tasks abstain below a threshold on the
 * top score (precision = accuracy on the answered documents, recall = accuracy on all); multi-label
 * tasks use one threshold on every label (micro precision and recall). Documents of the training
 * labels that are also in the audited sample or the test set (same id or same normalized text) are
 * left out of training unless told otherwise.
 */
public final class Distiller {
  private static final Logger LOG = LoggerFactory.getLogger(Distiller.class);
  private static final int MAX_CURVE_POINTS = 200;

  /** How the LLM's confidence enters training. */
  public enum Weighting {
    /** Every kept label counts the same (hard labels). */
    NONE,
    /** Each example weighs its label's probability. */
    CONFIDENCE,
    /**
     * Soft targets: the LLM's probability itself is the target (binary and multi-label); single-
     * label tasks with more than two labels fall back to {@link #CONFIDENCE}.
     */
    SOFT
  }

  private final TextEmbedder embedder;
  private final LogisticRegression regression;
  private final Weighting weighting;
  private final double minConfidence;
  private final Optional<Target> target;
  private final Optional<String> positiveLabel;
  private final Bootstrap bootstrap;
  private final boolean dropOverlap;
  private final Optional<Boolean> multiLabel;

  private Distiller(Builder b) {
    this.embedder = Objects.requireNonNull(b.embedder, "embedder");
    this.regression = b.regression;
    this.weighting = b.weighting;
    this.minConfidence = b.minConfidence;
    this.target = b.target;
    this.positiveLabel = b.positiveLabel;
    this.bootstrap = b.bootstrap;
    this.dropOverlap = b.dropOverlap;
    this.multiLabel = b.multiLabel;
  }

  public static Builder builder(TextEmbedder embedder) {
    return new Builder(embedder);
  }

  /** The fitted model, the rule chosen for it and the report. */
  public record Result(DistilledModel model, DecisionRule rule, DistillReport report) {}

  /** Hyperparameters recorded in provenance. */
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("embedder", embedder.id());
    p.put("C", regression.c());
    p.put("max_iter", regression.maxIterations());
    p.put("weighting", weighting.name().toLowerCase(Locale.ROOT));
    p.put("min_confidence", minConfidence);
    target.ifPresent(t -> {
      p.put("target_metric", t.metric());
      p.put("target_value", t.value());
    });
    positiveLabel.ifPresent(l -> p.put("positive_label", l));
    p.put("bootstrap_resamples", bootstrap.resamples());
    p.put("seed", bootstrap.seed());
    p.put("drop_overlap", dropOverlap);
    return p;
  }

  /**
   * Distills {@code labels} (as written by {@link org.classify4j.llm.label.LlmLabeler}); chooses the
   * threshold on {@code audit} (human labels); reports on {@code test} (human labels, never used
   * for any choice) when given; compares with the LLM's {@code usage} when given.
   *
   * @throws LeakageException when the audited sample and the test set share ids, or either is
   *     marked as test data in a way that forbids its use
   */
  public Result distill(List<LlmLabel> labels, Dataset audit, Optional<Dataset> test,
      Optional<LabelUsage> usage) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("no LLM labels to distill");
    }
    List<String> notes = new ArrayList<>();
    LabelSpace space = LabelFile.labelSpace(labels);
    checkLabels("audit", audit, space);
    test.ifPresent(t -> checkLabels("test", t, space));
    boolean multi = audit.multiLabel() && audit.examples().stream().anyMatch(e -> e.labels().size() > 1);
    for (LlmLabel l : labels) {
      multi |= l.labels().size() > 1;
    }
    if (multiLabel.isPresent()) {
      multi = multiLabel.get();
    }
    Overlaps ov = overlaps(labels, audit, test, space, multi, notes);

    // ---- training data
    int k = space.size();
    boolean binary = !multi && k == 2;
    int pos = binary ? positiveIndex(space) : -1;
    Selection sel = select(labels, multi, ov.shared(), notes);
    List<LlmLabel> kept = sel.kept();
    int abst = sel.abstained();
    int low = sel.lowConfidence();
    int overlap = sel.overlapping();
    Map<String, Integer> counts = new LinkedHashMap<>();
    space.names().forEach(n -> counts.put(n, 0));
    for (LlmLabel l : kept) {
      l.labels().forEach(n -> counts.merge(n, 1, Integer::sum));
    }
    DistilledModel model = train(kept, space, multi, pos);
    int n = kept.size();
    DistillReport.Training training = new DistillReport.Training(labels.size(), n, abst, low,
        overlap, weighting.name().toLowerCase(Locale.ROOT), minConfidence, counts);

    // ---- scoring the audited sample (and the test set), timed
    Dataset auditUsed = usable(audit, space, multi);
    if (auditUsed.size() == 0) {
      throw new IllegalArgumentException("the audit sample has no labeled documents");
    }
    long t0 = System.nanoTime();
    ScoreMatrix auditScores = model.predictProba(auditUsed.documents());
    long docs = auditUsed.size();
    long nanos = System.nanoTime() - t0;
    final boolean multiF = multi;
    Optional<Dataset> testUsed = test.map(t -> usable(t, space, multiF));
    ScoreMatrix testScores = null;
    if (testUsed.isPresent() && testUsed.get().size() > 0) {
      long t1 = System.nanoTime();
      testScores = model.predictProba(testUsed.get().documents());
      nanos += System.nanoTime() - t1;
      docs += testUsed.get().size();
    }
    DistillReport.Speed speed = new DistillReport.Speed(docs, nanos / 1e9);

    // ---- the operating point
    EvalData auditEval = EvalData.of(auditUsed.withLabels(space), auditScores, model.defaultRule());
    Metric precision = binary ? Metric.of("precision", true,
        e -> Metrics.perLabel(e, pos).precision())
        : multi ? Metric.of("precision", true, e -> Metrics.average(e, Average.MICRO).precision())
        : Metric.of("precision", true, Metrics::accuracyOnCovered);
    Metric recall = binary ? Metric.of("recall", true, e -> Metrics.perLabel(e, pos).recall())
        : multi ? Metric.of("recall", true, e -> Metrics.average(e, Average.MICRO).recall())
        : Metric.of("recall", true, Metrics::accuracy);
    Metric f1 = Metric.of("f1", true, e -> {
      double p = precision.compute(e);
      double r = recall.compute(e);
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    });
    ThresholdCurve curve = binary ? ThresholdCurve.forLabel(auditEval, pos)
        : multi ? ThresholdCurve.micro(auditEval) : ThresholdCurve.topScore(auditEval);
    Point point = operatingPoint(model, auditEval, curve, space, binary, multi, pos, precision,
        recall, notes);
    DecisionRule rule = point.rule();
    Optional<Double> threshold = point.threshold();
    boolean met = point.met();
    EvalData auditApplied = auditEval.withRule(rule);
    DistillReport.OperatingPoint auditPoint = new DistillReport.OperatingPoint(auditUsed.size(),
        bootstrap.interval(auditApplied, precision), bootstrap.interval(auditApplied, recall),
        bootstrap.interval(auditApplied, f1));
    Optional<DistillReport.OperatingPoint> testPoint = Optional.empty();
    if (testScores != null) {
      EvalData te = EvalData.of(testUsed.get().withLabels(space), testScores, rule);
      testPoint = Optional.of(new DistillReport.OperatingPoint(te.size(),
          bootstrap.interval(te, precision), bootstrap.interval(te, recall),
          bootstrap.interval(te, f1)));
    } else {
      notes.add("no test set: the audit numbers are those the threshold was chosen on, so they"
          + " are optimistic; judge the model on a separate human-labeled test set (--test)");
    }
    if (target.isPresent() && threshold.isPresent()) {
      notes.add("the intervals are bootstrap intervals over documents at the chosen threshold;"
          + " they do not include the uncertainty of choosing it");
    }
    return new Result(model, rule, new DistillReport(space.names(), multi,
        binary ? Optional.of(space.name(pos)) : Optional.empty(),
        binary ? "positive_label" : multi ? "micro" : "answered", training, ov.trainVsAudit(),
        ov.trainVsTest(), ov.auditVsTest(), target, met, rule, threshold, auditPoint, testPoint,
        curvePoints(curve), tradeOffs(curve), curve.averagePrecision(), speed, usage, notes));
  }

  /** The decision rule chosen on the audit sample, its threshold, and whether the target is met. */
  private record Point(DecisionRule rule, Optional<Double> threshold, boolean met) {}

  /**
   * Chooses the operating point on the audited sample: for a target, the threshold that reaches
   * it with the best other metric (none: the default rule, with a note); without one, 0.5 for a
   * binary model and the model's default rule otherwise.
   */
  private Point operatingPoint(DistilledModel model, EvalData auditEval, ThresholdCurve curve,
      LabelSpace space, boolean binary, boolean multi, int pos, Metric precision, Metric recall,
      List<String> notes) {
    DecisionRule rule = binary ? binaryRule(space, pos, 0.5) : model.defaultRule();
    Optional<Double> threshold = Optional.empty();
    boolean met = false;
    if (target.isPresent()) {
      Target t = target.get();
      Optional<Double> th;
      if (binary) {
        th = choose(curve, t);
      } else {
        Optional<TunedRule> tr = t.kind() == Target.Kind.PRECISION
            ? DecisionTuning.maxRecallAtPrecision(auditEval, t.value())
            : DecisionTuning.maxPrecisionAtRecall(auditEval, t.value());
        th = tr.map(r -> r.details().get("threshold"));
      }
      if (th.isPresent()) {
        threshold = th;
        rule = binary ? binaryRule(space, pos, th.get())
            : multi ? DecisionRule.threshold(th.get())
            : new DecisionRules.Abstain(DecisionRule.argmax(), th.get(), 0.0);
        EvalData applied = auditEval.withRule(rule);
        double v = t.kind() == Target.Kind.PRECISION ? precision.compute(applied)
            : recall.compute(applied);
        met = v >= t.value();
      } else {
        notes.add("no threshold reaches " + t + " on the audited sample (best " + t.metric()
            + " there: " + String.format(Locale.ROOT, "%.4f", best(curve, t)) + "); the model is"
            + " saved with the default rule");
      }
    } else if (binary) {
      threshold = Optional.of(0.5);
    }
    return new Point(rule, threshold, met);
  }

  /** Overlaps between the training labels, the audited sample and the test set. */
  private record Overlaps(Optional<Leakage.Overlap> auditVsTest,
      Optional<Leakage.Overlap> trainVsTest, Leakage.Overlap trainVsAudit, Set<Integer> shared) {}

  /**
   * Refuses test data used for training or choosing, and measures the overlaps: ids and texts the
   * training labels share with the audit sample and the test set ({@code shared}: positions in
   * {@code labels}).
   */
  private static Overlaps overlaps(List<LlmLabel> labels, Dataset audit, Optional<Dataset> test,
      LabelSpace space, boolean multi, List<String> notes) {
    List<Document> auditDocs = audit.documents();
    Leakage.refuseTestData("the audit sample", "choosing the threshold", Optional.empty(), auditDocs);
    List<Document> trainDocs = new ArrayList<>(labels.size());
    labels.forEach(l -> trainDocs.add(l.document()));
    Leakage.refuseTestData("the training labels", "training", Optional.empty(), trainDocs);
    Optional<Leakage.Overlap> auditVsTest = Optional.empty();
    Optional<Leakage.Overlap> trainVsTest = Optional.empty();
    if (test.isPresent()) {
      List<Document> testDocs = test.get().documents();
      Leakage.requireDistinct("the audit sample", Optional.empty(), auditDocs, "the test set",
          Optional.empty(), testDocs);
      auditVsTest = Optional.of(Leakage.overlap("audit", auditDocs, "test", testDocs));
      Leakage.Overlap tt = Leakage.overlap("train", trainDocs, "test", testDocs);
      PairReport pr = DataChecks.check(
          Split.of("train", LabelFile.toDataset(labels, space, multi)),
          Split.of("test", test.get().withLabels(space))).pair().orElseThrow();
      trainVsTest = Optional.of(new Leakage.Overlap("train", "test", tt.ids(),
          pr.issue("exact_overlap").count(), pr.issue("normalized_overlap").count(),
          tt.sampleIds()));
      if (auditVsTest.get().normalizedTexts() > 0) {
        notes.add(auditVsTest.get().normalizedTexts() + " test document(s) have the same text as"
            + " audited ones: the test numbers are not fully independent of the threshold choice");
      }
    }
    Leakage.Overlap trainVsAudit = Leakage.overlap("train", trainDocs, "audit", auditDocs);
    Set<Integer> shared = Leakage.sharedPositions(trainDocs, auditDocs);
    if (test.isPresent()) {
      shared.addAll(Leakage.sharedPositions(trainDocs, test.get().documents()));
    }

    return new Overlaps(auditVsTest, trainVsTest, trainVsAudit, shared);
  }

  /** The labels trained on, and how many were left out for which reason. */
  private record Selection(List<LlmLabel> kept, int abstained, int lowConfidence,
      int overlapping) {}

  /**
   * Keeps the labels to train on: not abstained, at least {@code minConfidence}, and (with {@code
   * dropOverlap}) not shared with the audit sample or the test set.
   */
  private Selection select(List<LlmLabel> labels, boolean multi, Set<Integer> shared,
      List<String> notes) {
    List<LlmLabel> kept = new ArrayList<>();
    int abst = 0;
    int low = 0;
    int overlap = 0;
    for (int i = 0; i < labels.size(); i++) {
      LlmLabel l = labels.get(i);
      if (l.abstained() || (!multi && l.labels().isEmpty())) {
        abst++;
        continue;
      }
      if (l.probability() < minConfidence) {
        low++;
        continue;
      }
      if (dropOverlap && shared.contains(i)) {
        overlap++;
        continue;
      }
      kept.add(l);
    }
    long oneHot = kept.stream().filter(LlmLabel::oneHot).count();
    if (oneHot > 0 && weighting != Weighting.NONE) {
      notes.add(oneHot + " of " + kept.size() + " LLM labels are one-hot (the server gave no"
          + " log-probabilities): their probability 1.0 is not a confidence, so they are weighted"
          + " as hard labels at the mean weight of the others, not by it"
          + (minConfidence > 0 ? ", and --min-confidence cannot filter them" : ""));
    }
    if (overlap > 0) {
      notes.add(overlap + " training document(s) are also in the audited sample or the test set"
          + " and were left out of training");
    } else if (!dropOverlap && !shared.isEmpty()) {
      notes.add(shared.size() + " training document(s) are also in the audited sample or the test"
          + " set and were kept: the threshold and test numbers are optimistic");
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("no LLM labels left to train on (" + abst
          + " abstained, " + low + " below confidence " + minConfidence + ", " + overlap
          + " shared with the audit/test data)");
    }
    return new Selection(kept, abst, low, overlap);
  }

  /**
   * Fits the head on labels that are kept (none abstained): binary when single-label with two
   * labels ({@code pos} the positive column), else multinomial or one-vs-rest.
   */
  DistilledModel train(List<LlmLabel> kept, LabelSpace space, boolean multi, int pos) {
    int k = space.size();
    boolean binary = !multi && k == 2;
    List<float[]> rowsKept = new ArrayList<>(kept.size());
    for (LlmLabel l : kept) {
      rowsKept.add(l.row(space));
    }
    float[][] x = embedder.embed(kept.stream().map(LlmLabel::text).toList());
    int d = embedder.dimension();
    int n = kept.size();
    // one-hot labels (no log-probabilities) carry no confidence: weighted at the mean of the
    // calibrated labels' probability (1 when there are none), as hard labels
    double calibrated = kept.stream().filter(l -> !l.oneHot()).mapToDouble(LlmLabel::probability)
        .average().orElse(1.0);
    float oneHotWeight = (float) calibrated;
    DistilledModel model;
    if (binary) {
      float[] y = new float[n];
      float[] w = new float[n];
      for (int i = 0; i < n; i++) {
        LlmLabel l = kept.get(i);
        float[] r = rowsKept.get(i);
        boolean isPos = l.labels().get(0).equals(space.name(pos));
        double sum = r[0] + r[1];
        y[i] = weighting == Weighting.SOFT && sum > 0 && !l.oneHot() ? (float) (r[pos] / sum)
            : isPos ? 1f : 0f;
        w[i] = weighting != Weighting.CONFIDENCE ? 1f
            : l.oneHot() ? oneHotWeight : (float) l.probability();
      }
      LogisticFit f = regression.fitBinary(DenseFeatures.of(x, d), y, w);
      warn(f);
      model = new DistilledModel(space, false, embedder, DistilledModel.Kind.BINARY, pos, f.model());
    } else if (!multi) {
      int[] y = new int[n];
      float[] w = new float[n];
      for (int i = 0; i < n; i++) {
        y[i] = space.requireIndex(kept.get(i).labels().get(0));
        w[i] = weighting == Weighting.NONE ? 1f
            : kept.get(i).oneHot() ? oneHotWeight : (float) kept.get(i).probability();
      }
      LogisticFit f =
          regression.fitMultinomial(DenseFeatures.of(x, d), y, k, w);
      warn(f);
      model = new DistilledModel(space, false, embedder, DistilledModel.Kind.MULTINOMIAL, -1,
          f.model());
    } else {
      float[] weights = new float[k * d];
      float[] intercepts = new float[k];
      DenseFeatures fx = DenseFeatures.of(x, d);
      for (int j = 0; j < k; j++) {
        float[] y = new float[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
          float s = rowsKept.get(i)[j];
          boolean on = kept.get(i).labels().contains(space.name(j));
          boolean hard = kept.get(i).oneHot();
          y[i] = weighting == Weighting.SOFT && !hard ? s : on ? 1f : 0f;
          w[i] = weighting != Weighting.CONFIDENCE ? 1f : hard ? oneHotWeight
              : (on ? s : 1f - s);
        }
        LogisticFit f = regression.fitBinary(fx, y, w);
        warn(f);
        System.arraycopy(f.model().weights(), 0, weights, j * d, d);
        intercepts[j] = f.model().intercept();
      }
      LogisticModel head = LogisticModel.oneVsRest(k, d, weights, intercepts);
      model = new DistilledModel(space, true, embedder, DistilledModel.Kind.ONE_VS_REST, -1, head);
    }
    return model;
  }

  private static void warn(LogisticFit f) {
    if (!f.converged()) {
      LOG.warn("logistic regression stopped before converging ({} iterations)",
          f.totalIterations());
    }
  }

  /**
   * The binary rule: the positive label when its score is at least {@code t}, else the other
   * label. The other label's score is {@code 1f − p}, so its threshold is the next float above
   * {@code 1f − t}: exactly one label is chosen except at float ties (then none).
   */
  static DecisionRule binaryRule(LabelSpace space, int pos, double t) {
    float tf = (float) t;
    double other = Math.min(1.0, Math.nextUp(1f - tf));
    Map<String, Double> th = new LinkedHashMap<>();
    th.put(space.name(pos), (double) tf);
    th.put(space.name(1 - pos), other);
    return new DecisionRules.PerLabelThresholds(th, 1.0, 1);
  }

  int positiveIndex(LabelSpace space) {
    if (positiveLabel.isPresent()) {
      return space.indexOf(positiveLabel.get()).orElseThrow(() -> new IllegalArgumentException(
          "the positive label '" + positiveLabel.get() + "' is not among the labels "
              + space.names()));
    }
    int found = -1;
    for (int j = 0; j < space.size(); j++) {
      String nm = space.name(j).toLowerCase(Locale.ROOT);
      if (Set.of("yes", "true", "1", "positive", "pos").contains(nm)) {
        if (found >= 0) {
          found = -2;
        } else if (found == -1) {
          found = j;
        }
      }
    }
    return found >= 0 ? found : space.size() - 1;
  }

  /** The threshold of the curve point meeting the target with the best other metric. */
  static Optional<Double> choose(ThresholdCurve c, Target t) {
    int best = -1;
    for (int i = 0; i < c.size(); i++) {
      boolean ok = t.kind() == Target.Kind.PRECISION ? c.precision(i) >= t.value()
          : c.recall(i) >= t.value();
      if (!ok) {
        continue;
      }
      if (best < 0) {
        best = i;
        continue;
      }
      double a = t.kind() == Target.Kind.PRECISION ? c.recall(i) : c.precision(i);
      double b = t.kind() == Target.Kind.PRECISION ? c.recall(best) : c.precision(best);
      double a2 = t.kind() == Target.Kind.PRECISION ? c.precision(i) : c.recall(i);
      double b2 = t.kind() == Target.Kind.PRECISION ? c.precision(best) : c.recall(best);
      if (a > b || (a == b && a2 > b2)) {
        best = i;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(c.threshold(best));
  }

  static double best(ThresholdCurve c, Target t) {
    double m = 0;
    for (int i = 0; i < c.size(); i++) {
      m = Math.max(m, t.kind() == Target.Kind.PRECISION ? c.precision(i) : c.recall(i));
    }
    return m;
  }

  static final double[] TRADE_OFF_PRECISIONS = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99};

  static List<DistillReport.TradeOff> tradeOffs(ThresholdCurve c) {
    List<DistillReport.TradeOff> out = new ArrayList<>();
    for (double p : TRADE_OFF_PRECISIONS) {
      Optional<Double> t = choose(c, Target.precision(p));
      Optional<Double> r = Optional.empty();
      if (t.isPresent()) {
        for (int i = 0; i < c.size(); i++) {
          if (c.threshold(i) == t.get()) {
            r = Optional.of(c.recall(i));
            break;
          }
        }
      }
      out.add(new DistillReport.TradeOff(p, r, t));
    }
    return out;
  }

  static List<DistillReport.CurvePoint> curvePoints(ThresholdCurve c) {
    List<DistillReport.CurvePoint> out = new ArrayList<>();
    int n = c.size();
    int step = Math.max(1, (int) Math.ceil(n / (double) MAX_CURVE_POINTS));
    for (int i = 0; i < n; i += step) {
      out.add(new DistillReport.CurvePoint(c.threshold(i), c.precision(i), c.recall(i)));
    }
    if (n > 0 && (n - 1) % step != 0) {
      out.add(new DistillReport.CurvePoint(c.threshold(n - 1), c.precision(n - 1),
          c.recall(n - 1)));
    }
    return out;
  }

  static void checkLabels(String what, Dataset d, LabelSpace space) {
    for (Example e : d.examples()) {
      for (String l : e.labels()) {
        if (!space.contains(l)) {
          throw new IllegalArgumentException("the " + what + " label '" + l + "' (id '"
              + e.document().id() + "') is not among the LLM's labels " + space.names());
        }
      }
    }
  }

  /** Single-label: the examples with exactly one label; multi-label: all. */
  static Dataset usable(Dataset d, LabelSpace space, boolean multi) {
    List<Example> ex = new ArrayList<>();
    for (Example e : d.examples()) {
      if (multi || e.labels().size() == 1) {
        ex.add(e);
      }
    }
    return new Dataset(space, ex, multi);
  }

  /** Options; defaults: default logistic regression, soft targets, no minimum, no target. */
  public static final class Builder {
    private final TextEmbedder embedder;
    private LogisticRegression regression = LogisticRegression.defaults();
    private Weighting weighting = Weighting.SOFT;
    private double minConfidence;
    private Optional<Target> target = Optional.empty();
    private Optional<String> positiveLabel = Optional.empty();
    private Bootstrap bootstrap = Bootstrap.of(42);
    private boolean dropOverlap = true;
    private Optional<Boolean> multiLabel = Optional.empty();

    private Builder(TextEmbedder embedder) {
      this.embedder = embedder;
    }

    public Builder regression(LogisticRegression r) {
      this.regression = Objects.requireNonNull(r);
      return this;
    }

    public Builder weighting(Weighting w) {
      this.weighting = Objects.requireNonNull(w);
      return this;
    }

    /** Leave out LLM labels whose probability is below this. */
    public Builder minConfidence(double c) {
      if (!(c >= 0 && c <= 1)) {
        throw new IllegalArgumentException("minimum confidence must be in [0,1], got " + c);
      }
      this.minConfidence = c;
      return this;
    }

    public Builder target(Target t) {
      this.target = Optional.of(t);
      return this;
    }

    /** The positive label of a binary task (default: yes/true/1/positive if one is, else the last). */
    public Builder positiveLabel(String label) {
      this.positiveLabel = Optional.of(label);
      return this;
    }

    public Builder bootstrap(Bootstrap b) {
      this.bootstrap = Objects.requireNonNull(b);
      return this;
    }

    /** Whether to leave out training documents also in the audit or test data (default true). */
    public Builder dropOverlap(boolean drop) {
      this.dropOverlap = drop;
      return this;
    }

    /**
     * Whether the task is multi-label (default: when an LLM label or an audited document has
     * several labels).
     */
    public Builder multiLabel(boolean multi) {
      this.multiLabel = Optional.of(multi);
      return this;
    }

    public Distiller build() {
      return new Distiller(this);
    }
  }
}
