package org.classify4j.onnx.llm;

import java.util.Locale;
import org.classify4j.Classify4jException;

/**
 * What to do when the labels together get less probability than a threshold (the model wanted to
 * say something else): nothing, log a warning, fail, or abstain (an all-zero score row).
 */
public enum LowProbabilityPolicy {
  IGNORE,
  WARN,
  RAISE,
  ABSTAIN;

  public static LowProbabilityPolicy named(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Classify4jException(
          "parameter 'low_prob': expected ignore, warn, raise or abstain, got '" + s + "'");
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
