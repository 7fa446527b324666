package org.classify4j.selective;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metrics;
import org.classify4j.eval.RiskCoverageCurve;
import org.classify4j.select.TunedRule;

/**
 * Abstention tuned for a target coverage (selective classification): on validation scores, the
 * highest confidence threshold t such that answering only documents whose top score is ≥ t still
 * answers at least the target fraction; the rule is argmax that abstains below t. Higher
 * thresholds answer fewer documents at lower risk (error rate among the answered), so this is the
 * least risky rule that keeps the coverage. Single-label data.
 */
public final class CoverageTuning {
  private CoverageTuning() {}

  /** One point of a risk–coverage curve. */
  public record Point(double threshold, double coverage, double risk) {}

  /**
   * The abstaining rule for {@code targetCoverage} in (0, 1], tuned on {@code validation}.
   * Details: threshold, coverage and risk on validation.
   */
  public static TunedRule forCoverage(EvalData validation, double targetCoverage) {
    if (!(targetCoverage > 0 && targetCoverage <= 1)) {
      throw new IllegalArgumentException("target coverage must be in (0, 1], got " + targetCoverage);
    }
    if (validation.multiLabel()) {
      throw new IllegalArgumentException("coverage tuning is for single-label data");
    }
    RiskCoverageCurve c = RiskCoverageCurve.of(validation);
    int best = -1;
    for (int i = 0; i < c.size(); i++) {
      if (c.coverage(i) >= targetCoverage
          && (best < 0 || c.threshold(i) > c.threshold(best))) {
        best = i;
      }
    }
    double t = best < 0 ? 0.0 : c.threshold(best);
    DecisionRule rule = new DecisionRules.Abstain(DecisionRule.argmax(), t, 0.0);
    EvalData applied = validation.withRule(rule);
    Map<String, Double> details = new LinkedHashMap<>();
    details.put("threshold", t);
    details.put("coverage", Metrics.coverage(applied));
    details.put("risk", 1 - Metrics.accuracyOnCovered(applied));
    details.put("target_coverage", targetCoverage);
    return new TunedRule(rule, "coverage", Metrics.coverage(applied), details);
  }

  /** The curve at the given coverages (the point of each with the smallest coverage ≥ it). */
  public static List<Point> curve(EvalData d, double... coverages) {
    RiskCoverageCurve c = RiskCoverageCurve.of(d);
    List<Point> out = new ArrayList<>();
    for (double target : coverages) {
      int best = -1;
      for (int i = 0; i < c.size(); i++) {
        if (c.coverage(i) >= target && (best < 0 || c.coverage(i) < c.coverage(best))) {
          best = i;
        }
      }
      if (best >= 0) {
        out.add(new Point(c.threshold(best), c.coverage(best), c.risk(best)));
      }
    }
    return out;
  }
}
