package org.classify4j.llm;

/**
 * What a chat model (its server) supports. Classifiers choose their scoring from these: logprobs
 * give real probabilities; without them, a JSON schema (enum) keeps answers valid.
 *
 * @param logprobs per-token log probabilities
 * @param maxTopLogprobs the most alternatives per token (0 when none; OpenAI allows 20)
 * @param jsonSchema {@code response_format} of type {@code json_schema}
 * @param seed a sampling seed
 */
public record ChatCapabilities(
    boolean logprobs, int maxTopLogprobs, boolean jsonSchema, boolean seed) {
  public ChatCapabilities {
    if (maxTopLogprobs < 0 || maxTopLogprobs > 20) {
      throw new IllegalArgumentException("maxTopLogprobs must be in 0..20");
    }
    if (!logprobs && maxTopLogprobs > 0) {
      throw new IllegalArgumentException("top logprobs need logprobs");
    }
  }

  /** What OpenAI's chat completions API offers. */
  public static ChatCapabilities openAi() {
    return new ChatCapabilities(true, 20, true, true);
  }

  /** Plain text only. */
  public static ChatCapabilities textOnly() {
    return new ChatCapabilities(false, 0, false, false);
  }
}
