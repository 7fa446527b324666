package org.classify4j.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.classify4j.Classify4jException;
import org.classify4j.llm.ChatCapabilities;

/**
 * Where and how to reach an OpenAI-compatible chat completions server (OpenAI, Azure OpenAI, vLLM,
 * llama.cpp server, Ollama's /v1, LM Studio).
 *
 * @param baseUrl the API root, such as {@code https://api.openai.com/v1} (the client appends
 *     {@code /chat/completions})
 * @param apiKey the key ("" for servers without one); never logged, masked in {@link #toString()}
 * @param model the model name sent in each request
 * @param auth how the key is sent: {@code Authorization: Bearer} or Azure's {@code api-key} header
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout time for one whole request
 * @param capabilities what the server supports (declared: servers do not say)
 * @param queryParams added to the URL (Azure: {@code api-version})
 * @param headers extra headers
 * @param maxTokensField the body field for the token limit: {@code max_tokens}, or {@code
 *     max_completion_tokens} for OpenAI's reasoning models
 */
public record OpenAiConfig(
    URI baseUrl,
    String apiKey,
    String model,
    Auth auth,
    Duration connectTimeout,
    Duration requestTimeout,
    ChatCapabilities capabilities,
    Map<String, String> queryParams,
    Map<String, String> headers,
    String maxTokensField) {

  public static final String ENV_BASE_URL = "CLASSIFY4J_LLM_BASE_URL";
  public static final String ENV_API_KEY = "CLASSIFY4J_LLM_API_KEY";
  public static final String ENV_MODEL = "CLASSIFY4J_LLM_MODEL";
  public static final URI OPENAI = URI.create("https://api.openai.com/v1");

  /** How the key is sent. */
  public enum Auth {
    BEARER,
    AZURE_API_KEY
  }

  public OpenAiConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("base URL must be http(s): " + baseUrl);
    }
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(capabilities, "capabilities");
    queryParams = Collections.unmodifiableMap(new LinkedHashMap<>(queryParams));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    if (!maxTokensField.equals("max_tokens") && !maxTokensField.equals("max_completion_tokens")) {
      throw new IllegalArgumentException("maxTokensField: max_tokens or max_completion_tokens");
    }
  }

  /** OpenAI's endpoint with this key and model; 10 s connect and 60 s request timeouts. */
  public static OpenAiConfig of(URI baseUrl, String apiKey, String model) {
    return new OpenAiConfig(baseUrl, apiKey, model, Auth.BEARER, Duration.ofSeconds(10),
        Duration.ofSeconds(60), ChatCapabilities.openAi(), Map.of(), Map.of(), "max_tokens");
  }

  /** From the process environment; see {@link #fromEnvironment(Map)}. */
  public static OpenAiConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * From {@code CLASSIFY4J_LLM_BASE_URL} (default OpenAI), {@code CLASSIFY4J_LLM_API_KEY}
   * (default none) and {@code CLASSIFY4J_LLM_MODEL} (required).
   */
  public static OpenAiConfig fromEnvironment(Map<String, String> env) {
    String model = env.getOrDefault(ENV_MODEL, "");
    if (model.isBlank()) {
      throw new Classify4jException(ENV_MODEL + " is not set: name the chat model to use");
    }
    return fromEnvironment(env, model);
  }

  /** As {@link #fromEnvironment(Map)} with the model given. */
  public static OpenAiConfig fromEnvironment(Map<String, String> env, String model) {
    String base = env.getOrDefault(ENV_BASE_URL, "");
    URI uri;
    try {
      uri = base.isBlank() ? OPENAI : new URI(stripSlash(base.strip()));
      if (!base.isBlank() && (uri.getHost() == null || !("http".equals(uri.getScheme())
          || "https".equals(uri.getScheme())))) {
        throw new java.net.URISyntaxException(base, "expected http(s)://HOST[:PORT]/PATH");
      }
    } catch (java.net.URISyntaxException e) {
      throw new Classify4jException(ENV_BASE_URL + " is not a valid base URL ('" + base.strip()
          + "'): " + e.getReason() + ", such as https://api.openai.com/v1");
    }
    return of(uri, env.getOrDefault(ENV_API_KEY, "").strip(), model);
  }

  /**
   * The configuration for a chat model spec — {@code openai} (model from {@code
   * CLASSIFY4J_LLM_MODEL}) or {@code openai:MODEL[@HOST]} (the host of a saved id is ignored: the
   * endpoint always comes from {@code config}) — or empty when the spec is not OpenAI's. The one
   * place that parses these specs.
   */
  public static java.util.Optional<OpenAiConfig> fromSpec(String spec, Map<String, String> config) {
    if (spec.equals("openai")) {
      return java.util.Optional.of(fromEnvironment(config));
    }
    if (!spec.startsWith("openai:")) {
      return java.util.Optional.empty();
    }
    String model = spec.substring("openai:".length());
    int at = model.lastIndexOf('@');
    if (at > 0) {
      model = model.substring(0, at);
    }
    if (model.isBlank()) {
      throw new Classify4jException("chat model '" + spec + "': no model name after 'openai:'");
    }
    return java.util.Optional.of(fromEnvironment(config, model));
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  public OpenAiConfig withModel(String m) {
    return new OpenAiConfig(baseUrl, apiKey, m, auth, connectTimeout, requestTimeout, capabilities,
        queryParams, headers, maxTokensField);
  }

  public OpenAiConfig withTimeouts(Duration connect, Duration request) {
    return new OpenAiConfig(baseUrl, apiKey, model, auth, connect, request, capabilities,
        queryParams, headers, maxTokensField);
  }

  public OpenAiConfig withCapabilities(ChatCapabilities caps) {
    return new OpenAiConfig(baseUrl, apiKey, model, auth, connectTimeout, requestTimeout, caps,
        queryParams, headers, maxTokensField);
  }

  /** Azure OpenAI: key in the {@code api-key} header and {@code api-version} in the URL. */
  public OpenAiConfig forAzure(String apiVersion) {
    Map<String, String> q = new LinkedHashMap<>(queryParams);
    q.put("api-version", apiVersion);
    return new OpenAiConfig(baseUrl, apiKey, model, Auth.AZURE_API_KEY, connectTimeout,
        requestTimeout, capabilities, q, headers, maxTokensField);
  }

  public OpenAiConfig withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new OpenAiConfig(baseUrl, apiKey, model, auth, connectTimeout, requestTimeout,
        capabilities, queryParams, h, maxTokensField);
  }

  public OpenAiConfig withMaxTokensField(String field) {
    return new OpenAiConfig(baseUrl, apiKey, model, auth, connectTimeout, requestTimeout,
        capabilities, queryParams, headers, field);
  }

  @Override
  public String toString() {
    return "OpenAiConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isEmpty() ? "none" : "***")
        + ", model=" + model + ", auth=" + auth + ", requestTimeout=" + requestTimeout + "]";
  }
}
