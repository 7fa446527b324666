package org.classify4j.linear;

/**
 * A binary logistic model: P(positive | x) = sigmoid(x·w + b). When training had only one kind
 * of example the intercept is ±∞ and the probability constant 0 or 1.
 */
public final class BinaryLogisticModel implements LogisticModel {
  private final LinearScores s;

  private BinaryLogisticModel(LinearScores s) {
    this.s = s;
  }

  /** Rebuilds a model from saved values (the array is copied). */
  public static BinaryLogisticModel of(int dim, float[] weights, float intercept) {
    return new BinaryLogisticModel(new LinearScores(1, dim, weights, new float[] {intercept}, true));
  }

  @Override
  public int dim() {
    return s.d;
  }

  @Override
  public int outputs() {
    return 1;
  }

  @Override
  public float[] weights() {
    return s.weights.clone();
  }

  @Override
  public float[] intercepts() {
    return s.intercepts.clone();
  }

  public float intercept() {
    return s.intercepts[0];
  }

  /** One linear score per row. */
  @Override
  public float[] decisionFunction(FeatureMatrix x) {
    return s.decisionFunction(x);
  }

  /** P(positive) per row. */
  @Override
  public float[] probabilities(FeatureMatrix x) {
    return s.sigmoid(x);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryLogisticModel m && m.s.sameAs(s);
  }

  @Override
  public int hashCode() {
    return s.hash();
  }

  @Override
  public String toString() {
    return "BinaryLogisticModel[" + s.d + " features]";
  }
}
