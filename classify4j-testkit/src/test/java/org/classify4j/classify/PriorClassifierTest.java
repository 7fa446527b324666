package org.classify4j.classify;

import org.classify4j.baseline.PriorClassifier;

import org.classify4j.testkit.ClassifierContract;

/** The dummy prior passes the contract (it cannot learn the text, so chance is all it must reach). */
class PriorClassifierTest extends ClassifierContract {
  @Override
  protected Classifier spec(long seed) {
    return new PriorClassifier();
  }

  @Override
  protected double minimumAccuracy() {
    return 0.0;
  }
}
