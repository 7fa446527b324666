package org.classify4j.embed;

import org.classify4j.classify.Classifier;

/** Zero-shot multi-label (Platt-calibrated, an unused label, unlabelled documents) passes the contract. */
class ZeroShotMultiLabelContractTest extends EmbeddingContract {
  ZeroShotMultiLabelContractTest() {
    super(true, 0.5);
  }

  @Override
  protected Classifier spec(long seed) {
    return ZeroShotClassifier.of(embedder);
  }
}
