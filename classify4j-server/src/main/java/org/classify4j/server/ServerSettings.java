package org.classify4j.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the service runs: where it listens, who may call it, and its limits.
 *
 * @param host the address to bind (a non-loopback one needs a token or {@code insecure})
 * @param port the port (0: any free one)
 * @param token the bearer token every route but health needs, when present
 * @param insecure allow a non-loopback address without a token
 * @param maxBodyBytes the largest request body; larger ones get 413
 * @param maxTextChars the longest text of one document; longer ones get 413
 * @param maxBatchDocuments the most documents of one request (Annif: 32); more get 400
 * @param maxInFlight requests being served at once; further ones get 503 with Retry-After
 * @param requestTimeout how long a request may wait for its scores; then 503
 * @param microBatchSize the most texts scored together across concurrent requests
 * @param microBatchWindow how long the first waiting text waits for others
 * @param scoringThreads micro-batch workers per project: batches of one project scored at once
 *     (default {@link #defaultScoringThreads()})
 * @param shutdownGrace how long a graceful stop waits for requests in flight
 * @param bodyTimeout how long a request may take to send its whole body; the body is read before
 *     the request takes one of the {@code maxInFlight} slots, so a client that announces a body and
 *     sends it slowly (or never) holds a connection, not a slot, and gets 408 after this time
 */
public record ServerSettings(
    String host,
    int port,
    Optional<String> token,
    boolean insecure,
    long maxBodyBytes,
    int maxTextChars,
    int maxBatchDocuments,
    int maxInFlight,
    Duration requestTimeout,
    int microBatchSize,
    Duration microBatchWindow,
    int scoringThreads,
    Duration shutdownGrace,
    Duration bodyTimeout) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5000;
  /** The environment variable holding the bearer token. */
  public static final String ENV_TOKEN = "CLASSIFY4J_API_TOKEN";
  /**
   * Time to send a whole body: a 1 MiB body needs 200 KiB/s, far below any network a client of a
   * classification service uses, while a client that sends nothing is cut off quickly.
   */
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(5);

  public ServerSettings {
    Objects.requireNonNull(host, "host");
    token = token.filter(t -> !t.isBlank());
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    positive("maxBodyBytes", maxBodyBytes);
    positive("maxTextChars", maxTextChars);
    positive("maxBatchDocuments", maxBatchDocuments);
    positive("maxInFlight", maxInFlight);
    positive("microBatchSize", microBatchSize);
    positive("scoringThreads", scoringThreads);
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
      throw new IllegalArgumentException("bodyTimeout must be positive");
    }
    if (microBatchWindow.isNegative() || shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  private static void positive(String name, long v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + v);
    }
  }

  /**
   * Loopback, port 5000 (Annif's), no token, 1 MiB bodies, 32 documents a request; micro-batches
   * of up to 32 texts, a 2 ms window, {@link #defaultScoringThreads()} workers per project; 5 s to
   * send a body.
   */
  public static ServerSettings defaults() {
    return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), false, 1 << 20,
        100_000, 32, 64, Duration.ofSeconds(30), 32, Duration.ofMillis(2),
        defaultScoringThreads(), Duration.ofSeconds(10), DEFAULT_BODY_TIMEOUT);
  }

  /**
   * Micro-batch workers per project by default: one per processor. A micro-batch of up to 32
   * short texts is one model call for the embedded ONNX embedder (its batches are 32 texts),
   * which runs on the calling thread, on one core; with a single worker every other core would
   * wait for HTTP work only (measured: half of {@code predict}'s rate, see
   * docs/benchmarks.md#rest-service). The embedder's own default is also one parallel call per
   * processor.
   */
  public static int defaultScoringThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  public ServerSettings withAddress(String host, int port) {
    return new ServerSettings(host, port, token, insecure, maxBodyBytes, maxTextChars,
        maxBatchDocuments, maxInFlight, requestTimeout, microBatchSize, microBatchWindow,
        scoringThreads, shutdownGrace, bodyTimeout);
  }

  public ServerSettings withToken(Optional<String> token, boolean insecure) {
    return new ServerSettings(host, port, token, insecure, maxBodyBytes, maxTextChars,
        maxBatchDocuments, maxInFlight, requestTimeout, microBatchSize, microBatchWindow,
        scoringThreads, shutdownGrace, bodyTimeout);
  }

  public ServerSettings withLimits(long maxBodyBytes, int maxTextChars, int maxInFlight,
      Duration requestTimeout) {
    return new ServerSettings(host, port, token, insecure, maxBodyBytes, maxTextChars,
        maxBatchDocuments, maxInFlight, requestTimeout, microBatchSize, microBatchWindow,
        scoringThreads, shutdownGrace, bodyTimeout);
  }

  public ServerSettings withBatching(int microBatchSize, Duration microBatchWindow,
      int scoringThreads) {
    return new ServerSettings(host, port, token, insecure, maxBodyBytes, maxTextChars,
        maxBatchDocuments, maxInFlight, requestTimeout, microBatchSize, microBatchWindow,
        scoringThreads, shutdownGrace, bodyTimeout);
  }

  public ServerSettings withShutdownGrace(Duration grace) {
    return new ServerSettings(host, port, token, insecure, maxBodyBytes, maxTextChars,
        maxBatchDocuments, maxInFlight, requestTimeout, microBatchSize, microBatchWindow,
        scoringThreads, grace, bodyTimeout);
  }

  public ServerSettings withBodyTimeout(Duration bodyTimeout) {
    return new ServerSettings(host, port, token, insecure, maxBodyBytes, maxTextChars,
        maxBatchDocuments, maxInFlight, requestTimeout, microBatchSize, microBatchWindow,
        scoringThreads, shutdownGrace, bodyTimeout);
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "ServerSettings[host=" + host + ", port=" + port + ", token="
        + (token.isPresent() ? "(set)" : "(none)") + ", insecure=" + insecure + ", maxBodyBytes="
        + maxBodyBytes + ", maxTextChars=" + maxTextChars + ", maxBatchDocuments="
        + maxBatchDocuments + ", maxInFlight=" + maxInFlight + ", requestTimeout="
        + requestTimeout + ", microBatchSize=" + microBatchSize + ", microBatchWindow="
        + microBatchWindow + ", scoringThreads=" + scoringThreads + ", shutdownGrace="
        + shutdownGrace + ", bodyTimeout=" + bodyTimeout + "]";
  }
}
