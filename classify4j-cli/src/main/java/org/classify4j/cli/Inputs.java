package org.classify4j.cli;

import java.io.InputStream;
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

  /** Texts one per line: {@link TextLineReader} (the data files' strict UTF-8 line reader). */
  static final class TextLines implements AutoCloseable {
    private final TextLineReader reader;

    TextLines(InputStream in, String source) {
      this.reader = new TextLineReader(in, source);
    }

    static TextLines open(Path file) {
      return new TextLines(TextLineReader.open(file));
    }

    private TextLines(TextLineReader reader) {
      this.reader = reader;
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
