package org.classify4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.classify4j.Json;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.LabelFiles;

/** Small readers for what the quick commands take: label lists and texts one per line. */
final class Inputs {
  private Inputs() {}

  /** Labels named on the command line ({@code --labels a,b,c}). */
  static LabelSpace labels(List<String> names) {
    Set<String> seen = new LinkedHashSet<>();
    for (String n : names) {
      String t = n.strip();
      if (t.isEmpty()) {
        throw new CliException("--labels: empty label name");
      }
      if (!seen.add(t)) {
        throw new CliException("--labels: label '" + t + "' is named twice");
      }
    }
    return LabelSpace.ofNames(seen);
  }

  /**
   * A labels file: one label per line, {@code name} or {@code name<TAB>description} (or
   * {@code name<TAB>description<TAB>synonym|synonym}); blank lines and '#' lines are skipped.
   */
  static LabelSpace labelsFile(Path file) {
    return LabelFiles.read(file);
  }

  /**
   * Texts one per line: a plain line is a text (its id is the line number); a line starting with
   * '{' is a JSON object with "text" and optionally "id". Blank lines are skipped.
   */
  /**
   * Copies {@code in} to a new temporary file (readable by its owner only) for a command that
   * reads its input twice; the caller deletes it.
   */
  static Path spool(InputStream in) {
    try {
      Path f = Files.createTempFile("classify4j-input-", ".txt");
      f.toFile().deleteOnExit();
      Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spool stdin to a temporary file: " + e.getMessage(),
          e);
    }
  }

  static final class TextLines implements AutoCloseable {
    private final BufferedReader reader;
    private final String source;
    private long line;

    TextLines(InputStream in, String source) {
      this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      this.source = source;
    }

    static TextLines open(Path file) {
      return open(file, file.toString());
    }

    /** Reads {@code file}, naming it {@code source} in error messages. */
    static TextLines open(Path file, String source) {
      try {
        return new TextLines(Files.newInputStream(file), source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Up to {@code n} more documents; empty at the end. */
    List<Document> next(int n) {
      List<Document> out = new ArrayList<>(n);
      try {
        String s;
        while (out.size() < n && (s = reader.readLine()) != null) {
          line++;
          if (s.isBlank()) {
            continue;
          }
          out.add(parse(s));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }

    private Document parse(String s) {
      String t = s.strip();
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
        // as predict's readers say it
        throw new BadInputException(source, line, "text", (text.asText().isEmpty() ? "empty text"
            : "text is only whitespace") + " (expected text to classify)");
      }
      JsonNode id = n.get("id");
      String ids = id == null || id.isNull() ? Long.toString(line) : id.asText();
      return Document.of(ids, text.asText());
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
