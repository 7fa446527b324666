package org.classify4j.data.io;

import java.util.List;
import java.util.Objects;

/**
 * What reading a data set met.
 *
 * @param source the file name or {@code <stdin>}
 * @param format the format read
 * @param lines physical lines read so far
 * @param examples examples delivered
 * @param blankLines blank lines passed over (they are not records)
 * @param skippedCount records left out as bad (only with {@link ReadOptions.OnError#SKIP})
 * @param skipped the first {@link #MAX_KEPT} skipped records: line and problem
 */
public record ReadReport(
    String source,
    DataFormat format,
    long lines,
    long examples,
    long blankLines,
    long skippedCount,
    List<Skipped> skipped) {
  /** How many skipped records a report keeps in detail. */
  public static final int MAX_KEPT = 100;

  /** A skipped record: its first line and the error that made it bad. */
  public record Skipped(long line, String field, String problem, String message) {
    public Skipped {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(message, "message");
    }
  }

  public ReadReport {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    skipped = List.copyOf(skipped);
  }

  /** Line numbers of the kept skipped records. */
  public long[] skippedLines() {
    return skipped.stream().mapToLong(Skipped::line).toArray();
  }

  /** One line for logs: counts only, never texts. */
  public String summary() {
    return source + ": " + examples + " examples from " + lines + " lines"
        + (blankLines > 0 ? ", " + blankLines + " blank lines" : "")
        + (skippedCount > 0 ? ", " + skippedCount + " bad records skipped" : "");
  }
}
