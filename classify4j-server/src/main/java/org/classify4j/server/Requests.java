package org.classify4j.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.classify4j.Json;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * Reading requests within the limits: bodies read up to the size limit (413 past it, whatever the
 * Content-Length says), URL-encoded forms and JSON parsed here (400 when malformed), parameters
 * checked (400 with the parameter's name). Messages never repeat the request's text.
 */
final class Requests {
  private Requests() {}

  /**
   * How much of a body over the limit is read (and thrown away) so that the client, still
   * sending, gets the 413 instead of a broken connection; past this the connection is closed.
   */
  static final long DRAIN_LIMIT = 16L << 20;

  /** The request attribute holding a body read before the handler ran. */
  static final String BODY = "classify4j.body";

  /**
   * Reads the body now, within {@code timeout} for the whole of it, and keeps it for {@link
   * #body}: the guard calls this before the request takes an in-flight slot.
   *
   * @throws ApiException 408 when the body is not complete in time, 413 when it is too large
   */
  static void readAhead(Context ctx, long maxBytes, Duration timeout) {
    ctx.attribute(BODY, read(ctx, maxBytes, Optional.of(timeout)));
  }

  /** The body: the one read ahead, else read now (without a time limit of its own). */
  static byte[] body(Context ctx, long maxBytes) {
    byte[] ahead = ctx.attribute(BODY);
    return ahead != null ? ahead : read(ctx, maxBytes, Optional.empty());
  }

  private static byte[] read(Context ctx, long maxBytes, Optional<Duration> timeout) {
    long declared = ctx.req().getContentLengthLong();
    Optional<EndPoint> endPoint = timeout.flatMap(t -> endPoint(ctx));
    long restore = endPoint.map(EndPoint::getIdleTimeout).orElse(0L);
    long deadline = System.nanoTime() + timeout.map(Duration::toNanos).orElse(0L);
    // past the limit the rest is read (up to DRAIN_LIMIT, within the time limit) and thrown
    // away, so that a client still sending gets the 413 instead of a broken connection
    boolean over = declared > maxBytes;
    long total = 0;
    try {
      if (over && declared > DRAIN_LIMIT) {
        throw tooLarge(declared, maxBytes);
      }
      InputStream in = ctx.req().getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream(
          over ? 0 : (int) Math.min(Math.max(declared, 256), maxBytes));
      byte[] buf = new byte[8192];
      while (true) {
        if (timeout.isPresent()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw over ? tooLarge(declared, maxBytes) : slowBody(timeout.get(), total, declared);
          }
          // a blocked read ends when the connection has been idle this long
          long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
          endPoint.ifPresent(e -> e.setIdleTimeout(ms));
        }
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        total += n;
        if (total > maxBytes) {
          over = true;
        }
        if (over) {
          if (total > DRAIN_LIMIT) {
            break;
          }
          continue;
        }
        out.write(buf, 0, n);
      }
      if (over) {
        throw tooLarge(declared, maxBytes);
      }
      return out.toByteArray();
    } catch (IOException e) {
      if (over) {
        throw tooLarge(declared, maxBytes); // the client went away; the 413 is still the answer
      }
      if (timeout.isPresent() && (System.nanoTime() - deadline >= 0 || timedOut(e))) {
        throw slowBody(timeout.get(), total, declared);
      }
      throw ApiException.badRequest("could not read the request body: "
          + e.getClass().getSimpleName());
    } finally {
      endPoint.ifPresent(e -> e.setIdleTimeout(restore));
    }
  }

  private static ApiException tooLarge(long declared, long maxBytes) {
    return ApiException.tooLarge(declared > maxBytes
        ? "request body of " + declared + " bytes is over the limit of " + maxBytes + " bytes"
        : "request body is over the limit of " + maxBytes + " bytes");
  }

  private static ApiException slowBody(Duration timeout, long received, long declared) {
    return new ApiException(408, "the request body did not arrive within "
        + timeout.toMillis() + " ms (" + received + " of "
        + (declared >= 0 ? declared + " bytes" : "a chunked body") + " received)");
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Jetty's end point of the request's connection, to bound a blocked read. */
  private static Optional<EndPoint> endPoint(Context ctx) {
    try {
      return Optional.ofNullable(ServletContextRequest.getServletContextRequest(ctx.req()))
          .map(r -> r.getConnectionMetaData().getConnection().getEndPoint());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** An application/x-www-form-urlencoded body; the first value of each name. */
  static Map<String, String> form(Context ctx, long maxBytes) {
    String ct = Optional.ofNullable(ctx.contentType()).orElse("");
    if (!ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw ApiException.badRequest("expected a form (Content-Type:"
          + " application/x-www-form-urlencoded), got " + (ct.isEmpty() ? "no Content-Type" : ct));
    }
    String s = new String(body(ctx, maxBytes), StandardCharsets.UTF_8);
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : s.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        m.putIfAbsent(k, v);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("malformed form encoding");
      }
    }
    return m;
  }

  /** A JSON body (any Content-Type naming JSON, or none). */
  static JsonNode json(Context ctx, long maxBytes) {
    String ct = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(java.util.Locale.ROOT);
    if (!ct.isEmpty() && !ct.contains("json")) {
      throw ApiException.badRequest("expected JSON (Content-Type: application/json), got " + ct);
    }
    byte[] b = body(ctx, maxBytes);
    try {
      JsonNode n = Json.mapper().readTree(b);
      if (n == null || n.isMissingNode()) {
        throw ApiException.badRequest("empty body: expected a JSON object");
      }
      return n;
    } catch (StreamConstraintsException e) {
      // nesting deeper than Jackson's limit (StreamReadConstraints), a number or string too long
      throw ApiException.badRequest("body is not accepted JSON: " + constraint(e));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw ApiException.badRequest("body is not valid JSON" + (at == null ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw ApiException.badRequest("body is not valid JSON");
    }
  }

  /** Which of Jackson's read limits a body broke, in words (no request content). */
  private static String constraint(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.contains("nesting depth")) {
      return "nested deeper than "
          + Json.mapper().getFactory().streamReadConstraints().getMaxNestingDepth() + " levels";
    }
    return "a number, name or string is longer than the parser allows";
  }

  static Optional<Integer> integer(String name, String value, int min, int max) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      int v = Integer.parseInt(value.strip());
      if (v < min || v > max) {
        throw ApiException.badRequest("'" + name + "' must be in [" + min + ", " + max + "], got "
            + v);
      }
      return Optional.of(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'" + name + "' must be an integer");
    }
  }

  static Optional<Double> number(String name, String value, double min, double max) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      double v = Double.parseDouble(value.strip());
      if (!(v >= min && v <= max)) {
        throw ApiException.badRequest("'" + name + "' must be in [" + min + ", " + max + "], got "
            + v);
      }
      return Optional.of(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'" + name + "' must be a number");
    }
  }

  static Optional<Integer> integer(JsonNode o, String name, int min, int max) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber()) {
      throw ApiException.badRequest("'" + name + "' must be an integer");
    }
    return integer(name, v.asText(), min, max);
  }

  static Optional<Double> number(JsonNode o, String name, double min, double max) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber()) {
      throw ApiException.badRequest("'" + name + "' must be a number");
    }
    return number(name, v.asText(), min, max);
  }

  static void checkText(String field, String text, int maxChars) {
    if (text.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is empty");
    }
    if (text.length() > maxChars) {
      throw ApiException.tooLarge("'" + field + "' has " + text.length()
          + " characters, over the limit of " + maxChars);
    }
  }
}
