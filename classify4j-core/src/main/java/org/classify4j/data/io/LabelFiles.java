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
import org.classify4j.data.LabelTree;

/**
 * Label files: one label per line, in the order of the label space. A line is either a name, or
 * {@code name<TAB>description}, or {@code name<TAB>description<TAB>synonym|synonym|...}, or
 * {@code name<TAB>description<TAB>synonyms<TAB>parent} (a hierarchy: the parent is the name of
 * another label of the file, in any order; empty for a root). Lines starting with '#' and blank
 * lines are ignored; names and descriptions are stripped of surrounding whitespace. UTF-8, with an
 * optional byte-order mark. A parent that names no label, or parents that form a cycle, are errors
 * naming the line.
 *
 * <p>A file whose name ends in {@code .ttl} is a SKOS vocabulary in Turtle ({@link
 * SkosVocabulary}).
 *
 * <p>A <b>subject vocabulary</b> in Annif's TSV form, {@code URI<TAB>preferred name} (the URI
 * optionally in angle brackets, an optional third column of {@code |}-separated synonyms), is
 * recognised by its first label line: when that line's first column is an absolute URI (a scheme
 * followed by {@code //}, or {@code urn:}), every line must be of that form. The preferred name
 * becomes the label's name (what training data uses and what matching sees), the URI its {@link
 * Label#uri()}.
 */
public final class LabelFiles {
  private LabelFiles() {}

  public static LabelSpace read(Path path) {
    if (SkosVocabulary.isTurtle(path)) {
      return SkosVocabulary.read(path, "");
    }
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
    List<Long> lineOf = new ArrayList<>();
    Map<String, Long> firstLine = new HashMap<>();
    Map<String, Long> firstUri = new HashMap<>();
    Boolean vocabulary = null;
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
      if (vocabulary == null) {
        vocabulary = isUri(parts[0]);
      }
      if (vocabulary) {
        labels.add(subject(parts, source, n, firstLine, firstUri));
        lineOf.add(n);
        continue;
      }
      if (parts.length > 4) {
        throw new BadInputException(source, n, "", parts.length
            + " tab-separated columns (expected name, or name<TAB>description, or"
            + " name<TAB>description<TAB>synonyms separated by '|', or"
            + " name<TAB>description<TAB>synonyms<TAB>parent)");
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
      String parent = parts.length > 3 ? parts[3].strip() : "";
      if (parent.equals(name)) {
        throw new BadInputException(source, n, "parent",
            "label '" + name + "' names itself as its parent (expected another label, or none)");
      }
      labels.add(new Label(name, description, synonyms, parent));
      lineOf.add(n);
    }
    LabelSpace space = LabelSpace.of(labels);
    checkTree(space, source, lineOf);
    return space;
  }

  /**
   * Checks the hierarchy of labels read from {@code source}: every parent is a label, no cycle.
   * {@code lineOf} gives each label's line (column order).
   */
  static void checkTree(LabelSpace space, String source, List<Long> lineOf) {
    if (!space.hasHierarchy()) {
      return;
    }
    for (int j = 0; j < space.size(); j++) {
      String p = space.get(j).parent();
      if (!p.isEmpty() && !space.contains(p)) {
        throw new BadInputException(source, lineOf.get(j), "parent", "unknown parent '" + p
            + "' of label '" + space.name(j) + "' (expected the name of a label of this file)");
      }
    }
    List<String> cycle = LabelTree.cycleIn(space);
    if (!cycle.isEmpty()) {
      int j = space.requireIndex(cycle.get(0));
      throw new BadInputException(source, lineOf.get(j), "parent", "labels form a cycle of"
          + " parents: " + String.join(" → ", cycle) + " (expected a tree: following parents"
          + " must reach a label without one)");
    }
    space.tree();
  }

  /** Whether a first column is an absolute URI: {@code scheme://...} or {@code urn:...}. */
  static boolean isUri(String column) {
    String c = unbracket(column.strip());
    return c.matches("(?i)[a-z][a-z0-9+.-]*://[^\\s]+|urn:[a-z0-9][a-z0-9-]*:[^\\s]+");
  }

  private static String unbracket(String c) {
    return c.length() > 2 && c.startsWith("<") && c.endsWith(">")
        ? c.substring(1, c.length() - 1) : c;
  }

  private static Label subject(String[] parts, String source, long n, Map<String, Long> firstName,
      Map<String, Long> firstUri) {
    String expected = " (this is a subject vocabulary: every line must be URI<TAB>preferred name"
        + ", optionally <TAB>synonym|synonym)";
    if (parts.length < 2 || parts.length > 3) {
      throw new BadInputException(source, n, "", parts.length + " tab-separated column"
          + (parts.length == 1 ? "" : "s") + expected);
    }
    if (!isUri(parts[0])) {
      throw new BadInputException(source, n, "uri",
          "'" + parts[0].strip() + "' is not an absolute URI" + expected);
    }
    String uri = unbracket(parts[0].strip());
    String name = parts[1].strip();
    if (name.isEmpty()) {
      throw new BadInputException(source, n, "name", "blank preferred name" + expected);
    }
    Long first = firstUri.putIfAbsent(uri, n);
    if (first != null) {
      throw new BadInputException(source, n, "uri",
          "duplicate URI '" + uri + "', first at line " + first + " (expected unique URIs)");
    }
    first = firstName.putIfAbsent(name, n);
    if (first != null) {
      throw new BadInputException(source, n, "name", "duplicate preferred name '" + name
          + "', first at line " + first + " (expected unique names: data files use them)");
    }
    List<String> synonyms = new ArrayList<>();
    if (parts.length > 2) {
      for (String syn : parts[2].split("\\|")) {
        if (!syn.isBlank()) {
          synonyms.add(syn.strip());
        }
      }
    }
    return new Label(name, "", synonyms, "", uri);
  }
}
