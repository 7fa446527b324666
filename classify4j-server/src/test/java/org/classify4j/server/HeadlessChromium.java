package org.classify4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classify4j.Json;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol (JDK HttpClient and
 * WebSocket, no driver): navigate, evaluate JavaScript in the page, take a screenshot.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  HeadlessChromium(Path profile, int width, int height) throws Exception {
    process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
        "--hide-scrollbars", "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height, "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String browserWs = null;
    BufferedReader err = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (String line = err.readLine(); line != null && System.nanoTime() < deadline;
        line = err.readLine()) {
      Matcher m = DEVTOOLS.matcher(line);
      if (m.find()) {
        browserWs = m.group(1);
        break;
      }
    }
    if (browserWs == null) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium did not start its DevTools endpoint");
    }
    Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    URI b = URI.create(browserWs);
    HttpClient http = HttpClient.newHttpClient();
    String list = http.send(HttpRequest.newBuilder(
        URI.create("http://" + b.getHost() + ":" + b.getPort() + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    String pageWs = null;
    for (JsonNode t : Json.mapper().readTree(list)) {
      if (t.path("type").asText().equals("page")) {
        pageWs = t.get("webSocketDebuggerUrl").asText();
        break;
      }
    }
    if (pageWs == null) {
      throw new IllegalStateException("no page target in " + list);
    }
    socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener())
        .get(30, TimeUnit.SECONDS);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buf = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buf.append(data);
      if (last) {
        try {
          JsonNode n = Json.mapper().readTree(buf.toString());
          if (n.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
            if (f != null) {
              f.complete(n);
            }
          }
        } catch (IOException e) {
          // not for us
        }
        buf.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  /** Sends a DevTools command and returns its result. */
  JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ObjectNode msg = Json.mapper().createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    socket.sendText(msg.toString(), true).get(30, TimeUnit.SECONDS);
    JsonNode r = f.get(60, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.get("result");
  }

  void navigate(String url) throws Exception {
    call("Page.navigate", Json.mapper().createObjectNode().put("url", url));
  }

  /** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", Json.mapper().createObjectNode()
        .put("expression", expression).put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("page script failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Waits until {@code condition} (a JS expression) is true. */
  void waitFor(String condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (eval("Boolean(" + condition + ")").asBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("timed out waiting for: " + condition);
  }

  /** The whole page (beyond the window's height), as PNG. */
  void screenshot(Path png) throws Exception {
    JsonNode size = call("Page.getLayoutMetrics", Json.mapper().createObjectNode())
        .get("cssContentSize");
    ObjectNode params = Json.mapper().createObjectNode().put("format", "png")
        .put("captureBeyondViewport", true);
    params.putObject("clip").put("x", 0).put("y", 0).put("width", size.get("width").asDouble())
        .put("height", size.get("height").asDouble()).put("scale", 1);
    JsonNode r = call("Page.captureScreenshot", params);
    Files.write(png, Base64.getDecoder().decode(r.get("data").asText()));
  }

  @Override
  public void close() {
    try {
      socket.abort();
    } finally {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
