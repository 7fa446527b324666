package org.classify4j.linear;

/** How examples are weighted by their class in the loss. */
public enum ClassWeighting {
  /** Every example counts once (times its sample weight). */
  NONE,
  /**
   * Examples of class c count {@code n / (k * n_c)} times, as scikit-learn's
   * {@code class_weight="balanced"}: rare classes weigh as much as frequent ones in total. For a
   * binary problem (and each problem of one-vs-rest) k = 2 and the classes are positive and
   * negative; with soft targets n_c is the total target mass of the class.
   */
  BALANCED
}
