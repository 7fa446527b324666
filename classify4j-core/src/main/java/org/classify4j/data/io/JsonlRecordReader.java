package org.classify4j.data.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classify4j.Json;
import org.classify4j.data.BadInputException;

/**
 * JSON lines: one object per line with "text" (string), optional "id" (string or integer),
 * "labels" (list of strings, or one string taken as one label) and "metadata" (object of
 * string/number/boolean values). Other fields are ignored. A null value counts as absent. Blank
 * lines are passed over (counted in the report). Duplicate keys and trailing content are errors.
 */
final class JsonlRecordReader implements RecordReader {
  private static final ObjectReader READER =
      Json.mapper()
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private final String source;
  private final LineSource lines;
  private long blank;

  JsonlRecordReader(String source, LineSource lines) {
    this.source = source;
    this.lines = lines;
  }

  @Override
  public Raw next() {
    while (true) {
      LineSource.Line l = lines.next();
      if (l == null) {
        return null;
      }
      long n = l.number();
      if (l.malformed()) {
        throw new BadInputException(source, n, "",
            "invalid UTF-8 at byte " + (l.badByteOffset() + 1)
                + " of the line (expected UTF-8 encoded text)");
      }
      String s = l.content();
      if (s.isBlank()) {
        blank++;
        continue;
      }
      if (n == 1 && s.strip().equals("[")) {
        throw new BadInputException(source, n, "",
            "a JSON array file? expected JSON lines: one JSON object per line");
      }
      JsonNode node;
      try {
        node = READER.readTree(s);
      } catch (JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String at = loc == null || loc.getColumnNr() < 1 ? "" : " at column " + loc.getColumnNr();
        throw new BadInputException(source, n, "",
            "invalid JSON" + at + ": " + firstLine(e.getOriginalMessage())
                + " (expected one JSON object per line)");
      }
      if (node == null || !node.isObject()) {
        throw new BadInputException(source, n, "",
            "expected a JSON object, found " + kind(node));
      }
      return parse(n, node);
    }
  }

  private Raw parse(long n, JsonNode o) {
    JsonNode t = o.get("text");
    if (t == null || t.isNull()) {
      throw new BadInputException(source, n, "text", "missing (expected a string)");
    }
    if (!t.isTextual()) {
      throw new BadInputException(source, n, "text", "expected a string, found " + kind(t));
    }
    String id = null;
    JsonNode i = o.get("id");
    if (i != null && !i.isNull()) {
      if (i.isTextual()) {
        id = i.textValue();
        if (id.isBlank()) {
          throw new BadInputException(source, n, "id",
              "blank id (expected a non-blank string or an integer, or no id at all)");
        }
      } else if (i.isIntegralNumber()) {
        id = i.asText();
      } else {
        throw new BadInputException(source, n, "id",
            "expected a string or an integer, found " + kind(i));
      }
    }
    List<String> labels = List.of();
    JsonNode ls = o.get("labels");
    if (ls != null && !ls.isNull()) {
      if (ls.isTextual()) {
        labels = List.of(label(n, ls.textValue(), 0));
      } else if (ls.isArray()) {
        labels = new ArrayList<>(ls.size());
        int k = 0;
        for (JsonNode e : ls) {
          k++;
          if (!e.isTextual()) {
            throw new BadInputException(source, n, "labels",
                "element " + k + " is " + kind(e) + " (expected label names as strings)");
          }
          labels.add(label(n, e.textValue(), k));
        }
      } else {
        throw new BadInputException(source, n, "labels",
            "expected a list of strings or a string, found " + kind(ls));
      }
    }
    Map<String, String> meta = Map.of();
    JsonNode m = o.get("metadata");
    if (m != null && !m.isNull()) {
      if (!m.isObject()) {
        throw new BadInputException(source, n, "metadata",
            "expected an object of string, number or boolean values, found " + kind(m));
      }
      meta = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : m.properties()) {
        JsonNode v = e.getValue();
        if (v.isTextual()) {
          meta.put(e.getKey(), v.textValue());
        } else if (v.isNumber() || v.isBoolean()) {
          meta.put(e.getKey(), v.asText());
        } else {
          throw new BadInputException(source, n, "metadata." + e.getKey(),
              "expected a string, number or boolean, found " + kind(v));
        }
      }
    }
    return new Raw(n, id, t.textValue(), labels, meta);
  }

  private String label(long n, String name, int k) {
    if (name.isBlank()) {
      throw new BadInputException(source, n, "labels",
          (k == 0 ? "blank label" : "element " + k + " is a blank label")
              + " (expected a non-blank label name)");
    }
    return name;
  }

  static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    switch (n.getNodeType()) {
      case ARRAY:
        return "a list";
      case OBJECT:
        return "an object";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      case STRING:
        return "a string";
      default:
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public long lines() {
    return lines.lineNumber();
  }

  @Override
  public long blankLines() {
    return blank;
  }

  @Override
  public String textField() {
    return "text";
  }

  @Override
  public String labelsField() {
    return "labels";
  }

  @Override
  public String idField() {
    return "id";
  }

  @Override
  public void close() {
    lines.close();
  }
}
