package org.classify4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.LabelFiles;
import org.classify4j.data.io.TextLineReader;

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

  /** Texts one per line: {@link TextLineReader} (the data files' strict UTF-8 line reader). */
  static final class TextLines implements AutoCloseable {
    private final TextLineReader reader;

    TextLines(InputStream in, String source) {
      this.reader = new TextLineReader(in, source);
    }

    static TextLines open(Path file) {
      return open(file, file.toString());
    }

    /** Reads {@code file}, naming it {@code source} in error messages. */
    static TextLines open(Path file, String source) {
      try {
        return new TextLines(Files.newInputStream(file), source);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
      }
    }

    /** Up to {@code n} more documents; empty at the end. */
    List<Document> next(int n) {
      return reader.next(n);
    }

    @Override
    public void close() {
      reader.close();
    }
  }
}
