package org.classify4j.linear;

/**
 * A multinomial (softmax) logistic regression model over k classes: probabilities of a row sum
 * to 1. A class absent from the training data has intercept -∞ and probability 0.
 */
public final class MultinomialLogisticModel implements LogisticModel {
  private final LinearScores s;

  private MultinomialLogisticModel(LinearScores s) {
    this.s = s;
  }

  /**
   * Rebuilds a model from saved arrays: {@code weights} row-major numClasses×dim, one intercept per
   * class (arrays are copied).
   */
  public static MultinomialLogisticModel of(int numClasses, int dim, float[] weights, float[] intercepts) {
    boolean someFinite = false;
    for (float b : intercepts) {
      if (b == Float.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("an intercept is +infinity");
      }
      someFinite |= Float.isFinite(b);
    }
    if (!someFinite && intercepts.length > 0) {
      throw new IllegalArgumentException("every intercept is -infinity");
    }
    return new MultinomialLogisticModel(new LinearScores(numClasses, dim, weights, intercepts, true));
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
    return s.softmax(x);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultinomialLogisticModel m && m.s.sameAs(s);
  }

  @Override
  public int hashCode() {
    return s.hash();
  }

  @Override
  public String toString() {
    return "MultinomialLogisticModel[" + s.k + " classes, " + s.d + " features]";
  }
}
