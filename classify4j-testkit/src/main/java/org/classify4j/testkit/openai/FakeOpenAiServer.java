package org.classify4j.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on the loopback interface (ephemeral port) that speaks the OpenAI chat
 * completions wire format: {@code POST /v1/chat/completions} with messages, temperature, seed,
 * max_tokens, logprobs/top_logprobs and response_format; answers with choices[0].message.content,
 * choices[0].logprobs.content[].top_logprobs, finish_reason ({@code length} when max_tokens cut the
 * script's answer) and usage (prompt tokens estimated as 4 characters per token plus 4 per message
 * and 3 per request, completion tokens = tokens sent).
 *
 * <p>Answers come from a {@link ChatScript}. Faults can be queued for the next requests ({@link
 * #enqueue}) or drawn at random at a rate ({@link #randomFaults}); random draws are a seeded hash of
 * the request body and how often that body was seen, so they do not depend on thread timing.
 * Ignores {@code logprobs} when made with {@code withoutLogprobs()}, like servers that lack them.
 */
public final class FakeOpenAiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle plus the
    // client's delayed ACK adds ~40 ms to every response. Read once, when the server classes load.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private volatile ChatScript script;
  private volatile Duration latency = Duration.ZERO;
  private volatile String requiredKey = "";
  private volatile boolean logprobsSupported = true;
  private volatile TokenTableLm completions;
  private final Deque<Fault> queued = new ArrayDeque<>();
  private volatile double faultRate;
  private volatile long faultSeed;
  private volatile List<Fault> faultKinds = List.of();
  private final Map<String, AtomicInteger> seenBodies = new ConcurrentHashMap<>();
  private final AtomicLong requestCount = new AtomicLong();
  private final AtomicLong faultCount = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger threadNo = new AtomicInteger();

  public FakeOpenAiServer(ChatScript script) {
    this.script = Objects.requireNonNull(script, "script");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake OpenAI server", e);
    }
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-openai-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL clients use, such as {@code http://127.0.0.1:PORT/v1}. */
  public URI baseUrl() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/v1");
  }

  /**
   * Turns on {@code POST /v1/completions} (answered 404 otherwise, as by chat-only servers): the
   * prompt (a string, or a list answered with one choice each) is tokenized and scored by {@code
   * lm}; with {@code echo: true} and {@code logprobs} the answer has the prompt's tokens, their
   * log-probabilities ({@code null} for the first) and character offsets, then {@code max_tokens}
   * generated tokens ({@link TokenTableLm#next()}, each with the lm's log-probability). A {@code
   * max_tokens} of 0 is refused with 400, as some vLLM versions do.
   */
  public FakeOpenAiServer completions(TokenTableLm lm) {
    this.completions = Objects.requireNonNull(lm);
    return this;
  }

  public FakeOpenAiServer script(ChatScript script) {
    this.script = Objects.requireNonNull(script);
    return this;
  }

  /** A delay before every answer (server latency). */
  public FakeOpenAiServer latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  /** Answers 401 unless {@code Authorization: Bearer KEY} is sent. */
  public FakeOpenAiServer requireApiKey(String key) {
    this.requiredKey = key;
    return this;
  }

  /** Ignores logprobs requests, as servers without logprob support do. */
  public FakeOpenAiServer withoutLogprobs() {
    this.logprobsSupported = false;
    return this;
  }

  /** The next requests get these faults, in order (before any random ones). */
  public FakeOpenAiServer enqueue(Fault... faults) {
    synchronized (queued) {
      Collections.addAll(queued, faults);
    }
    return this;
  }

  /**
   * Each request fails with probability {@code rate}, the fault drawn from {@code kinds}; the draw
   * is a hash of (seed, body, how often this body was seen), so a retried request gets a fresh draw.
   */
  public FakeOpenAiServer randomFaults(double rate, long seed, List<Fault> kinds) {
    if (!(rate >= 0 && rate <= 1) || (rate > 0 && kinds.isEmpty())) {
      throw new IllegalArgumentException("rate in [0,1] and at least one fault kind");
    }
    this.faultKinds = List.copyOf(kinds);
    this.faultSeed = seed;
    this.faultRate = rate;
    return this;
  }

  /** HTTP requests received on the completions path, faults included. */
  public long requestCount() {
    return requestCount.get();
  }

  /** Requests that got a fault instead of an answer. */
  public long faultCount() {
    return faultCount.get();
  }

  /** Requests answered with a completion. */
  public long answeredCount() {
    return answered.get();
  }

  /** Distinct request bodies seen. */
  public int distinctRequests() {
    return seenBodies.size();
  }

  /** Every request body received, in arrival order. */
  public List<JsonNode> requests() {
    synchronized (bodies) {
      return List.copyOf(bodies);
    }
  }

  public void resetCounts() {
    requestCount.set(0);
    faultCount.set(0);
    answered.set(0);
    seenBodies.clear();
    bodies.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      boolean completion = path.endsWith("/v1/completions") && completions != null;
      if (!"POST".equals(ex.getRequestMethod())
          || !(path.endsWith("/chat/completions") || completion)) {
        send(ex, 404, error("not found: " + path, "invalid_request_error"), Map.of());
        return;
      }
      requestCount.incrementAndGet();
      byte[] raw;
      try (InputStream in = ex.getRequestBody()) {
        raw = in.readAllBytes();
      }
      String bodyText = new String(raw, StandardCharsets.UTF_8);
      int seen = seenBodies.computeIfAbsent(sha(bodyText), k -> new AtomicInteger()).incrementAndGet();
      JsonNode body;
      try {
        body = JSON.readTree(bodyText);
      } catch (IOException e) {
        send(ex, 400, error("body is not JSON", "invalid_request_error"), Map.of());
        return;
      }
      bodies.add(body);
      if (!requiredKey.isEmpty()) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + requiredKey).equals(auth)) {
          send(ex, 401, error("Incorrect API key provided", "invalid_request_error"), Map.of());
          return;
        }
      }
      Fault fault = nextFault(bodyText, seen);
      Duration lat = latency;
      if (!lat.isZero()) {
        sleep(lat);
      }
      if (fault != null) {
        faultCount.incrementAndGet();
        if (inject(ex, fault)) {
          return;
        }
      }
      if (completion) {
        complete(ex, body, completions);
        return;
      }
      if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
        send(ex, 400, error("'messages' must be a non-empty array", "invalid_request_error"),
            Map.of());
        return;
      }
      answer(ex, body);
    } catch (RuntimeException e) {
      send(ex, 500, error("fake server error: " + e, "server_error"), Map.of());
    }
  }

  private Fault nextFault(String body, int seen) {
    synchronized (queued) {
      if (!queued.isEmpty()) {
        return queued.poll();
      }
    }
    double rate = faultRate;
    if (rate <= 0) {
      return null;
    }
    long h = fnv(faultSeed + "|" + seen + "|" + body);
    double u = (h >>> 11) / (double) (1L << 53);
    if (u >= rate) {
      return null;
    }
    List<Fault> kinds = faultKinds;
    return kinds.get((int) Long.remainderUnsigned(h * 0x9E3779B97F4A7C15L, kinds.size()));
  }

  /** Returns true when the fault replaced the answer. */
  private boolean inject(HttpExchange ex, Fault f) throws IOException {
    switch (f.kind()) {
      case BAD_REQUEST:
        send(ex, 400, error("Invalid request (injected)", "invalid_request_error"), Map.of());
        return true;
      case UNAUTHORIZED:
        send(ex, 401, error("Incorrect API key provided (injected)", "invalid_request_error"),
            Map.of());
        return true;
      case RATE_LIMITED:
        send(ex, 429, error("Rate limit reached (injected)", "rate_limit_error"),
            retryHeaders(f.delay()));
        return true;
      case SERVER_ERROR:
        send(ex, 500, error("The server had an error (injected)", "server_error"), Map.of());
        return true;
      case UNAVAILABLE:
        send(ex, 503, error("The engine is currently overloaded (injected)", "server_error"),
            retryHeaders(f.delay()));
        return true;
      case SLOW:
        sleep(f.delay());
        return false;
      case MALFORMED_JSON: {
        byte[] b = "{\"id\": \"chatcmpl-broken\", \"choices\": [{\"mess".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(b);
        }
        return true;
      }
      case DROP_CONNECTION:
        // closing the exchange before any response header closes the connection
        return true;
      default:
        return false;
    }
  }

  private static Map<String, String> retryHeaders(Duration d) {
    if (d.isZero()) {
      return Map.of();
    }
    long ms = d.toMillis();
    return Map.of("Retry-After", Long.toString((ms + 999) / 1000), "retry-after-ms",
        Long.toString(ms));
  }

  private void answer(HttpExchange ex, JsonNode body) throws IOException {
    List<ScriptRequest.Message> msgs = new ArrayList<>();
    int promptTokens = 3;
    for (JsonNode m : body.path("messages")) {
      String content = m.path("content").asText("");
      msgs.add(new ScriptRequest.Message(m.path("role").asText(""), content));
      promptTokens += 4 + (content.length() + 3) / 4;
    }
    boolean schema = "json_schema".equals(body.path("response_format").path("type").asText());
    ScriptedReply reply = script.answer(new ScriptRequest(body, msgs, schema));
    List<ScriptedToken> tokens = reply.tokens();
    String finish = "stop";
    int max = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(0));
    if (max > 0 && tokens.size() > max) {
      tokens = tokens.subList(0, max);
      finish = "length";
    }
    boolean logprobs = logprobsSupported && body.path("logprobs").asBoolean(false);
    int top = body.path("top_logprobs").asInt(0);
    StringBuilder text = new StringBuilder();
    for (ScriptedToken t : tokens) {
      text.append(t.token());
    }
    ObjectNode resp = JSON.createObjectNode();
    resp.put("id", "chatcmpl-fake-" + answered.incrementAndGet());
    resp.put("object", "chat.completion");
    resp.put("created", System.currentTimeMillis() / 1000);
    resp.put("model", body.path("model").asText("fake"));
    resp.put("system_fingerprint", "fp_fake");
    ObjectNode choice = resp.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", text.toString());
    message.putNull("refusal");
    if (logprobs) {
      ArrayNode content = choice.putObject("logprobs").putArray("content");
      for (ScriptedToken t : tokens) {
        ObjectNode tn = content.addObject();
        tn.put("token", t.token());
        tn.put("logprob", t.logprob());
        tn.set("bytes", bytes(t.token()));
        ArrayNode alts = tn.putArray("top_logprobs");
        for (int i = 0; i < Math.min(top, t.top().size()); i++) {
          ScriptedToken.Alternative a = t.top().get(i);
          alts.addObject().put("token", a.token()).put("logprob", a.logprob())
              .set("bytes", bytes(a.token()));
        }
      }
    } else {
      choice.putNull("logprobs");
    }
    choice.put("finish_reason", finish);
    ObjectNode usage = resp.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", tokens.size());
    usage.put("total_tokens", promptTokens + tokens.size());
    send(ex, 200, resp, Map.of());
  }

  private void complete(HttpExchange ex, JsonNode body, TokenTableLm lm) throws IOException {
    List<String> prompts = new ArrayList<>();
    if (body.path("prompt").isTextual()) {
      prompts.add(body.path("prompt").asText());
    } else if (body.path("prompt").isArray() && !body.path("prompt").isEmpty()) {
      for (JsonNode p : body.path("prompt")) {
        prompts.add(p.asText());
      }
    } else {
      send(ex, 400, error("'prompt' must be a string or a non-empty list of strings",
          "invalid_request_error"), Map.of());
      return;
    }
    int max = body.path("max_tokens").asInt(16);
    if (max < 1) {
      send(ex, 400, error("max_tokens must be at least 1, got " + max, "invalid_request_error"),
          Map.of());
      return;
    }
    boolean echo = body.path("echo").asBoolean(false);
    boolean logprobs = body.path("logprobs").isInt() && body.path("logprobs").asInt() >= 0
        && !body.path("logprobs").isNull();
    ObjectNode resp = JSON.createObjectNode();
    resp.put("id", "cmpl-fake-" + answered.incrementAndGet());
    resp.put("object", "text_completion");
    resp.put("created", System.currentTimeMillis() / 1000);
    resp.put("model", body.path("model").asText("fake"));
    ArrayNode choices = resp.putArray("choices");
    long promptTokens = 0;
    long completionTokens = 0;
    for (int i = 0; i < prompts.size(); i++) {
      String prompt = prompts.get(i);
      List<String> toks = new ArrayList<>(TokenTableLm.tokenize(prompt));
      int nPrompt = toks.size();
      for (int g = 0; g < max; g++) {
        toks.add(lm.next());
      }
      promptTokens += nPrompt;
      completionTokens += max;
      int from = echo ? 0 : nPrompt;
      StringBuilder text = new StringBuilder();
      ObjectNode choice = choices.addObject();
      choice.put("index", i);
      ArrayNode tokens = JSON.createArrayNode();
      ArrayNode values = JSON.createArrayNode();
      ArrayNode offsets = JSON.createArrayNode();
      ArrayNode tops = JSON.createArrayNode();
      int offset = 0;
      for (int t = 0; t < toks.size(); t++) {
        String tok = toks.get(t);
        if (t >= from) {
          tokens.add(tok);
          offsets.add(offset);
          if (t == 0) {
            values.addNull();
            tops.addNull();
          } else {
            double lp = lm.logprob(toks.get(t - 1), tok);
            values.add(lp);
            tops.addObject().put(tok, lp);
          }
          text.append(tok);
        }
        offset += tok.length();
      }
      choice.put("text", text.toString());
      if (logprobs) {
        ObjectNode lp = choice.putObject("logprobs");
        lp.set("tokens", tokens);
        lp.set("token_logprobs", values);
        lp.set("top_logprobs", tops);
        lp.set("text_offset", offsets);
      } else {
        choice.putNull("logprobs");
      }
      choice.put("finish_reason", "length");
    }
    ObjectNode usage = resp.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    send(ex, 200, resp, Map.of());
  }

  private static ArrayNode bytes(String token) {
    ArrayNode a = JSON.createArrayNode();
    for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
      a.add(b & 0xff);
    }
    return a;
  }

  private static ObjectNode error(String message, String type) {
    ObjectNode n = JSON.createObjectNode();
    ObjectNode e = n.putObject("error");
    e.put("message", message);
    e.put("type", type);
    e.putNull("param");
    e.putNull("code");
    return n;
  }

  private static void send(HttpExchange ex, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    byte[] b = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String sha(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
