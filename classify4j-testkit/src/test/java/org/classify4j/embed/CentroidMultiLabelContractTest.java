package org.classify4j.embed;

import org.classify4j.classify.Classifier;

/** Multi-label centroids with the label text mixed in, and a label never seen in training, pass the contract. */
class CentroidMultiLabelContractTest extends EmbeddingContract {
  CentroidMultiLabelContractTest() {
    super(true, 0.8);
  }

  @Override
  protected Classifier spec(long seed) {
    return new CentroidClassifier(embedder, 0.5, true);
  }
}
