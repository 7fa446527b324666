package org.classify4j.cascade;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.select.Fold;
import org.classify4j.select.TrainValidationSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cheap model first, a costly one for the texts it is unsure about. Stage 1 is a method to fit
 * or an already fitted model (with its decision rule); stage 2 likewise (usually an LLM
 * classifier). Which texts go on is decided by stage 1's {@link Route} confidence against a
 * threshold that is either given or tuned on a validation split of the training data:
 *
 * <ul>
 *   <li>{@code targetShare} q: the threshold sends about a share q of the validation texts on (it
 *       needs only stage 1's scores);
 *   <li>{@code targetAccuracy} a: stage 2 scores every validation text once, and the threshold is
 *       the one that sends the fewest texts on while the cascade's validation accuracy (multi-label:
 *       mean per-text F1) reaches a — or, when no threshold does, the most accurate one.
 * </ul>
 *
 * <p>After tuning, a stage-1 method is fitted again on all the training data ({@code refit}); a
 * fitted stage is used as it is.
 */
public final class CascadeClassifier implements Classifier {
  private static final Logger LOG = LoggerFactory.getLogger(CascadeClassifier.class);

  /** A stage: a method to fit, or a model fitted before with its rule. */
  public sealed interface Stage {
    /** Fits on {@code data} (a fitted stage ignores it). */
    ClassifierModel fit(Dataset data);

    /** The rule that decides this stage's rows. */
    DecisionRule rule(ClassifierModel fitted);

    /** Provenance: the method, or where the model came from. */
    String describe();
  }

  /** A method fitted with the cascade. */
  public record FitStage(Classifier classifier) implements Stage {
    public FitStage {
      Objects.requireNonNull(classifier, "classifier");
    }

    @Override
    public ClassifierModel fit(Dataset data) {
      return classifier.fit(data);
    }

    @Override
    public DecisionRule rule(ClassifierModel fitted) {
      return fitted.defaultRule();
    }

    @Override
    public String describe() {
      return classifier.method();
    }
  }

  /** A model fitted before (for example loaded from a directory) and its decision rule. */
  public record FittedStage(ClassifierModel model, DecisionRule decisionRule, String source)
      implements Stage {
    public FittedStage {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(decisionRule, "decisionRule");
      Objects.requireNonNull(source, "source");
    }

    @Override
    public ClassifierModel fit(Dataset data) {
      return model;
    }

    @Override
    public DecisionRule rule(ClassifierModel fitted) {
      return decisionRule;
    }

    @Override
    public String describe() {
      return source;
    }
  }

  private final Stage stage1;
  private final Stage stage2;
  private final Route route;
  private final OptionalDouble threshold;
  private final OptionalDouble targetShare;
  private final OptionalDouble targetAccuracy;
  private final double validation;
  private final long seed;
  private final boolean refit;

  private CascadeClassifier(Builder b) {
    this.stage1 = Objects.requireNonNull(b.stage1, "stage1");
    this.stage2 = Objects.requireNonNull(b.stage2, "stage2");
    this.route = b.route;
    this.threshold = b.threshold;
    this.targetShare = b.targetShare;
    this.targetAccuracy = b.targetAccuracy;
    this.validation = b.validation;
    this.seed = b.seed;
    this.refit = b.refit;
    int given = (threshold.isPresent() ? 1 : 0) + (targetShare.isPresent() ? 1 : 0)
        + (targetAccuracy.isPresent() ? 1 : 0);
    if (given > 1) {
      throw new IllegalArgumentException(
          "give one of threshold, target_share and target_accuracy, not several");
    }
  }

  public static Builder builder(Stage stage1, Stage stage2) {
    return new Builder(stage1, stage2);
  }

  @Override
  public String method() {
    return CascadeModel.TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("stage1", stage1.describe());
    p.put("stage2", stage2.describe());
    p.put("route", route.paramName());
    threshold.ifPresent(t -> p.put("threshold", t));
    targetShare.ifPresent(t -> p.put("target_share", t));
    targetAccuracy.ifPresent(t -> p.put("target_accuracy", t));
    p.put("validation", validation);
    p.put("seed", seed);
    p.put("refit", refit);
    return p;
  }

  @Override
  public CascadeModel fit(Dataset train) {
    if (route == Route.ABSTAIN || threshold.isPresent()) {
      double t = route == Route.ABSTAIN ? 0.5 : threshold.getAsDouble();
      ClassifierModel m1 = stage1.fit(train);
      ClassifierModel m2 = stage2.fit(train);
      return new CascadeModel(m1, stage1.rule(m1), m2, stage2.rule(m2), route, t, Map.of());
    }
    Fold fold = new TrainValidationSplit(validation, seed).fold(train);
    Dataset fitPart = train.subset(fold.train());
    Dataset val = train.subset(fold.test());
    ClassifierModel m1v = stage1.fit(fitPart);
    DecisionRule r1v = stage1.rule(m1v);
    ScoreMatrix s1 = m1v.predictProba(val.documents());
    int n = val.size();
    double[] conf = new double[n];
    double[] right1 = new double[n];
    for (int i = 0; i < n; i++) {
      conf[i] = route.confidence(s1, i, train.multiLabel(), r1v);
      right1[i] = correctness(r1v.decide(s1, i), val, i);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(conf[a], conf[b]));
    Map<String, Object> tuning = new LinkedHashMap<>();
    tuning.put("validation_texts", n);
    tuning.put("stage1_accuracy", mean(right1));
    int sendOn;
    if (targetAccuracy.isPresent()) {
      ClassifierModel m2v = stage2.fit(fitPart);
      DecisionRule r2v = stage2.rule(m2v);
      ScoreMatrix s2 = m2v.predictProba(val.documents());
      double[] right2 = new double[n];
      for (int i = 0; i < n; i++) {
        right2[i] = correctness(r2v.decide(s2, i), val, i);
      }
      tuning.put("stage2_accuracy", mean(right2));
      double target = targetAccuracy.getAsDouble();
      // sending the c least confident texts on: accuracy(c) = (Σ_{<c} right2 + Σ_{≥c} right1) / n
      double base = 0;
      for (double r : right1) {
        base += r;
      }
      double acc = base;
      int best = 0;
      double bestAcc = base;
      int reached = base / n >= target ? 0 : -1;
      for (int c = 1; c <= n && reached < 0; c++) {
        int i = order[c - 1];
        acc += right2[i] - right1[i];
        if (acc > bestAcc + 1e-12) {
          bestAcc = acc;
          best = c;
        }
        if (acc / n >= target - 1e-12) {
          reached = c;
        }
      }
      if (reached < 0) {
        LOG.warn("cascade: no threshold reaches validation accuracy {} (best {}, sending {} of {}"
            + " texts on); using the best", target, bestAcc / n, best, n);
      }
      sendOn = reached >= 0 ? reached : best;
      tuning.put("target_accuracy", target);
      tuning.put("target_reached", reached >= 0 ? "yes" : "no");
    } else {
      double q = targetShare.orElse(DEFAULT_TARGET_SHARE);
      sendOn = (int) Math.ceil(q * n - 1e-9);
      tuning.put("target_share", q);
    }
    double t = sendOn >= n ? 2.0 : conf[order[sendOn]];
    int sent = 0;
    for (int i = 0; i < n; i++) {
      sent += conf[i] < t ? 1 : 0;
    }
    tuning.put("threshold", t);
    tuning.put("validation_share_sent_on", n == 0 ? 0.0 : (double) sent / n);
    LOG.info("cascade: threshold {} on stage-1 {} sends {} of {} validation texts on", t,
        route.paramName(), sent, n);
    ClassifierModel m1 = refit && stage1 instanceof FitStage ? stage1.fit(train) : m1v;
    ClassifierModel m2 = stage2.fit(train);
    return new CascadeModel(m1, stage1.rule(m1), m2, stage2.rule(m2), route, t, tuning);
  }

  /** The default when neither a threshold nor a target is given. */
  public static final double DEFAULT_TARGET_SHARE = 0.3;

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? 0 : s / v.length;
  }

  /** 1 when the decision is the gold label (single-label); the per-text F1 (multi-label). */
  static double correctness(Prediction p, Dataset val, int i) {
    List<String> gold = val.get(i).labels();
    List<String> got = p.labelNames();
    if (!val.multiLabel()) {
      return !p.abstained() && got.size() == 1 && gold.contains(got.get(0)) ? 1.0 : 0.0;
    }
    if (gold.isEmpty() && got.isEmpty()) {
      return 1.0;
    }
    int both = 0;
    for (String g : got) {
      both += gold.contains(g) ? 1 : 0;
    }
    return 2.0 * both / (gold.size() + got.size());
  }

  /** Options; defaults: route margin, target share 0.3, validation 0.2, seed 42, refit. */
  public static final class Builder {
    private final Stage stage1;
    private final Stage stage2;
    private Route route = Route.MARGIN;
    private OptionalDouble threshold = OptionalDouble.empty();
    private OptionalDouble targetShare = OptionalDouble.empty();
    private OptionalDouble targetAccuracy = OptionalDouble.empty();
    private double validation = 0.2;
    private long seed = 42;
    private boolean refit = true;

    private Builder(Stage stage1, Stage stage2) {
      this.stage1 = stage1;
      this.stage2 = stage2;
    }

    public Builder route(Route route) {
      this.route = Objects.requireNonNull(route);
      return this;
    }

    /** A fixed threshold: no tuning. */
    public Builder threshold(double t) {
      this.threshold = OptionalDouble.of(t);
      return this;
    }

    public Builder targetShare(double q) {
      if (!(q >= 0 && q <= 1)) {
        throw new IllegalArgumentException("target_share must be in [0,1], got " + q);
      }
      this.targetShare = OptionalDouble.of(q);
      return this;
    }

    public Builder targetAccuracy(double a) {
      if (!(a > 0 && a <= 1)) {
        throw new IllegalArgumentException("target_accuracy must be in (0,1], got " + a);
      }
      this.targetAccuracy = OptionalDouble.of(a);
      return this;
    }

    public Builder validation(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("validation must be in (0,1), got " + fraction);
      }
      this.validation = fraction;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Fit a stage-1 method again on all the training data after tuning (default true). */
    public Builder refit(boolean refit) {
      this.refit = refit;
      return this;
    }

    public CascadeClassifier build() {
      return new CascadeClassifier(this);
    }
  }
}
