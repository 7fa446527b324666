package org.classify4j.embed;

import org.classify4j.classify.Classifier;

/** Centroid prototypes pass the estimator contract. */
class CentroidContractTest extends EmbeddingContract {
  CentroidContractTest() {
    super(false, 0.8);
  }

  @Override
  protected Classifier spec(long seed) {
    return CentroidClassifier.of(embedder);
  }
}
