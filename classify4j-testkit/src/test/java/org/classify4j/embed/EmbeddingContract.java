package org.classify4j.embed;

import org.classify4j.data.Dataset;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.ClassifierContract;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;

/**
 * The estimator contract for an embedding classifier over the test embedder, single-label
 * (topics) or multi-label (topics with mixed, unlabelled documents and an unused label).
 */
abstract class EmbeddingContract extends ClassifierContract {
  protected final HashingEmbedder embedder = new HashingEmbedder(1024);
  private final boolean multiLabel;
  private final double minimumAccuracy;

  EmbeddingContract(boolean multiLabel, double minimumAccuracy) {
    this.multiLabel = multiLabel;
    this.minimumAccuracy = minimumAccuracy;
  }

  @Override
  protected Dataset trainData() {
    return multiLabel ? Fixtures.topicsMultiLabel() : Fixtures.topics();
  }

  @Override
  protected LoadContext loadContext() {
    return LoadContext.standard().with(embedder);
  }

  @Override
  protected double minimumAccuracy() {
    return minimumAccuracy;
  }
}
