package org.classify4j.embed;

import org.classify4j.classify.Classifier;

/** Zero-shot (single-label, temperature fitted on the examples) passes the estimator contract. */
class ZeroShotContractTest extends EmbeddingContract {
  ZeroShotContractTest() {
    super(false, 0.5);
  }

  @Override
  protected Classifier spec(long seed) {
    return ZeroShotClassifier.of(embedder);
  }
}
