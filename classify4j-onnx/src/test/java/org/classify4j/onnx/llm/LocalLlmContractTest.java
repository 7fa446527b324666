package org.classify4j.onnx.llm;

import org.classify4j.classify.Classifier;
import org.classify4j.testkit.ClassifierContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** local-llm-few-shot on the tiny GPT-2: the estimator contract. */
class LocalLlmContractTest extends ClassifierContract {
  static DecoderModel decoder;

  @BeforeAll
  static void open() {
    decoder = DecoderModel.open(DecoderModelTest.dir("tiny-gpt2"), 1);
  }

  @AfterAll
  static void close() {
    decoder.close();
  }

  @Override
  protected Classifier spec(long seed) {
    return new LocalLlmClassifier(decoder,
        LocalLlmSettings.fewShotDefaults().withExamples(4, seed));
  }

  @Override
  protected double tolerance() {
    return 1e-5;
  }

  /** Random weights: the scores are exact but carry no meaning, so accuracy is not asked for. */
  @Override
  protected double minimumAccuracy() {
    return 0.0;
  }
}
