package org.classify4j.llm;

import java.util.List;
import java.util.Objects;

/**
 * A generated token with its log probability and the most likely alternatives at its position
 * (the chosen token usually among them).
 */
public record TokenLogprob(String token, double logprob, List<Alternative> top) {
  public TokenLogprob {
    Objects.requireNonNull(token, "token");
    top = List.copyOf(top);
  }

  /** An alternative token at a position. */
  public record Alternative(String token, double logprob) {
    public Alternative {
      Objects.requireNonNull(token, "token");
    }

    public double probability() {
      return Math.exp(logprob);
    }
  }

  public double probability() {
    return Math.exp(logprob);
  }

  /** The alternatives, or the chosen token alone when the server gave none. */
  public List<Alternative> alternativesOrChosen() {
    return top.isEmpty() ? List.of(new Alternative(token, logprob)) : top;
  }
}
