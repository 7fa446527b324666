package org.classify4j.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.llm.ChatModelException;

/**
 * The one table from HTTP status to typed {@link ChatModelException}:
 *
 * <pre>
 * 400, 404, 409, 413, 422, other 4xx  → InvalidRequest  (not retriable)
 * 401, 403                            → Auth            (not retriable)
 * 408                                 → Timeout         (retriable)
 * 429                                 → RateLimited     (retriable; retry-after-ms / Retry-After)
 * 500, 502, 503, 504, other 5xx       → Unavailable     (retriable; Retry-After on 503)
 * </pre>
 *
 * Messages carry the status and the server's error message with anything that looks like a key
 * masked; never the request.
 */
public final class OpenAiErrors {
  private OpenAiErrors() {}

  public static ChatModelException fromStatus(int status, String body, HttpHeaders headers) {
    return fromStatus(status, body, headers, "");
  }

  /**
   * As {@link #fromStatus(int, String, HttpHeaders)}, masking {@code apiKey} wherever the server's
   * message repeats it (by value: any key format, not only {@code sk-…}).
   */
  public static ChatModelException fromStatus(int status, String body, HttpHeaders headers,
      String apiKey) {
    String msg = "HTTP " + status + ": " + mask(serverMessage(body), apiKey);
    if (status == 401 || status == 403) {
      return new ChatModelException.Auth(msg, status);
    }
    if (status == 408) {
      return new ChatModelException.Timeout(msg, null);
    }
    if (status == 429) {
      return new ChatModelException.RateLimited(msg, retryAfter(headers));
    }
    if (status >= 500) {
      return new ChatModelException.Unavailable(msg, status, retryAfter(headers), null);
    }
    return new ChatModelException.InvalidRequest(msg, status);
  }

  /** The server's wait hint: {@code retry-after-ms}, else {@code Retry-After} (seconds or date). */
  public static Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<String> ms = headers.firstValue("retry-after-ms");
    if (ms.isPresent()) {
      try {
        return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms.get().strip())));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    Optional<String> ra = headers.firstValue("retry-after");
    if (ra.isEmpty()) {
      return Optional.empty();
    }
    String v = ra.get().strip();
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException e2) {
        return Optional.empty();
      }
    }
  }

  static String serverMessage(String body) {
    String m;
    try {
      JsonNode n = Json.mapper().readTree(body);
      m = n == null ? "" : n.path("error").path("message").asText("");
      if (m.isEmpty() && n != null && n.path("error").isTextual()) {
        m = n.path("error").asText();
      }
    } catch (Exception e) {
      m = "";
    }
    if (m.isEmpty()) {
      m = body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
    return redact(m.length() > 300 ? m.substring(0, 300) + "…" : m);
  }

  /** {@code s} with every occurrence of {@code secret} replaced by {@code ***}. */
  public static String mask(String s, String secret) {
    if (secret == null || secret.isBlank() || s == null) {
      return s;
    }
    return s.replace(secret.strip(), "***");
  }

  /** Masks key-like strings (sk-…, long tokens after "key"). */
  static String redact(String s) {
    return s.replaceAll("sk-[A-Za-z0-9_\\-*]{4,}", "sk-***")
        .replaceAll("(?i)(key[^A-Za-z0-9]{1,4})[A-Za-z0-9_\\-]{16,}", "$1***");
  }
}
