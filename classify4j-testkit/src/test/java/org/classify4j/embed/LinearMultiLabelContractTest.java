package org.classify4j.embed;

import org.classify4j.classify.Classifier;

/** The linear head (one-vs-rest) passes the estimator contract. */
class LinearMultiLabelContractTest extends EmbeddingContract {
  LinearMultiLabelContractTest() {
    super(true, 0.8);
  }

  @Override
  protected Classifier spec(long seed) {
    return LinearHeadClassifier.of(embedder);
  }
}
