package org.classify4j.onnx.llm;

import org.classify4j.Classify4jException;

/** The labels' total probability for a text is below the threshold and the policy is raise. */
public final class LowProbabilityException extends Classify4jException {
  public LowProbabilityException(String message) {
    super(message);
  }
}
