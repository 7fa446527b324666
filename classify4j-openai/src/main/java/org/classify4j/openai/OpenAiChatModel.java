package org.classify4j.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Classify4jException;
import org.classify4j.Json;
import org.classify4j.llm.ChatCapabilities;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.TokenLogprob;
import org.classify4j.llm.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} for OpenAI-compatible chat completions servers, on the JDK HttpClient and
 * Jackson. One HTTP request per {@link #chat} call and no retries of its own: failures become typed
 * {@link ChatModelException}s ({@link OpenAiErrors}) and retries, rate limits and budgets belong
 * to {@link org.classify4j.llm.govern.GovernedChatModel}. Thread-safe.
 */
public final class OpenAiChatModel implements ChatModel {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatModel.class);
  private static final ObjectMapper JSON = Json.mapper();

  private final OpenAiConfig config;
  private final HttpClient http;
  private final URI endpoint;
  private final URI completionsEndpoint;
  private final String id;

  public OpenAiChatModel(OpenAiConfig config) {
    this.config = config;
    boolean tls = "https".equals(config.baseUrl().getScheme());
    this.http = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        // plain-HTTP local servers (llama.cpp, vLLM, Ollama) do not all cope with an h2c upgrade
        .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .build();
    this.endpoint = endpoint(config, "/chat/completions");
    this.completionsEndpoint = endpoint(config, "/completions");
    this.id = modelId(config);
  }

  /** {@code openai:MODEL} for OpenAI itself, {@code openai:MODEL@HOST[:PORT]} for other servers. */
  static String modelId(OpenAiConfig c) {
    if (c.baseUrl().getHost() != null && c.baseUrl().getHost().equals("api.openai.com")) {
      return "openai:" + c.model();
    }
    String host = c.baseUrl().getHost() + (c.baseUrl().getPort() > 0 ? ":" + c.baseUrl().getPort() : "");
    return "openai:" + c.model() + "@" + host;
  }

  private static URI endpoint(OpenAiConfig c, String path) {
    StringBuilder b = new StringBuilder(c.baseUrl().toString());
    while (b.length() > 0 && b.charAt(b.length() - 1) == '/') {
      b.setLength(b.length() - 1);
    }
    b.append(path);
    char sep = '?';
    for (Map.Entry<String, String> q : c.queryParams().entrySet()) {
      b.append(sep).append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return URI.create(b.toString());
  }

  public OpenAiConfig config() {
    return config;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ChatCapabilities capabilities() {
    return config.capabilities();
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    boolean echo = request.completionsEcho();
    byte[] body = echo ? completionsBody(request) : body(request);
    HttpRequest.Builder rb = HttpRequest.newBuilder(echo ? completionsEndpoint : endpoint)
        .timeout(config.requestTimeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!config.apiKey().isEmpty()) {
      if (config.auth() == OpenAiConfig.Auth.AZURE_API_KEY) {
        rb.header("api-key", config.apiKey());
      } else {
        rb.header("Authorization", "Bearer " + config.apiKey());
      }
    }
    config.headers().forEach(rb::header);
    HttpResponse<String> resp;
    try {
      resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new ChatModelException.Timeout("no answer from " + hostOf() + " within "
          + config.requestTimeout().toMillis() + " ms", e);
    } catch (IOException e) {
      throw new ChatModelException.Unavailable("connection to " + hostOf() + " failed: "
          + e.getClass().getSimpleName(), 0, Optional.empty(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Classify4jException("interrupted during a chat call", e);
    }
    if (resp.statusCode() / 100 != 2) {
      ChatModelException ex = OpenAiErrors.fromStatus(resp.statusCode(), resp.body(),
          resp.headers(), config.apiKey());
      LOG.debug("chat call to {} failed: {}", hostOf(), ex.kind());
      throw ex;
    }
    // a server that echoes the key (in the text, a token, anywhere in a 200 answer) must not
    // get it into a cache, an output or a report: masked before anything else sees the answer
    String masked = OpenAiErrors.mask(resp.body(), config.apiKey());
    return (echo ? parseCompletion(masked) : parse(masked)).masking(config.apiKey());
  }

  /**
   * The {@code /completions} body of a {@link ChatRequest#completionsEcho()} request: the
   * messages' contents as one raw prompt (no chat template: the caller wrote the text it wants
   * scored), {@code echo: true}, {@code logprobs: 1} and {@code max_tokens: 1} (vLLM refuses 0 in
   * some versions; the one generated token is ignored by callers).
   */
  byte[] completionsBody(ChatRequest r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("model", config.model());
    StringBuilder prompt = new StringBuilder();
    for (ChatMessage m : r.messages()) {
      if (prompt.length() > 0) {
        prompt.append("\n\n");
      }
      prompt.append(m.content());
    }
    n.put("prompt", prompt.toString());
    n.put("echo", true);
    n.put("logprobs", 1);
    n.put("max_tokens", r.maxTokens());
    n.put("temperature", r.temperature());
    if (r.seed().isPresent() && config.capabilities().seed()) {
      n.put("seed", r.seed().getAsLong());
    }
    r.extraBody().forEach((k, v) -> {
      if (!k.equals(ChatRequest.COMPLETIONS_ECHO)) {
        n.set(k, JSON.valueToTree(v));
      }
    });
    return bytes(n);
  }

  /**
   * Reads a {@code /completions} answer: the text, and every token of {@code
   * choices[0].logprobs} (the echoed prompt's, then the generated ones) with its log-probability
   * (NaN where the server gives none, as for the first prompt token).
   */
  static ChatResponse parseCompletion(String body) {
    JsonNode n = answer(body);
    JsonNode choice = n == null ? null : n.path("choices").path(0);
    if (choice == null || choice.isMissingNode() || !choice.has("text")) {
      throw new ChatModelException.MalformedResponse(
          "the server's answer has no choices[0].text", null);
    }
    List<TokenLogprob> lps = new ArrayList<>();
    JsonNode tokens = choice.path("logprobs").path("tokens");
    JsonNode values = choice.path("logprobs").path("token_logprobs");
    for (int i = 0; i < tokens.size(); i++) {
      JsonNode v = values.path(i);
      lps.add(new TokenLogprob(tokens.path(i).asText(""),
          v.isNumber() ? v.asDouble() : Double.NaN, List.of()));
    }
    JsonNode u = n.path("usage");
    Usage usage = new Usage(Math.max(0, u.path("prompt_tokens").asLong(0)),
        Math.max(0, u.path("completion_tokens").asLong(0)));
    return new ChatResponse(choice.path("text").asText(""), lps, usage,
        choice.path("finish_reason").asText(""));
  }

  private static byte[] bytes(ObjectNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new ChatModelException.InvalidRequest("request is not JSON-serializable: "
          + e.getOriginalMessage(), 0);
    }
  }

  /** The server's answer as JSON (null for an empty body); not JSON: a malformed response. */
  private static JsonNode answer(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new ChatModelException.MalformedResponse("the server's answer is not JSON ("
          + body.length() + " characters)", e);
    }
  }

  private String hostOf() {
    return config.baseUrl().getHost();
  }

  byte[] body(ChatRequest r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("model", config.model());
    ArrayNode msgs = n.putArray("messages");
    for (ChatMessage m : r.messages()) {
      msgs.addObject().put("role", m.role().wireName()).put("content", m.content());
    }
    n.put("temperature", r.temperature());
    n.put(config.maxTokensField(), r.maxTokens());
    if (r.seed().isPresent() && config.capabilities().seed()) {
      n.put("seed", r.seed().getAsLong());
    }
    if (r.logprobs() && config.capabilities().logprobs()) {
      n.put("logprobs", true);
      int top = Math.min(r.topLogprobs(), config.capabilities().maxTopLogprobs());
      if (top > 0) {
        n.put("top_logprobs", top);
      }
    }
    r.responseFormat().ifPresent(f -> {
      ObjectNode rf = n.putObject("response_format");
      rf.put("type", "json_schema");
      ObjectNode js = rf.putObject("json_schema");
      js.put("name", f.name());
      js.put("strict", f.strict());
      js.set("schema", JSON.valueToTree(f.schema()));
    });
    r.extraBody().forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
    return bytes(n);
  }

  static ChatResponse parse(String body) {
    JsonNode n = answer(body);
    JsonNode choice = n == null ? null : n.path("choices").path(0);
    if (choice == null || choice.isMissingNode() || !choice.path("message").isObject()) {
      throw new ChatModelException.MalformedResponse(
          "the server's answer has no choices[0].message", null);
    }
    String text = choice.path("message").path("content").asText("");
    List<TokenLogprob> lps = new ArrayList<>();
    for (JsonNode t : choice.path("logprobs").path("content")) {
      List<TokenLogprob.Alternative> top = new ArrayList<>();
      for (JsonNode a : t.path("top_logprobs")) {
        top.add(new TokenLogprob.Alternative(a.path("token").asText(""),
            a.path("logprob").asDouble(Double.NEGATIVE_INFINITY)));
      }
      lps.add(new TokenLogprob(t.path("token").asText(""),
          t.path("logprob").asDouble(Double.NEGATIVE_INFINITY), top));
    }
    JsonNode u = n.path("usage");
    Usage usage = new Usage(Math.max(0, u.path("prompt_tokens").asLong(0)),
        Math.max(0, u.path("completion_tokens").asLong(0)));
    return new ChatResponse(text, lps, usage, choice.path("finish_reason").asText(""));
  }

  @Override
  public String toString() {
    return "OpenAiChatModel[" + id + "]";
  }
}
