package org.classify4j.embed;

import org.classify4j.classify.Classifier;

/** Multi-label kNN passes the estimator contract. */
class KnnMultiLabelContractTest extends EmbeddingContract {
  KnnMultiLabelContractTest() {
    super(true, 0.8);
  }

  @Override
  protected Classifier spec(long seed) {
    return new KnnClassifier(embedder, 5, 0.05);
  }
}
