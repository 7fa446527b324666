package org.classify4j.linear;

/**
 * A fitted linear model with logistic outputs: scores {@code z = x·wᵀ + b} for each of its
 * {@link #outputs()} columns, turned into probabilities by softmax ({@link
 * MultinomialLogisticModel}) or by a sigmoid per column ({@link BinaryLogisticModel}, {@link
 * OneVsRestLogisticModel}). Immutable and thread-safe; each row's result does not depend on the
 * other rows of the batch.
 */
public sealed interface LogisticModel
    permits MultinomialLogisticModel, BinaryLogisticModel, OneVsRestLogisticModel {

  /** Number of features. */
  int dim();

  /** Number of output columns: k classes, or 1 for a binary model. */
  int outputs();

  /** The weights, row-major outputs×dim (a copy). */
  float[] weights();

  /** The intercepts, one per output (a copy); infinite for classes absent from training. */
  float[] intercepts();

  /** The linear scores, row-major n×outputs. */
  float[] decisionFunction(FeatureMatrix x);

  /** The probabilities, row-major n×outputs, each in [0,1]. */
  float[] probabilities(FeatureMatrix x);
}
