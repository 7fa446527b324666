package org.classify4j.llm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What to ask a {@link ChatModel}. The model name is the chat model's own; everything that changes
 * the answer is here, so a hash of (model id, request) is a sound cache key.
 *
 * @param messages the conversation, at least one message
 * @param temperature sampling temperature (0 for classification)
 * @param seed a sampling seed where the server supports one
 * @param maxTokens the most tokens to generate, ≥ 1
 * @param logprobs whether to return per-token log probabilities
 * @param topLogprobs how many alternatives per token (0..20; only with logprobs)
 * @param responseFormat a JSON schema the answer must follow
 * @param extraBody server-specific fields merged into the request body (JSON-compatible values)
 */
public record ChatRequest(
    List<ChatMessage> messages,
    double temperature,
    OptionalLong seed,
    int maxTokens,
    boolean logprobs,
    int topLogprobs,
    Optional<ResponseFormat> responseFormat,
    Map<String, Object> extraBody) {

  public ChatRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    if (!(temperature >= 0.0 && temperature <= 2.0)) {
      throw new IllegalArgumentException("temperature must be in [0,2], got " + temperature);
    }
    Objects.requireNonNull(seed, "seed");
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be ≥ 1, got " + maxTokens);
    }
    if (topLogprobs < 0 || topLogprobs > 20) {
      throw new IllegalArgumentException("topLogprobs must be in 0..20, got " + topLogprobs);
    }
    if (topLogprobs > 0 && !logprobs) {
      throw new IllegalArgumentException("topLogprobs needs logprobs");
    }
    Objects.requireNonNull(responseFormat, "responseFormat");
    extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
  }

  /**
   * The extra-body key (value {@code true}) that asks a backend for a raw text completion of the
   * messages' contents with the prompt's tokens echoed with their log-probabilities (OpenAI's
   * {@code /completions} with {@code echo: true, logprobs: 1}) instead of a chat answer; the
   * answer's {@link ChatResponse#logprobs()} are then the prompt's tokens and the generated ones.
   * Backends that cannot do it answer as a chat. Never sent on the wire.
   */
  public static final String COMPLETIONS_ECHO = "classify4j.completions_echo";

  /** Whether this request asks for an echoed raw completion ({@link #COMPLETIONS_ECHO}). */
  public boolean completionsEcho() {
    return Boolean.TRUE.equals(extraBody.get(COMPLETIONS_ECHO));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this request. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.messages = messages;
    b.temperature = temperature;
    b.seed = seed;
    b.maxTokens = maxTokens;
    b.logprobs = logprobs;
    b.topLogprobs = topLogprobs;
    b.responseFormat = responseFormat;
    b.extraBody = new LinkedHashMap<>(extraBody);
    return b;
  }

  /** The characters of every message (for token estimates). */
  public int promptChars() {
    int n = 0;
    for (ChatMessage m : messages) {
      n += m.content().length();
    }
    return n;
  }

  /** Builds requests; defaults: temperature 0, no seed, 16 tokens, no logprobs, no schema. */
  public static final class Builder {
    private List<ChatMessage> messages = List.of();
    private double temperature = 0.0;
    private OptionalLong seed = OptionalLong.empty();
    private int maxTokens = 16;
    private boolean logprobs;
    private int topLogprobs;
    private Optional<ResponseFormat> responseFormat = Optional.empty();
    private Map<String, Object> extraBody = new LinkedHashMap<>();

    private Builder() {}

    public Builder messages(List<ChatMessage> messages) {
      this.messages = List.copyOf(messages);
      return this;
    }

    public Builder messages(ChatMessage... messages) {
      return messages(List.of(messages));
    }

    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = OptionalLong.of(seed);
      return this;
    }

    public Builder noSeed() {
      this.seed = OptionalLong.empty();
      return this;
    }

    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /** Asks for log probabilities with {@code top} alternatives per token (0 = only the chosen). */
    public Builder logprobs(int top) {
      this.logprobs = true;
      this.topLogprobs = top;
      return this;
    }

    public Builder noLogprobs() {
      this.logprobs = false;
      this.topLogprobs = 0;
      return this;
    }

    public Builder responseFormat(ResponseFormat format) {
      this.responseFormat = Optional.of(format);
      return this;
    }

    public Builder extraBody(String field, Object value) {
      this.extraBody.put(field, value);
      return this;
    }

    public Builder extraBody(Map<String, Object> fields) {
      this.extraBody.putAll(fields);
      return this;
    }

    public ChatRequest build() {
      return new ChatRequest(messages, temperature, seed, maxTokens, logprobs, topLogprobs,
          responseFormat, extraBody);
    }
  }
}
