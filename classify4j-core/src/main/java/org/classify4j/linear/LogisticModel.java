package org.classify4j.linear;

/**
 * A fitted linear model with logistic outputs: scores {@code z = x·wᵀ + b} for each of its
 * {@link #outputs()} columns, turned into probabilities by the model's {@link Link}: softmax over
 * the columns (multinomial: a row sums to 1) or a sigmoid per column (one-vs-rest for multi-label,
 * or a binary model with one column). One type for the three: they differ only in the link and
 * the number of columns. Immutable and thread-safe; each row's result does not depend on the other
 * rows of the batch.
 *
 * <p>A class absent from training has intercept −∞ (probability 0); under the sigmoid link a class
 * present in every example has +∞ (probability 1), which softmax forbids.
 */
public final class LogisticModel {

  /** How linear scores become probabilities. */
  public enum Link {
    /** softmax over the columns: one class per row. */
    SOFTMAX,
    /** a sigmoid per column: independent classes, or one binary output. */
    SIGMOID
  }

  private final LinearScores s;
  private final Link link;

  private LogisticModel(LinearScores s, Link link) {
    this.s = s;
    this.link = link;
  }

  /**
   * A multinomial (softmax) model over {@code numClasses} classes from saved arrays: {@code
   * weights} row-major numClasses×dim, one intercept per class (arrays are copied).
   */
  public static LogisticModel multinomial(int numClasses, int dim, float[] weights,
      float[] intercepts) {
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
    return new LogisticModel(new LinearScores(numClasses, dim, weights, intercepts, true),
        Link.SOFTMAX);
  }

  /** One independent sigmoid per class (one-vs-rest), from saved arrays (copied). */
  public static LogisticModel oneVsRest(int numClasses, int dim, float[] weights,
      float[] intercepts) {
    return new LogisticModel(new LinearScores(numClasses, dim, weights, intercepts, true),
        Link.SIGMOID);
  }

  /** A binary model, P(positive | x) = sigmoid(x·w + b), from saved values (copied). */
  public static LogisticModel binary(int dim, float[] weights, float intercept) {
    return new LogisticModel(new LinearScores(1, dim, weights, new float[] {intercept}, true),
        Link.SIGMOID);
  }

  public Link link() {
    return link;
  }

  /** Number of features. */
  public int dim() {
    return s.d;
  }

  /** Number of output columns: k classes, or 1 for a binary model. */
  public int outputs() {
    return s.k;
  }

  /** The weights, row-major outputs×dim (a copy). */
  public float[] weights() {
    return s.weights.clone();
  }

  /** The intercepts, one per output (a copy); infinite for classes absent (or always present). */
  public float[] intercepts() {
    return s.intercepts.clone();
  }

  /** The first output's intercept (a binary model's only one). */
  public float intercept() {
    return s.intercepts[0];
  }

  /** The linear scores, row-major n×outputs. */
  public float[] decisionFunction(FeatureMatrix x) {
    return s.decisionFunction(x);
  }

  /** The probabilities, row-major n×outputs, each in [0,1]. */
  public float[] probabilities(FeatureMatrix x) {
    return link == Link.SOFTMAX ? s.softmax(x) : s.sigmoid(x);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogisticModel m && m.link == link && m.s.sameAs(s);
  }

  @Override
  public int hashCode() {
    return 31 * s.hash() + link.hashCode();
  }

  @Override
  public String toString() {
    return "LogisticModel[" + link + ", " + s.k + " outputs, " + s.d + " features]";
  }
}
