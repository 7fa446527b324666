package org.classify4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Json;

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

  static byte[] body(Context ctx, long maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      if (declared <= DRAIN_LIMIT) {
        drain(ctx);
      }
      throw ApiException.tooLarge("request body of " + declared + " bytes is over the limit of "
          + maxBytes + " bytes");
    }
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(
          (int) Math.min(Math.max(declared, 256), maxBytes));
      byte[] buf = new byte[8192];
      long total = 0;
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
        if (total > maxBytes) {
          drain(ctx);
          throw ApiException.tooLarge("request body is over the limit of " + maxBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw ApiException.badRequest("could not read the request body: " + e.getClass().getSimpleName());
    }
  }

  private static void drain(Context ctx) {
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] buf = new byte[16384];
      long total = 0;
      for (int n = in.read(buf); n >= 0 && total <= DRAIN_LIMIT; n = in.read(buf)) {
        total += n;
      }
    } catch (IOException e) {
      // the client went away; the 413 is still the answer
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
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw ApiException.badRequest("body is not valid JSON");
    }
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
