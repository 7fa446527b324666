package org.classify4j.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.classify4j.Json;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.BadInputException;
import org.classify4j.classify.io.CsvWriter;
import org.classify4j.data.io.DataFormat;
import org.classify4j.classify.io.JsonlWriter;

/**
 * Where predictions go, through the data module's writers: JSON lines
 * {@code {"id","labels","scores","abstained"}} ({@link JsonlWriter}) or CSV/TSV
 * {@code id,labels,abstained,scores} ({@link CsvWriter}), flushed after every line so that a killed
 * run loses at most the line being written. With {@link #resume} an existing file is continued: a
 * torn last line (a kill mid-write) is cut off and the ids already written are reported so that
 * the caller skips them.
 */
public final class PredictionOutput implements AutoCloseable {

  private final JsonlWriter jsonl;
  private final CsvWriter csv;
  private final Set<String> done;

  private PredictionOutput(Writer w, DataFormat format, int top, Set<String> done,
      boolean header) {
    this.done = done;
    if (format == DataFormat.JSONL) {
      this.jsonl = new JsonlWriter(w, top, 6);
      this.csv = null;
    } else {
      // CsvWriter always writes its header: when appending, swallow it
      this.csv = new CsvWriter(header ? w : new SkipFirstLine(w), format, "|",
          CsvWriter.ScoreStyle.JSON, top);
      this.jsonl = null;
    }
  }

  /** The format of an output file: given, else from its extension, else JSONL. */
  public static DataFormat format(DataFormat given, Path file) {
    if (given != null) {
      return given;
    }
    return file == null ? DataFormat.JSONL
        : DataFormat.fromFileName(file.getFileName().toString()).orElse(DataFormat.JSONL);
  }

  /** Predictions to a writer that stays the caller's (stdout). */
  public static PredictionOutput to(Writer out, DataFormat format, int top) {
    Writer nonClosing = new FilterWriter(out) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
    return new PredictionOutput(nonClosing, format, top, Set.of(), true);
  }

  /** A new file; fails when it exists unless {@code overwrite}. */
  public static PredictionOutput create(Path file, DataFormat format, int top, boolean overwrite) {
    if (Files.exists(file) && !overwrite) {
      throw new AppException(file + " exists: use --resume to continue it or --overwrite to"
          + " replace it");
    }
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE), StandardCharsets.UTF_8));
      return new PredictionOutput(w, format, top, Set.of(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Continues {@code file} (or creates it): cuts a torn last line, reads the ids written, and
   * appends.
   */
  public static PredictionOutput resume(Path file, DataFormat format, int top) {
    if (!Files.exists(file)) {
      return create(file, format, top, false);
    }
    try {
      cutTornLine(file);
      Set<String> ids = readIds(file, format);
      boolean empty = Files.size(file) == 0;
      Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8));
      return new PredictionOutput(w, format, top, ids, empty);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Truncates the file after its last newline; returns the number of bytes cut. */
  static long cutTornLine(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long size = raf.length();
      long pos = size;
      byte[] buf = new byte[8192];
      while (pos > 0) {
        int n = (int) Math.min(buf.length, pos);
        raf.seek(pos - n);
        raf.readFully(buf, 0, n);
        for (int i = n - 1; i >= 0; i--) {
          if (buf[i] == '\n') {
            long keep = pos - n + i + 1;
            if (keep < size) {
              raf.setLength(keep);
            }
            return size - keep;
          }
        }
        pos -= n;
      }
      raf.setLength(0);
      return size;
    }
  }

  static Set<String> readIds(Path file, DataFormat format) throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    if (format == DataFormat.JSONL) {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        long n = 0;
        while ((line = r.readLine()) != null) {
          n++;
          if (line.isBlank()) {
            continue;
          }
          JsonNode node;
          try {
            node = Json.mapper().readTree(line);
          } catch (IOException e) {
            throw new BadInputException(file.toString(), n, "",
                "cannot resume: not a JSON line of an earlier run");
          }
          JsonNode id = node == null ? null : node.get("id");
          if (id == null || id.isNull()) {
            throw new BadInputException(file.toString(), n, "id", "cannot resume: no id");
          }
          ids.add(id.asText());
        }
      }
    } else {
      CSVFormat f = (format == DataFormat.TSV ? CSVFormat.TDF : CSVFormat.DEFAULT).builder()
          .setHeader().setSkipHeaderRecord(true).get();
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
          CSVParser p = f.parse(r)) {
        if (Files.size(file) > 0 && !p.getHeaderNames().contains("id")) {
          throw new BadInputException(file.toString(), 1, "id",
              "cannot resume: the header has no 'id' column");
        }
        for (CSVRecord rec : p) {
          ids.add(rec.get("id"));
        }
      }
    }
    return ids;
  }

  /** Ids already in the output (non-empty only when resuming). */
  public Set<String> done() {
    return done;
  }

  /** Writes one prediction (flushed by the writer). */
  public void write(String id, Prediction p, ScoreMatrix s, int row) {
    if (jsonl != null) {
      jsonl.write(id, p, s, row);
    } else {
      csv.write(id, p, s, row);
    }
  }

  @Override
  public void close() {
    if (jsonl != null) {
      jsonl.close();
    } else {
      csv.close();
    }
  }

  /** Drops everything up to and including the first newline written through it. */
  static final class SkipFirstLine extends FilterWriter {
    private boolean skipping = true;

    SkipFirstLine(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      if (skipping) {
        skipping = c != '\n';
        return;
      }
      out.write(c);
    }

    @Override
    public void write(char[] b, int off, int len) throws IOException {
      int i = off;
      int end = off + len;
      while (skipping && i < end) {
        skipping = b[i++] != '\n';
      }
      if (i < end) {
        out.write(b, i, end - i);
      }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      write(s.toCharArray(), off, len);
    }
  }

}
