package org.classify4j.data.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Document;

/**
 * Texts one per line, for quick classification: a plain line is a text (its id is the line
 * number); a line starting with '{' is a JSON object with "text" and optionally "id"; a line that
 * is a JSON array is an error (a JSON file given where texts were expected), not a text. Blank
 * lines are skipped. Lines are decoded as strict UTF-8 by the same reader as data files ({@link
 * DatasetReader}): invalid bytes are an error naming the source and line, never replaced.
 */
public final class TextLineReader implements AutoCloseable {
  private final LineSource lines;
  private final InputStream in;
  private final String source;

  /** Reads {@code in} (closed by {@link #close()}); {@code source} names it in messages. */
  public TextLineReader(InputStream in, String source) {
    this.in = in;
    this.lines = new LineSource(in);
    this.source = source;
  }

  public static TextLineReader open(Path file) {
    try {
      return new TextLineReader(Files.newInputStream(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Up to {@code n} more documents; empty at the end. */
  public List<Document> next(int n) {
    List<Document> out = new ArrayList<>(n);
    while (out.size() < n) {
      LineSource.Line l = lines.next();
      if (l == null) {
        break;
      }
      if (l.malformed()) {
        throw new BadInputException(source, l.number(), "",
            "invalid UTF-8 at byte " + (l.badByteOffset() + 1)
                + " of the line (expected UTF-8 encoded text)");
      }
      String s = l.content();
      if (s.isBlank()) {
        continue;
      }
      out.add(parse(l.number(), s));
    }
    return out;
  }

  private Document parse(long line, String s) {
    String t = s.strip();
    if (t.startsWith("[") && t.endsWith("]") && isJsonArray(t)) {
      throw new BadInputException(source, line, "", "a JSON array, not a text (expected a text"
          + " or a JSON object with \"text\" per line)");
    }
    if (!t.startsWith("{")) {
      return Document.of(Long.toString(line), t);
    }
    JsonNode n;
    try {
      n = Json.mapper().readTree(t);
    } catch (JsonProcessingException e) {
      throw new BadInputException(source, line, "", "not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode text = n.get("text");
    if (text == null || !text.isTextual()) {
      throw new BadInputException(source, line, "text", "missing or not a string");
    }
    if (text.asText().isBlank()) {
      // as the data readers say it
      throw new BadInputException(source, line, "text", (text.asText().isEmpty() ? "empty text"
          : "text is only whitespace") + " (expected text to classify)");
    }
    JsonNode id = n.get("id");
    String ids = id == null || id.isNull() ? Long.toString(line) : id.asText();
    return Document.of(ids, text.asText());
  }

  private static boolean isJsonArray(String t) {
    try {
      JsonNode n = Json.mapper().readTree(t);
      return n != null && n.isArray();
    } catch (JsonProcessingException e) {
      return false; // "[urgent] my card was declined" is a text
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
