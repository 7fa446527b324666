package org.classify4j.onnx.nli;

import org.classify4j.classify.Classifier;
import org.classify4j.testkit.ClassifierContract;

/**
 * nli-zero-shot keeps the estimator contract on the tiny random cross-encoder. Its weights are
 * random, so it cannot beat chance on the topics fixture: the accuracy floor is 0 here, while
 * {@link NliFidelityTest} pins the scores to the pipeline's.
 */
class NliZeroShotContractTest extends ClassifierContract {
  @Override
  protected Classifier spec(long seed) {
    return NliZeroShotClassifier.of(closeAfter(NliCrossEncoder.open(TinyNli.dir(TinyNli.BERT))));
  }

  @Override
  protected double tolerance() {
    return 1e-5; // padding to the batch's longest pair moves logits at the 1e-6 level
  }

  @Override
  protected double minimumAccuracy() {
    return 0.0;
  }
}
