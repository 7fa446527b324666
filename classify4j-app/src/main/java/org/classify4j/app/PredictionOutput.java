package org.classify4j.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.FilterWriter;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
  private final Path file;
  private final FileChannel channel;
  private final boolean created;
  /** When replacing an existing file: the new one, written beside and moved over it on close. */
  private final Path staged;
  /** When replacing: the existing file's channel, holding its lock until the swap. */
  private final FileChannel replaced;
  private long written;

  private PredictionOutput(Writer w, DataFormat format, int top, Set<String> done,
      boolean header, Path file, FileChannel channel, boolean created) {
    this(w, format, top, done, header, file, channel, created, null, null);
  }

  private PredictionOutput(Writer w, DataFormat format, int top, Set<String> done,
      boolean header, Path file, FileChannel channel, boolean created, Path staged,
      FileChannel replaced) {
    this.done = done;
    this.file = file;
    this.channel = channel;
    this.created = created;
    this.staged = staged;
    this.replaced = replaced;
    if (format == DataFormat.JSONL) {
      // a lone surrogate in an id or label is written as a JSON escape, so it reads back as itself
      this.jsonl = new JsonlWriter(new EscapeLoneSurrogates(w, true), top, 6);
      this.csv = null;
    } else {
      // CSV has no escape: a lone surrogate becomes U+FFFD, and resume compares ids the same way
      Writer ew = new EscapeLoneSurrogates(w, false);
      // CsvWriter always writes its header: when appending, swallow it
      this.csv = new CsvWriter(header ? ew : new SkipFirstLine(ew), format, "|",
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

  /**
   * Predictions to a writer that stays the caller's (stdout). A {@link PrintWriter} swallows write
   * errors: they are checked after every line, so a full disk stops the run with an error.
   */
  public static PredictionOutput to(Writer out, DataFormat format, int top) {
    Writer nonClosing = new FilterWriter(out) {
      @Override
      public void flush() throws IOException {
        super.flush();
        if (out instanceof PrintWriter pw && pw.checkError()) {
          throw new StandardOutputError();
        }
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
    return new PredictionOutput(nonClosing, format, top, Set.of(), true, null, null, false);
  }

  /**
   * A new file; fails when it exists unless {@code overwrite}, when it is not a regular file (a
   * directory, a device, a pipe: never touched), or when another run writes it (an OS lock held
   * while this output is open). An existing file is replaced only when the run succeeds: the new
   * predictions go to a hidden sibling that {@link #close()} moves over it, and {@link #abandon()}
   * deletes, leaving the old file as it was.
   */
  public static PredictionOutput create(Path file, DataFormat format, int top, boolean overwrite) {
    requireRegularFile(file);
    boolean exists = Files.exists(file);
    if (exists && !overwrite) {
      throw new AppException(file + " exists: use --resume to continue it or --overwrite to"
          + " replace it");
    }
    FileChannel ch = null;
    FileChannel old = null;
    Path staged = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (exists) {
        // the old file: locked (no other run writes it), untouched until the swap
        old = FileChannel.open(file, StandardOpenOption.WRITE);
        lockOrClose(old, file);
        staged = Files.createTempFile(parent, "." + file.getFileName() + ".", ".partial");
        try {
          // the new file keeps the old one's permissions (a temporary file is made private)
          Files.setPosixFilePermissions(staged, Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException | IOException ignored) {
          // not a POSIX file system: the default permissions
        }
        ch = FileChannel.open(staged, StandardOpenOption.WRITE);
      } else {
        ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lockOrClose(ch, file);
        ch.truncate(0);
      }
      Writer w = writer(ch);
      return new PredictionOutput(w, format, top, Set.of(), true, file, ch, !exists, staged, old);
    } catch (IOException | RuntimeException e) {
      closeQuietly(ch);
      closeQuietly(old);
      if (staged != null) {
        try {
          Files.deleteIfExists(staged);
        } catch (IOException ignored) {
          // best effort
        }
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(),
          (IOException) e);
    }
  }

  /**
   * Refuses an output that exists and is not a regular file (symlinks are followed): a directory,
   * a device node, a pipe is never written to, truncated or replaced.
   */
  static void requireRegularFile(Path file) {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new AppException(file + " is " + (Files.isDirectory(file) ? "a directory"
          : "not a regular file (a device or a pipe)") + ": --output must be a file (without"
          + " --output, predictions go to standard output)");
    }
  }

  private static void lockOrClose(FileChannel ch, Path file) throws IOException {
    try {
      OutputFiles.lock(ch, file);
    } catch (AppException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Continues {@code file} (or creates it): cuts a torn last record, reads the ids written, and
   * appends; refused while another run writes the same file.
   */
  public static PredictionOutput resume(Path file, DataFormat format, int top) {
    if (!Files.exists(file)) {
      return create(file, format, top, false);
    }
    requireRegularFile(file);
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        OutputFiles.lock(ch, file);
      } catch (AppException e) {
        ch.close();
        ch = null;
        throw e;
      }
      // before anything is cut or appended: is it an output of this command, in this format?
      requirePredictions(file, format);
      cutTornLine(file, format);
      Set<String> ids = readIds(file, format);
      boolean empty = ch.size() == 0;
      ch.position(ch.size());
      return new PredictionOutput(writer(ch), format, top, ids, empty, file, ch, false);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException("cannot resume " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static Writer writer(FileChannel ch) {
    OutputStream os = Channels.newOutputStream(ch);
    return new BufferedWriter(new OutputStreamWriter(new FilterOutputStream(os) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() {
        // the channel (and its lock) is closed by PredictionOutput
      }
    }, StandardCharsets.UTF_8));
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  /** Truncates the file after its last newline; returns the number of bytes cut. */
  static long cutTornLine(Path file) throws IOException {
    return cutTornLine(file, DataFormat.JSONL);
  }

  /**
   * Truncates the file after its last complete record; returns the number of bytes cut. For CSV and
   * TSV a record ends at a newline outside quotes, so a record torn inside a multi-line quoted cell
   * is cut whole.
   */
  static long cutTornLine(Path file, DataFormat format) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long size = raf.length();
      long keep;
      if (format == DataFormat.JSONL) {
        keep = lastNewline(raf, size);
      } else {
        keep = lastRecordEnd(raf, size);
      }
      if (keep < size) {
        raf.setLength(keep);
      }
      return size - keep;
    }
  }

  private static long lastNewline(RandomAccessFile raf, long size) throws IOException {
    long pos = size;
    byte[] buf = new byte[8192];
    while (pos > 0) {
      int n = (int) Math.min(buf.length, pos);
      raf.seek(pos - n);
      raf.readFully(buf, 0, n);
      for (int i = n - 1; i >= 0; i--) {
        if (buf[i] == '\n') {
          return pos - n + i + 1;
        }
      }
      pos -= n;
    }
    return 0;
  }

  /** The offset after the last newline outside double quotes (RFC 4180 quoting). */
  private static long lastRecordEnd(RandomAccessFile raf, long size) throws IOException {
    raf.seek(0);
    byte[] buf = new byte[8192];
    boolean quoted = false;
    long keep = 0;
    long pos = 0;
    int n;
    while ((n = raf.read(buf)) > 0) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '"') {
          quoted = !quoted;
        } else if (b == '\n' && !quoted) {
          keep = pos + i + 1;
        }
      }
      pos += n;
    }
    return keep;
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

  /**
   * True when the output already holds {@code id} (a resumed run): compared as the id reads back,
   * so ids that are not valid UTF-16 are recognised too.
   */
  public boolean isDone(String id) {
    return !done.isEmpty() && (done.contains(id) || done.contains(EscapeLoneSurrogates.replace(id)));
  }

  /** Predictions written through this output. */
  public long written() {
    return written;
  }

  /**
   * Closes after a failed run: a file this output created and never wrote a prediction to is
   * removed, so it does not block a plain rerun.
   */
  public void abandon() {
    if (staged != null) {
      // replacing: the old file stays as it was, the new one is dropped
      try {
        closeWriter();
      } catch (RuntimeException ignored) {
        // already failing
      } finally {
        closeQuietly(channel);
        closeQuietly(replaced);
      }
      try {
        Files.deleteIfExists(staged);
      } catch (IOException ignored) {
        // best effort
      }
      return;
    }
    boolean remove = created && written == 0 && file != null;
    try {
      close();
    } catch (RuntimeException ignored) {
      // already failing
    }
    if (remove) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /** Writes one prediction (flushed by the writer). */
  public void write(String id, Prediction p, ScoreMatrix s, int row) {
    if (jsonl != null) {
      jsonl.write(id, p, s, row);
    } else {
      csv.write(id, p, s, row);
    }
    written++;
  }

  /**
   * Closes the output; when it replaces an existing file, the complete new file is moved over the
   * old one now (an atomic rename where the file system has one).
   */
  @Override
  public void close() {
    if (staged == null) {
      try {
        closeWriter();
      } finally {
        closeQuietly(channel);
      }
      return;
    }
    boolean moved = false;
    try {
      closeWriter();
      channel.force(true);
      channel.close();
      try {
        Files.move(staged, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(staged, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + file + ": " + e.getMessage(), e);
    } finally {
      closeQuietly(channel);
      closeQuietly(replaced);
      if (!moved) {
        try {
          Files.deleteIfExists(staged);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  private void closeWriter() {
    if (jsonl != null) {
      jsonl.close();
    } else {
      csv.close();
    }
  }

  /**
   * Refuses to resume into a file that is not an output of {@code predict} in this format: its
   * first complete line must be a prediction ({@code id}, {@code labels}, {@code scores},
   * {@code abstained}) for JSON lines, or the header {@code id,labels,abstained,scores} for CSV and
   * TSV. A data file given as --output by mistake is left as it is.
   */
  static void requirePredictions(Path file, DataFormat format) throws IOException {
    String first = null;
    long n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        n++;
        if (!line.isBlank()) {
          first = line;
          break;
        }
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new BadInputException(file.toString(), Math.max(1, n + 1), "",
          "cannot resume: not a predictions file (not UTF-8 text)");
    }
    if (first == null || !completeLine(file, n)) {
      return; // empty, or only a torn first line: cut below
    }
    String hint = "; is --output a data file? give a new --output";
    if (format == DataFormat.JSONL) {
      JsonNode node;
      try {
        node = Json.mapper().readTree(first);
      } catch (IOException e) {
        throw new BadInputException(file.toString(), n, "",
            "cannot resume: not a JSON line of predict's output" + hint);
      }
      if (node == null || !node.isObject()) {
        throw new BadInputException(file.toString(), n, "",
            "cannot resume: not a JSON object of predict's output" + hint);
      }
      for (String f : new String[] {"id", "labels", "scores", "abstained"}) {
        if (!node.has(f)) {
          throw new BadInputException(file.toString(), n, f, "cannot resume: not a prediction"
              + " (predict writes \"id\", \"labels\", \"scores\" and \"abstained\")" + hint);
        }
      }
      if (!node.get("labels").isArray() || !node.get("scores").isObject()
          || !node.get("abstained").isBoolean() || node.has("text")) {
        throw new BadInputException(file.toString(), n, "", "cannot resume: not a prediction"
            + " of predict's output" + hint);
      }
    } else {
      String sep = format == DataFormat.TSV ? "\t" : ",";
      java.util.List<String> cols = java.util.Arrays.stream(first.split(sep, -1))
          .map(c -> c.strip().replace("\"", "")).toList();
      if (!cols.containsAll(java.util.List.of("id", "labels", "abstained", "scores"))
          || cols.contains("text")) {
        throw new BadInputException(file.toString(), n, "", "cannot resume: the header is not"
            + " predict's (id" + sep.replace("\t", "<TAB>") + "labels...)" + hint);
      }
    }
  }

  /** True when line {@code n} (1-based) of {@code file} ends with a newline. */
  private static boolean completeLine(Path file, long n) throws IOException {
    try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      long lines = 0;
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n' && ++lines == n) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Standard output could not be written (a full disk, a closed pipe): a failure of the run's
   * environment, not of its input.
   */
  public static final class StandardOutputError extends IOException {
    private static final long serialVersionUID = 1L;

    public StandardOutputError() {
      super("cannot write to standard output (disk full or closed?)");
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

  /**
   * Passes text through, writing each lone surrogate (a {@code char} that is half of no pair) as a
   * JSON escape {@code \\uD800} (for JSON lines) or as U+FFFD (for CSV), instead of the {@code ?}
   * that a UTF-8 encoder would put in its place.
   */
  static final class EscapeLoneSurrogates extends FilterWriter {
    private final boolean json;
    private char pendingHigh;

    EscapeLoneSurrogates(Writer out, boolean json) {
      super(out);
      this.json = json;
    }

    /** {@code s} with every lone surrogate replaced by U+FFFD. */
    static String replace(String s) {
      StringBuilder b = null;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean lone = Character.isHighSurrogate(c)
            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
        if (Character.isHighSurrogate(c) && !lone) {
          if (b != null) {
            b.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
        if (lone && b == null) {
          b = new StringBuilder(s.length()).append(s, 0, i);
        }
        if (b != null) {
          b.append(lone ? '\uFFFD' : c);
        }
      }
      return b == null ? s : b.toString();
    }

    private void lone(char c) throws IOException {
      if (json) {
        out.write(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
      } else {
        out.write('\uFFFD');
      }
    }

    @Override
    public void write(int c) throws IOException {
      char ch = (char) c;
      if (pendingHigh != 0) {
        char h = pendingHigh;
        pendingHigh = 0;
        if (Character.isLowSurrogate(ch)) {
          out.write(h);
          out.write(ch);
          return;
        }
        lone(h);
      }
      if (Character.isHighSurrogate(ch)) {
        pendingHigh = ch;
      } else if (Character.isLowSurrogate(ch)) {
        lone(ch);
      } else {
        out.write(ch);
      }
    }

    @Override
    public void write(char[] b, int off, int len) throws IOException {
      int start = off;
      int end = off + len;
      for (int i = off; i < end; i++) {
        char c = b[i];
        if (pendingHigh == 0 && !Character.isSurrogate(c)) {
          continue;
        }
        out.write(b, start, i - start);
        write(c);
        start = i + 1;
      }
      out.write(b, start, end - start);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      write(s.toCharArray(), off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (pendingHigh != 0) {
        char h = pendingHigh;
        pendingHigh = 0;
        lone(h);
      }
      out.close();
    }
  }
}
