package org.classify4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.classify4j.Json;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Document;

/**
 * Where predictions go: JSON lines {@code {"id","labels","scores","abstained"}} or CSV
 * {@code id,labels,scores,abstained} (labels joined by '|', scores as {@code label:score|…}),
 * flushed after every line so that a killed run loses at most the line being written. With
 * {@link #resume} an existing file is continued: a torn last line (a kill mid-write) is cut off
 * and the ids already written are reported so the caller can skip them.
 */
final class PredictionOutput implements AutoCloseable {

  /** Output formats. */
  enum Format {
    JSONL,
    CSV;

    static Format of(Format given, Path file) {
      if (given != null) {
        return given;
      }
      return file != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
          ? CSV : JSONL;
    }
  }

  static final List<String> CSV_HEADER = List.of("id", "labels", "scores", "abstained");

  private final PrintWriter out;
  private final Format format;
  private final boolean ownsStream;
  private final Set<String> done;
  private final CSVPrinter csv;

  private PredictionOutput(PrintWriter out, Format format, boolean ownsStream, Set<String> done,
      boolean writeHeader) {
    this.out = out;
    this.format = format;
    this.ownsStream = ownsStream;
    this.done = done;
    try {
      this.csv = format == Format.CSV
          ? new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())
          : null;
      if (csv != null && writeHeader) {
        csv.printRecord(CSV_HEADER);
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Predictions to a stream that stays the caller's (stdout). */
  static PredictionOutput to(PrintWriter out, Format format) {
    return new PredictionOutput(out, format, false, Set.of(), true);
  }

  /** A new file; fails when it exists unless {@code overwrite}. */
  static PredictionOutput create(Path file, Format format, boolean overwrite) {
    if (Files.exists(file) && !overwrite) {
      throw new CliException(file + " exists: use --resume to continue it or --overwrite to"
          + " replace it");
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      PrintWriter w = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(file,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE), StandardCharsets.UTF_8));
      return new PredictionOutput(w, format, true, Set.of(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Continues {@code file} (or creates it): cuts a torn last line, reads the ids written, and
   * appends.
   */
  static PredictionOutput resume(Path file, Format format) {
    if (!Files.exists(file)) {
      return create(file, format, false);
    }
    try {
      cutTornLine(file);
      Set<String> ids = readIds(file, format);
      boolean empty = Files.size(file) == 0;
      PrintWriter w = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(file,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8));
      return new PredictionOutput(w, format, true, ids, empty);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Truncates the file after its last newline; returns the bytes cut. */
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

  static Set<String> readIds(Path file, Format format) throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    if (format == Format.JSONL) {
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
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
          CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
              .parse(r)) {
        if (Files.size(file) > 0 && !p.getHeaderNames().contains("id")) {
          throw new BadInputException(file.toString(), 1, "id",
              "cannot resume: the CSV header has no 'id' column");
        }
        for (CSVRecord rec : p) {
          ids.add(rec.get("id"));
        }
      }
    }
    return ids;
  }

  /** Ids already in the output (non-empty only when resuming). */
  Set<String> done() {
    return done;
  }

  /** Writes one prediction and flushes. */
  void write(Document doc, Prediction p, ScoreMatrix s, int row, int top) {
    try {
      if (format == Format.JSONL) {
        out.println(PredictionFormat.line(PredictionFormat.json(doc, p, s, row, top)));
      } else {
        StringBuilder sc = new StringBuilder();
        int k = top <= 0 ? s.cols() : Math.min(top, s.cols());
        for (int j : s.topColumns(row, k)) {
          if (sc.length() > 0) {
            sc.append('|');
          }
          sc.append(s.classes().name(j)).append(':').append(PredictionFormat.clean(s.get(row, j)));
        }
        csv.printRecord(doc.id(), String.join("|", p.labelNames()), sc, p.abstained());
      }
      out.flush();
      if (out.checkError()) {
        throw new UncheckedIOException(new IOException("cannot write predictions (disk full?)"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    out.flush();
    if (ownsStream) {
      out.close();
    }
  }
}
