package org.classify4j.eval;

import java.util.Arrays;

/**
 * Selective classification: keep the documents whose highest score is ≥ t, and plot the error
 * rate among the kept (risk) against the fraction kept (coverage), for every distinct t. A document
 * is correct when its highest-scored label is gold (multi-label data: top-1 precision); documents
 * without gold labels are left out. {@link #aurc()} is the area under the curve (lower is better).
 */
public final class RiskCoverageCurve {
  private final ThresholdCurve curve;
  private final long docs;

  private RiskCoverageCurve(ThresholdCurve curve) {
    this.curve = curve;
    this.docs = curve.positives();
  }

  public static RiskCoverageCurve of(EvalData d) {
    return new RiskCoverageCurve(ThresholdCurve.topScore(d));
  }

  public int size() {
    return curve.size();
  }

  public double threshold(int i) {
    return curve.threshold(i);
  }

  /** Fraction of documents kept at point i. */
  public double coverage(int i) {
    return LabelStats.ratio(curve.tp(i) + curve.fp(i), docs);
  }

  /** Error rate among the documents kept at point i. */
  public double risk(int i) {
    return 1.0 - curve.precision(i);
  }

  public double[] coverages() {
    double[] o = new double[size()];
    Arrays.setAll(o, this::coverage);
    return o;
  }

  public double[] risks() {
    double[] o = new double[size()];
    Arrays.setAll(o, this::risk);
    return o;
  }

  /** Area under the risk–coverage curve: Σ_i (coverage_i − coverage_{i−1}) · risk_i. */
  public double aurc() {
    double a = 0;
    double prev = 0;
    for (int i = 0; i < size(); i++) {
      a += (coverage(i) - prev) * risk(i);
      prev = coverage(i);
    }
    return a;
  }
}
