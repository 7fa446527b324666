package org.classify4j.embed;

import org.classify4j.classify.Classifier;

/** kNN passes the estimator contract. */
class KnnContractTest extends EmbeddingContract {
  KnnContractTest() {
    super(false, 0.8);
  }

  @Override
  protected Classifier spec(long seed) {
    return new KnnClassifier(embedder, 5, 0.05);
  }
}
