package org.classify4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates JSON values against OpenAPI 3.0 schema objects as swagger-parser reads them (with
 * references resolved): type, nullable, required, properties, additionalProperties, items,
 * allOf / oneOf, enum, minimum / maximum (exclusiveMaximum), minItems / maxItems and the formats
 * date-time and uri. Enough of OpenAPI 3.0's schema dialect for the documents checked here; an
 * unknown keyword is not silently passed: {@link #parse} rejects documents with parser messages.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  /** Parses an OpenAPI document with references resolved; fails on any parser message. */
  static OpenAPI parse(String content) {
    ParseOptions o = new ParseOptions();
    o.setResolve(true);
    o.setResolveFully(true);
    SwaggerParseResult r = new OpenAPIV3Parser().readContents(content, null, o);
    if (r.getOpenAPI() == null || (r.getMessages() != null && !r.getMessages().isEmpty())) {
      throw new AssertionError("OpenAPI document not valid: " + r.getMessages());
    }
    return r.getOpenAPI();
  }

  /**
   * The problems of {@code v} against {@code s}, empty when it conforms; references are looked up
   * in {@code api}'s components.
   */
  static List<String> errors(JsonNode v, Schema<?> s, OpenAPI api) {
    List<String> out = new ArrayList<>();
    check(v, s, "$", out, api);
    return out;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void check(JsonNode v, Schema s, String at, List<String> out, OpenAPI api) {
    if (s == null) {
      return;
    }
    if (s.get$ref() != null) {
      String name = s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1);
      Schema target = api.getComponents().getSchemas().get(name);
      if (target == null) {
        throw new AssertionError(at + ": unresolved reference " + s.get$ref());
      }
      if (Boolean.TRUE.equals(s.getNullable()) && v.isNull()) {
        return;
      }
      check(v, target, at, out, api);
      return;
    }
    if (v.isNull()) {
      if (!Boolean.TRUE.equals(s.getNullable())) {
        out.add(at + ": null is not allowed");
      }
      return;
    }
    if (s.getAllOf() != null) {
      for (Object part : s.getAllOf()) {
        check(v, (Schema) part, at, out, api);
      }
    }
    if (s.getOneOf() != null) {
      int ok = 0;
      for (Object part : s.getOneOf()) {
        List<String> e = new ArrayList<>();
        check(v, (Schema) part, at, e, api);
        ok += e.isEmpty() ? 1 : 0;
      }
      if (ok != 1) {
        out.add(at + ": matches " + ok + " of the oneOf alternatives, not exactly 1");
      }
    }
    String type = s.getType();
    if (type != null) {
      boolean typeOk = switch (type) {
        case "object" -> v.isObject();
        case "array" -> v.isArray();
        case "string" -> v.isTextual();
        case "integer" -> v.isIntegralNumber();
        case "number" -> v.isNumber();
        case "boolean" -> v.isBoolean();
        default -> throw new AssertionError(at + ": schema type '" + type + "' not supported");
      };
      if (!typeOk) {
        out.add(at + ": expected " + type + ", got " + v.getNodeType());
        return;
      }
    }
    if (s.getEnum() != null && !s.getEnum().isEmpty()) {
      boolean found = false;
      for (Object e : s.getEnum()) {
        found |= String.valueOf(e).equals(v.asText());
      }
      if (!found) {
        out.add(at + ": " + v + " is not one of " + s.getEnum());
      }
    }
    if (v.isNumber()) {
      BigDecimal d = v.decimalValue();
      if (s.getMinimum() != null && d.compareTo(s.getMinimum()) < 0) {
        out.add(at + ": " + d + " < minimum " + s.getMinimum());
      }
      if (s.getMaximum() != null) {
        int c = d.compareTo(s.getMaximum());
        if (c > 0 || c == 0 && Boolean.TRUE.equals(s.getExclusiveMaximum())) {
          out.add(at + ": " + d + " over maximum " + s.getMaximum());
        }
      }
    }
    if (v.isTextual() && s.getFormat() != null) {
      String str = v.asText();
      switch (s.getFormat()) {
        case "date-time" -> {
          try {
            OffsetDateTime.parse(str);
          } catch (DateTimeParseException e) {
            out.add(at + ": '" + str + "' is not a date-time");
          }
        }
        case "uri" -> {
          try {
            if (!new URI(str).isAbsolute()) {
              out.add(at + ": '" + str + "' is not an absolute URI");
            }
          } catch (URISyntaxException e) {
            out.add(at + ": '" + str + "' is not a URI");
          }
        }
        default -> { }
      }
    }
    if (v.isArray()) {
      if (s.getMinItems() != null && v.size() < s.getMinItems()) {
        out.add(at + ": fewer than " + s.getMinItems() + " items");
      }
      if (s.getMaxItems() != null && v.size() > s.getMaxItems()) {
        out.add(at + ": more than " + s.getMaxItems() + " items");
      }
      if (s.getItems() != null) {
        for (int i = 0; i < v.size(); i++) {
          check(v.get(i), s.getItems(), at + "[" + i + "]", out, api);
        }
      }
    }
    if (v.isObject()) {
      if (s.getRequired() != null) {
        for (Object r : s.getRequired()) {
          if (!v.has((String) r)) {
            out.add(at + ": required property '" + r + "' is missing");
          }
        }
      }
      Map<String, Schema> props = s.getProperties() == null ? Map.of() : s.getProperties();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Schema p = props.get(e.getKey());
        if (p != null) {
          check(e.getValue(), p, at + "." + e.getKey(), out, api);
        } else if (Boolean.FALSE.equals(s.getAdditionalProperties())) {
          out.add(at + ": property '" + e.getKey() + "' is not allowed");
        } else if (s.getAdditionalProperties() instanceof Schema extra) {
          check(e.getValue(), extra, at + "." + e.getKey(), out, api);
        }
      }
    }
  }
}
