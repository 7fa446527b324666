package org.classify4j.embed;

import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.persist.LoadContext;
import org.classify4j.testkit.ClassifierContract;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;

/** Multi-label The linear head passes the estimator contract. */
class LinearMultiLabelContractTest extends ClassifierContract {
  private final HashingEmbedder embedder = new HashingEmbedder(256);

  @Override
  protected Classifier spec(long seed) {
    return LinearHeadClassifier.of(embedder);
  }

  @Override
  protected Dataset trainData() {
    return Fixtures.topicsMultiLabel();
  }

  @Override
  protected LoadContext loadContext() {
    return new LoadContext().with(embedder);
  }

  @Override
  protected double minimumAccuracy() {
    return 0.8;
  }
}
