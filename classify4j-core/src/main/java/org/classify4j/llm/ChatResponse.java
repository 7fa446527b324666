package org.classify4j.llm;

import java.util.List;
import java.util.Objects;

/**
 * A chat model's answer.
 *
 * @param text the generated text
 * @param logprobs per generated token, in order (empty when not asked for or not supported)
 * @param usage the tokens the call used
 * @param finishReason why generation stopped as the server says it ({@code stop}, {@code length},
 *     ...; "" when unknown)
 */
public record ChatResponse(
    String text, List<TokenLogprob> logprobs, Usage usage, String finishReason) {
  public ChatResponse {
    Objects.requireNonNull(text, "text");
    logprobs = List.copyOf(logprobs);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(finishReason, "finishReason");
  }

  public boolean hasLogprobs() {
    return !logprobs.isEmpty();
  }
}
