package org.classify4j.onnx.nli;

import org.classify4j.classify.Classifier;
import org.classify4j.testkit.ClassifierContract;

/** nli-head keeps the estimator contract on the tiny random cross-encoder (DeBERTa-v2). */
class NliHeadContractTest extends ClassifierContract {
  @Override
  protected Classifier spec(long seed) {
    return NliHeadClassifier.of(closeAfter(NliCrossEncoder.open(TinyNli.dir(TinyNli.DEBERTA))));
  }

  @Override
  protected double tolerance() {
    return 1e-5;
  }
}
