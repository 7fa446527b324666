package org.classify4j.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.classify4j.Classify4jException;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;

/**
 * Reads data sets from JSONL, CSV and TSV files (optionally gzip-compressed, by a {@code .gz}
 * suffix) or from standard input.
 *
 * <p>Every problem with the input is a {@link BadInputException} whose message names the file, the
 * line, the field and what was expected, e.g. {@code train.jsonl:12: field 'labels': expected a
 * list of strings or a string, found a number}.
 *
 * <p>Format rules: text is UTF-8 (a leading byte-order mark is dropped; invalid bytes are an error
 * naming the line); blank lines are passed over silently (counted in {@link ReadReport}); lines
 * are numbered from 1 counting blank lines, so numbers match an editor's.
 *
 * <p>Label order: with a given label space, its order; otherwise the labels used, sorted by name
 * ({@link String#compareTo}), so that the order does not depend on the order of the rows.
 */
public final class DatasetReader {
  /** The source name used for standard input. */
  public static final String STDIN = "<stdin>";

  private DatasetReader() {}

  /** Opens a file for streaming; the format comes from the options or the file name. */
  public static ExampleStream open(Path path, ReadOptions options) {
    DataFormat format = options.format().orElseGet(() -> DataFormat.detect(path));
    InputStream in;
    try {
      in = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new BadInputException(path.toString(), 0, "", "no such file");
    } catch (IOException e) {
      throw new Classify4jException("cannot open " + path + ": " + e, e);
    }
    boolean gz = path.getFileName() != null
        && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    return open(in, path.toString(), format, gz, options);
  }

  /**
   * Opens a stream for reading (it is closed with the returned stream). The format comes from the
   * options, else from {@code sourceName} as a file name, else JSONL.
   */
  public static ExampleStream open(InputStream in, String sourceName, ReadOptions options) {
    DataFormat format =
        options.format().or(() -> DataFormat.fromFileName(sourceName)).orElse(DataFormat.JSONL);
    boolean gz = sourceName.toLowerCase(Locale.ROOT).endsWith(".gz");
    return open(in, sourceName, format, gz, options);
  }

  /** Reads standard input (source name {@code <stdin>}; JSONL unless the options say otherwise). */
  public static ExampleStream openStdin(ReadOptions options) {
    InputStream nonClosing = new java.io.FilterInputStream(System.in) {
      @Override
      public void close() {}
    };
    return open(nonClosing, STDIN, options);
  }

  private static ExampleStream open(InputStream raw, String source, DataFormat format,
      boolean gzip, ReadOptions options) {
    try {
      InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      LineSource lines = new LineSource(in);
      RecordReader reader;
      try {
        reader = format == DataFormat.JSONL
            ? new JsonlRecordReader(source, lines)
            : new CsvRecordReader(source, lines, format, options.columns(),
                options.labelSeparator(), options.csvQuotes());
      } catch (RuntimeException e) {
        lines.close();
        throw e;
      }
      if (options.requireLabels() && reader instanceof CsvRecordReader c
          && c.labelsColumn() < 0) {
        reader.close();
        throw new BadInputException(source, 1, options.columns().labels(),
            "column missing from the header (expected a labels column: labels are required)");
      }
      return new ExampleStream(source, format, reader, options);
    } catch (IOException e) {
      closeQuietly(raw);
      throw new BadInputException(source, 0, "", "not gzip data: " + e.getMessage());
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // already failing
    }
  }

  /** Opens a file for streaming with {@link ReadOptions#defaults()}. */
  public static ExampleStream open(Path path) {
    return open(path, ReadOptions.defaults());
  }

  /** Reads a whole file with {@link ReadOptions#defaults()}. */
  public static Dataset read(Path path) {
    return read(path, ReadOptions.defaults());
  }

  /** Reads a whole file into a data set (see the class comment for the label order). */
  public static Dataset read(Path path, ReadOptions options) {
    return load(path, options).dataset();
  }

  /** Reads a whole file, keeping the read report and each example's line. */
  public static LoadedDataset load(Path path, ReadOptions options) {
    try (ExampleStream s = open(path, options)) {
      return load(s);
    }
  }

  /** Reads the rest of a stream into a data set (does not close it). */
  public static LoadedDataset load(ExampleStream s) {
    List<Example> examples = new ArrayList<>();
    long[] lines = new long[1024];
    TreeSet<String> seen = new TreeSet<>();
    boolean anyNotOne = false;
    while (s.hasNext()) {
      Example e = s.next();
      if (examples.size() == lines.length) {
        lines = java.util.Arrays.copyOf(lines, lines.length * 2);
      }
      lines[examples.size()] = s.line();
      examples.add(e);
      seen.addAll(e.labels());
      anyNotOne |= e.labels().size() != 1;
    }
    ReadOptions o = s.options();
    LabelSpace space;
    if (o.labelSpace().isPresent()) {
      LabelSpace given = o.labelSpace().get();
      seen.removeIf(given::contains);
      space = seen.isEmpty() ? given : given.union(LabelSpace.ofNames(seen));
    } else {
      space = LabelSpace.ofNames(seen);
    }
    boolean multi = switch (o.multiLabel()) {
      case AUTO -> anyNotOne;
      case SINGLE -> false;
      case MULTI -> true;
    };
    Dataset d = new Dataset(space, examples, multi);
    return new LoadedDataset(d, s.report(), java.util.Arrays.copyOf(lines, examples.size()));
  }
}
