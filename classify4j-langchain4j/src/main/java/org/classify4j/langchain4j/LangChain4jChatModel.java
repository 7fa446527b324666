package org.classify4j.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.llm.ChatCapabilities;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.ResponseFormat;
import org.classify4j.llm.Usage;

/**
 * Any LangChain4j {@link dev.langchain4j.model.chat.ChatModel} (Anthropic, Gemini, Bedrock, Vertex,
 * Ollama, Azure, Mistral, …) as a classify4j {@link ChatModel}.
 *
 * <p>What it declares ({@link #capabilities()}): LangChain4j's chat API returns no token
 * log-probabilities, so {@code logprobs} is false and classify4j's LLM classifiers fall back to
 * one-hot scores (the answer gets 1, the other labels 0) — the classifier warns and says so through
 * {@code LlmClassifierModel.oneHotScores()}. A JSON schema is declared when the LangChain4j model
 * lists {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA} (it is passed as a raw schema; turn it off
 * with {@link Builder#jsonSchema(boolean)} for a provider that rejects raw schemas). No seed.
 * Answers constrained to labels, the invalid-answer policy, the response cache, retries, rate
 * limits and budgets stay classify4j's: wrap this model in {@code GovernedChatModel} / {@code
 * CachingChatModel} as with any backend.
 *
 * <p>Errors: LangChain4j's retriable exceptions (rate limits, timeouts, server errors) become
 * retriable {@link ChatModelException}s, the non-retriable ones (authentication, invalid request,
 * model not found, content filtered) non-retriable ones; messages name the kind and the HTTP
 * status, never the request's text.
 */
public final class LangChain4jChatModel implements ChatModel {
  private final String id;
  private final dev.langchain4j.model.chat.ChatModel model;
  private final ChatCapabilities capabilities;
  private final int concurrency;

  private LangChain4jChatModel(Builder b) {
    this.id = b.id;
    this.model = b.model;
    boolean schema = b.jsonSchema && supportsJsonSchema(b.model);
    this.capabilities = new ChatCapabilities(false, 0, schema, false);
    this.concurrency = b.concurrency;
  }

  private static boolean supportsJsonSchema(dev.langchain4j.model.chat.ChatModel m) {
    try {
      return m.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Wraps {@code model} under {@code id}, the name saved with classify4j models and used in cache
   * keys (for example {@code langchain4j:claude-3-5-haiku}); it must not contain a secret.
   */
  public static Builder builder(String id, dev.langchain4j.model.chat.ChatModel model) {
    return new Builder(id, model);
  }

  /** {@code builder(id, model).build()}. */
  public static LangChain4jChatModel of(String id, dev.langchain4j.model.chat.ChatModel model) {
    return builder(id, model).build();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ChatCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  /** The wrapped LangChain4j model. */
  public dev.langchain4j.model.chat.ChatModel delegate() {
    return model;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    dev.langchain4j.model.chat.request.ChatRequest lc = toLangChain4j(request);
    dev.langchain4j.model.chat.response.ChatResponse r;
    try {
      r = model.chat(lc);
    } catch (ChatModelException e) {
      throw e;
    } catch (RuntimeException e) {
      throw mapError(e);
    }
    if (r == null || r.aiMessage() == null) {
      throw new ChatModelException.MalformedResponse(id + ": the LangChain4j model returned no message",
          null);
    }
    String text = r.aiMessage().text();
    return new ChatResponse(text == null ? "" : text, List.of(), usage(r.tokenUsage()),
        r.finishReason() == null ? "" : r.finishReason().name().toLowerCase(Locale.ROOT));
  }

  dev.langchain4j.model.chat.request.ChatRequest toLangChain4j(ChatRequest request) {
    List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      messages.add(switch (m.role()) {
        case SYSTEM -> SystemMessage.from(m.content());
        case USER -> UserMessage.from(m.content());
        case ASSISTANT -> AiMessage.from(m.content());
      });
    }
    var b = dev.langchain4j.model.chat.request.ChatRequest.builder()
        .messages(messages)
        .temperature(request.temperature())
        .maxOutputTokens(request.maxTokens());
    Optional<ResponseFormat> rf = request.responseFormat();
    if (rf.isPresent() && capabilities.jsonSchema()) {
      JsonSchema schema = JsonSchema.builder()
          .name(rf.get().name())
          .rootElement(JsonRawSchema.from(schemaJson(rf.get())))
          .build();
      b.responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.builder()
          .type(ResponseFormatType.JSON).jsonSchema(schema).build());
    }
    return b.build();
  }

  private static String schemaJson(ResponseFormat rf) {
    try {
      return Json.mapper().writeValueAsString(rf.schema());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("response schema " + rf.name() + " is not JSON: " + e, e);
    }
  }

  private static Usage usage(TokenUsage u) {
    if (u == null) {
      return Usage.NONE;
    }
    long in = u.inputTokenCount() == null ? 0 : Math.max(0, u.inputTokenCount());
    long out = u.outputTokenCount() == null ? 0 : Math.max(0, u.outputTokenCount());
    return new Usage(in, out);
  }

  /** LangChain4j's exception kinds onto classify4j's; the text of the request never appears. */
  ChatModelException mapError(RuntimeException e) {
    int status = e instanceof HttpException h ? h.statusCode() : 0;
    String what = id + ": " + e.getClass().getSimpleName() + (status > 0 ? " (HTTP " + status + ")" : "");
    if (e instanceof AuthenticationException) {
      return new ChatModelException.Auth(what, status == 0 ? 401 : status);
    }
    if (e instanceof RateLimitException) {
      return new ChatModelException.RateLimited(what, Optional.empty());
    }
    if (e instanceof TimeoutException) {
      return new ChatModelException.Timeout(what, e);
    }
    if (e instanceof InvalidRequestException || e instanceof NonRetriableException) {
      return new ChatModelException.InvalidRequest(what, status == 0 ? 400 : status);
    }
    if (e instanceof RetriableException) {
      return new ChatModelException.Unavailable(what, status, Optional.empty(), e);
    }
    if (e instanceof HttpException) {
      if (status == 429) {
        return new ChatModelException.RateLimited(what, Optional.empty());
      }
      if (status == 401 || status == 403) {
        return new ChatModelException.Auth(what, status);
      }
      if (status >= 500 || status == 408) {
        return new ChatModelException.Unavailable(what, status, Optional.empty(), e);
      }
      return new ChatModelException.InvalidRequest(what, status);
    }
    // anything else (a provider's own exception, an I/O failure wrapped by the provider): the
    // cause may be transient, so let classify4j's retry policy decide
    return new ChatModelException.Unavailable(what, 0, Optional.empty(), e);
  }

  /** Options: the id, JSON schema on or off, requests in flight. */
  public static final class Builder {
    private final String id;
    private final dev.langchain4j.model.chat.ChatModel model;
    private boolean jsonSchema = true;
    private int concurrency = 8;

    private Builder(String id, dev.langchain4j.model.chat.ChatModel model) {
      this.id = Objects.requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("a chat model id must not be blank");
      }
      this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Whether to send classify4j's JSON schema (enum of label codes) when the LangChain4j model
     * supports JSON schemas; default true. Without it, answers are read from plain text.
     */
    public Builder jsonSchema(boolean on) {
      this.jsonSchema = on;
      return this;
    }

    /** How many requests LLM classifiers keep in flight at once (default 8). */
    public Builder concurrency(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("concurrency must be ≥ 1, got " + n);
      }
      this.concurrency = n;
      return this;
    }

    public LangChain4jChatModel build() {
      return new LangChain4jChatModel(this);
    }
  }
}
