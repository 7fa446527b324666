package org.classify4j.embed;

import java.util.List;
import org.classify4j.classify.Classifier;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.HashingEmbedder;

/** The SetFit-style adapter + linear head passes the estimator contract (save/load included). */
class SetFitContractTest extends EmbeddingContract {
  SetFitContractTest() {
    super(false, 0.8);
  }

  /** 256 dimensions, not the contract's 1024: the adapter is d × d, and the contract fits many times. */
  private final HashingEmbedder small = new HashingEmbedder(256);

  @Override
  protected LoadContext loadContext() {
    return LoadContext.standard().with(small);
  }

  @Override
  protected Classifier spec(long seed) {
    return new SetFitClassifier(small, LogisticRegression.defaults(), List.of(), false, 5, 1,
        SetFitClassifier.DEFAULT_LEARNING_RATE, 0.0, SetFitClassifier.DEFAULT_BATCH,
        SetFitClassifier.DEFAULT_MAX_PAIRS, false, seed);
  }
}
