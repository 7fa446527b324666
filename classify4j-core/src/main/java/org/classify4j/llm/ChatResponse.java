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

  /**
   * This answer with every occurrence of {@code secret} (an API key) in its text and tokens
   * replaced by {@code ***}; this answer itself when there is nothing to mask.
   */
  public ChatResponse masking(String secret) {
    if (secret == null || secret.isBlank()) {
      return this;
    }
    String key = secret.strip();
    boolean found = text.contains(key);
    for (TokenLogprob t : logprobs) {
      found |= t.token().contains(key);
    }
    if (!found) {
      return this;
    }
    List<TokenLogprob> lps = new java.util.ArrayList<>(logprobs.size());
    for (TokenLogprob t : logprobs) {
      List<TokenLogprob.Alternative> top = new java.util.ArrayList<>();
      for (TokenLogprob.Alternative a : t.top()) {
        top.add(new TokenLogprob.Alternative(a.token().replace(key, "***"), a.logprob()));
      }
      lps.add(new TokenLogprob(t.token().replace(key, "***"), t.logprob(), top));
    }
    return new ChatResponse(text.replace(key, "***"), lps, usage, finishReason);
  }
}
