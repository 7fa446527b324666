package org.classify4j.testkit.openai;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the {@link FakeOpenAiServer} can inject into a response.
 *
 * @param kind what goes wrong
 * @param delay for SLOW: how long before answering; for RATE_LIMITED and UNAVAILABLE: the
 *     Retry-After the server sends (zero = no header)
 */
public record Fault(Kind kind, Duration delay) {

  /** What goes wrong. */
  public enum Kind {
    /** 400 with an OpenAI error body. */
    BAD_REQUEST,
    /** 401. */
    UNAUTHORIZED,
    /** 429 with Retry-After and retry-after-ms when a delay is given. */
    RATE_LIMITED,
    /** 500. */
    SERVER_ERROR,
    /** 503 with Retry-After when a delay is given. */
    UNAVAILABLE,
    /** Answers normally after the delay (clients with a shorter timeout time out). */
    SLOW,
    /** 200 with a body that is not JSON. */
    MALFORMED_JSON,
    /** Closes the connection without answering. */
    DROP_CONNECTION
  }

  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delay, "delay");
  }

  public static Fault of(Kind kind) {
    return new Fault(kind, Duration.ZERO);
  }

  public static Fault rateLimited(Duration retryAfter) {
    return new Fault(Kind.RATE_LIMITED, retryAfter);
  }

  public static Fault slow(Duration delay) {
    return new Fault(Kind.SLOW, delay);
  }
}
