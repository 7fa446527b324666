package org.classify4j.data.io;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;

/**
 * Examples read one at a time from a data file, in constant memory apart from the set of ids seen
 * (kept to reject duplicates; records without an id cost one bit each). Not thread-safe. Close it
 * (or the {@link #stream()}) when done.
 *
 * <p>Checks made on every record, whatever the format: non-blank text (unless {@link
 * ReadOptions#allowEmptyText()}), labels present when required, labels in the label space when it
 * is given and strict, at most one label when single-label is forced, unique ids. Records without
 * an id get {@code line-N} (N = the record's first line).
 */
public final class ExampleStream implements Iterator<Example>, AutoCloseable {
  private final String source;
  private final DataFormat format;
  private final RecordReader reader;
  private final ReadOptions options;
  private final LabelSpace strictSpace;
  private final Map<String, Long> explicitIds = new HashMap<>();
  private final BitSet generatedIds = new BitSet();
  private final List<ReadReport.Skipped> skipped = new ArrayList<>();
  private long skippedCount;
  private long delivered;
  private Example ahead;
  private long aheadLine;
  private long line;
  private boolean done;
  private boolean closed;

  ExampleStream(String source, DataFormat format, RecordReader reader, ReadOptions options) {
    this.source = source;
    this.format = format;
    this.reader = reader;
    this.options = options;
    this.strictSpace = options.strictLabels() ? options.labelSpace().orElse(null) : null;
  }

  /** The file name, or {@code <stdin>}. */
  public String source() {
    return source;
  }

  public DataFormat format() {
    return format;
  }

  public ReadOptions options() {
    return options;
  }

  /** The first line of the record of the example last returned by {@link #next()} (0 before). */
  public long line() {
    return line;
  }

  @Override
  public boolean hasNext() {
    if (ahead == null && !done) {
      ahead = advance();
      if (ahead == null) {
        done = true;
      }
    }
    return ahead != null;
  }

  /**
   * The next example.
   *
   * @throws BadInputException for a bad record (with {@link ReadOptions.OnError#FAIL}), or for
   *     input that cannot be read on
   */
  @Override
  public Example next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more examples in " + source);
    }
    Example e = ahead;
    ahead = null;
    line = aheadLine;
    delivered++;
    return e;
  }

  /** The rest of the examples as a sequential stream; closing it closes this. */
  public Stream<Example> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** What has been read so far (complete once the stream is exhausted). */
  public ReadReport report() {
    return new ReadReport(source, format, reader.lines(), delivered, reader.blankLines(),
        skippedCount, skipped);
  }

  private Example advance() {
    while (true) {
      try {
        RecordReader.Raw r = reader.next();
        if (r == null) {
          return null;
        }
        Example e = validate(r);
        aheadLine = r.line();
        return e;
      } catch (RecordReader.Fatal f) {
        throw f;
      } catch (BadInputException e) {
        if (options.onError() != ReadOptions.OnError.SKIP) {
          throw e;
        }
        skippedCount++;
        if (skipped.size() < ReadReport.MAX_KEPT) {
          skipped.add(new ReadReport.Skipped(e.line(), e.field(), e.problem(), e.getMessage()));
        }
      }
    }
  }

  private Example validate(RecordReader.Raw r) {
    long n = r.line();
    if (!options.allowEmptyText() && r.text().isBlank()) {
      throw new BadInputException(source, n, reader.textField(),
          (r.text().isEmpty() ? "empty text" : "text is only whitespace")
              + " (expected text to classify)");
    }
    List<String> labels = r.labels();
    if (labels.isEmpty() && options.requireLabels()) {
      throw new BadInputException(source, n, reader.labelsField(),
          "no labels (expected at least one: labels are required)");
    }
    if (strictSpace != null) {
      for (String l : labels) {
        if (!strictSpace.contains(l)) {
          throw new BadInputException(source, n, reader.labelsField(),
              "unknown label '" + l + "' (expected one of the " + strictSpace.size()
                  + " labels of the label space" + examples(strictSpace) + ")");
        }
      }
    }
    if (options.multiLabel() == ReadOptions.MultiLabel.SINGLE && labels.size() > 1) {
      throw new BadInputException(source, n, reader.labelsField(),
          labels.size() + " labels " + labels
              + " in single-label data (expected at most one label)");
    }
    String id = r.id();
    if (id == null) {
      String gen = "line-" + n;
      Long first = explicitIds.get(gen);
      if (first != null) {
        throw new BadInputException(source, n, reader.idField(),
            "this record has no id and its generated id '" + gen + "' is already used at line "
                + first + " (expected unique ids)");
      }
      if (n <= Integer.MAX_VALUE) {
        generatedIds.set((int) n);
      }
      id = gen;
    } else {
      Long first = explicitIds.get(id);
      long gen = generatedLine(id);
      if (first == null && gen > 0 && gen <= Integer.MAX_VALUE && generatedIds.get((int) gen)) {
        first = gen;
      }
      if (first != null) {
        throw new BadInputException(source, n, reader.idField(),
            "duplicate id '" + id + "', first used at line " + first + " (expected unique ids)");
      }
      explicitIds.put(id, n);
    }
    return new Example(new Document(id, r.text(), r.metadata()), labels);
  }

  /** N when id is {@code line-N}, else -1. */
  private static long generatedLine(String id) {
    if (!id.startsWith("line-") || id.length() > 24 || id.length() == 5) {
      return -1;
    }
    long v = 0;
    for (int i = 5; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9' || (i == 5 && c == '0')) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static String examples(LabelSpace s) {
    if (s.size() == 0) {
      return "";
    }
    List<String> names = s.names().subList(0, Math.min(5, s.size()));
    return ", e.g. " + String.join(", ", names) + (s.size() > 5 ? ", ..." : "");
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      reader.close();
    }
  }
}
