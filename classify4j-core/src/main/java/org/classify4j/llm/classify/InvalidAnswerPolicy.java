package org.classify4j.llm.classify;

import java.util.Objects;

/**
 * What to do when the model's answer names no valid option (possible only without logprobs, or
 * when no option code is among the top alternatives): fail, abstain (an all-zero score row), or
 * give a fixed label chosen in advance. Never a random label.
 *
 * @param kind the policy
 * @param label the fixed label's name (FIXED_LABEL only; "" otherwise)
 */
public record InvalidAnswerPolicy(Kind kind, String label) {

  public enum Kind {
    FAIL,
    ABSTAIN,
    FIXED_LABEL
  }

  public InvalidAnswerPolicy {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    if ((kind == Kind.FIXED_LABEL) == label.isEmpty()) {
      throw new IllegalArgumentException("a fixed label is given exactly with FIXED_LABEL");
    }
  }

  public static InvalidAnswerPolicy fail() {
    return new InvalidAnswerPolicy(Kind.FAIL, "");
  }

  public static InvalidAnswerPolicy abstain() {
    return new InvalidAnswerPolicy(Kind.ABSTAIN, "");
  }

  public static InvalidAnswerPolicy fixedLabel(String label) {
    return new InvalidAnswerPolicy(Kind.FIXED_LABEL, label);
  }
}
