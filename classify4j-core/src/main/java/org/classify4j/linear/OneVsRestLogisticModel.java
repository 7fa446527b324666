package org.classify4j.linear;

/**
 * One independent logistic model per class (one-vs-rest): probability of each class on its own,
 * for multi-label data. A class never (always) present in training has intercept -∞ (+∞) and
 * probability 0 (1).
 */
public final class OneVsRestLogisticModel implements LogisticModel {
  private final LinearScores s;

  private OneVsRestLogisticModel(LinearScores s) {
    this.s = s;
  }

  /**
   * Rebuilds a model from saved arrays: {@code weights} row-major numClasses×dim, one intercept per
   * class (arrays are copied).
   */
  public static OneVsRestLogisticModel of(int numClasses, int dim, float[] weights, float[] intercepts) {
    return new OneVsRestLogisticModel(new LinearScores(numClasses, dim, weights, intercepts, true));
  }

  public int numClasses() {
    return s.k;
  }

  @Override
  public int dim() {
    return s.d;
  }

  @Override
  public int outputs() {
    return s.k;
  }

  @Override
  public float[] weights() {
    return s.weights.clone();
  }

  @Override
  public float[] intercepts() {
    return s.intercepts.clone();
  }

  @Override
  public float[] decisionFunction(FeatureMatrix x) {
    return s.decisionFunction(x);
  }

  @Override
  public float[] probabilities(FeatureMatrix x) {
    return s.sigmoid(x);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OneVsRestLogisticModel m && m.s.sameAs(s);
  }

  @Override
  public int hashCode() {
    return s.hash();
  }

  @Override
  public String toString() {
    return "OneVsRestLogisticModel[" + s.k + " classes, " + s.d + " features]";
  }
}
