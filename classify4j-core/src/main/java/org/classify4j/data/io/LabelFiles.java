package org.classify4j.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.Classify4jException;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;

/**
 * Label files: one label per line, in the order of the label space. A line is either a name, or
 * {@code name<TAB>description}, or {@code name<TAB>description<TAB>synonym|synonym|...}. Lines
 * starting with '#' and blank lines are ignored; names and descriptions are stripped of
 * surrounding whitespace. UTF-8, with an optional byte-order mark.
 */
public final class LabelFiles {
  private LabelFiles() {}

  public static LabelSpace read(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    } catch (NoSuchFileException e) {
      throw new BadInputException(path.toString(), 0, "", "no such file");
    } catch (IOException e) {
      throw new Classify4jException("cannot read " + path + ": " + e, e);
    }
  }

  /** Reads a label file from a stream (not closed); {@code source} names it in messages. */
  public static LabelSpace read(InputStream in, String source) {
    LineSource lines = new LineSource(in);
    List<Label> labels = new ArrayList<>();
    Map<String, Long> firstLine = new HashMap<>();
    for (LineSource.Line l = lines.next(); l != null; l = lines.next()) {
      long n = l.number();
      if (l.malformed()) {
        throw new BadInputException(source, n, "", "invalid UTF-8 at byte "
            + (l.badByteOffset() + 1) + " of the line (expected UTF-8 encoded text)");
      }
      String s = l.content();
      if (s.isBlank() || s.stripLeading().startsWith("#")) {
        continue;
      }
      String[] parts = s.split("\t", -1);
      if (parts.length > 3) {
        throw new BadInputException(source, n, "", parts.length
            + " tab-separated columns (expected name, or name<TAB>description, or"
            + " name<TAB>description<TAB>synonyms separated by '|')");
      }
      String name = parts[0].strip();
      if (name.isEmpty()) {
        throw new BadInputException(source, n, "name", "blank label name (expected a name)");
      }
      Long first = firstLine.putIfAbsent(name, n);
      if (first != null) {
        throw new BadInputException(source, n, "name",
            "duplicate label '" + name + "', first at line " + first + " (expected unique names)");
      }
      String description = parts.length > 1 ? parts[1].strip() : "";
      List<String> synonyms = new ArrayList<>();
      if (parts.length > 2) {
        for (String syn : parts[2].split("\\|")) {
          if (!syn.isBlank()) {
            synonyms.add(syn.strip());
          }
        }
      }
      labels.add(new Label(name, description, synonyms, ""));
    }
    return LabelSpace.of(labels);
  }
}
