package org.classify4j.embed;

import org.classify4j.classify.Classifier;

/** The linear head (multinomial) passes the estimator contract. */
class LinearContractTest extends EmbeddingContract {
  LinearContractTest() {
    super(false, 0.8);
  }

  @Override
  protected Classifier spec(long seed) {
    return LinearHeadClassifier.of(embedder);
  }
}
