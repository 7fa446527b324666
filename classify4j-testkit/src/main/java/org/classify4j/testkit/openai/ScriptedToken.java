package org.classify4j.testkit.openai;

import java.util.List;

/**
 * One generated token of a scripted answer with its log probability and the alternatives the fake
 * server reports as {@code top_logprobs} (the chosen token should be among them).
 */
public record ScriptedToken(String token, double logprob, List<Alternative> top) {
  public ScriptedToken {
    top = List.copyOf(top);
  }

  /** An alternative at this position. */
  public record Alternative(String token, double logprob) {}

  /** A token generated with certainty and no alternatives. */
  public static ScriptedToken certain(String token) {
    return new ScriptedToken(token, 0.0, List.of(new Alternative(token, 0.0)));
  }
}
