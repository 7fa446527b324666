package org.classify4j.llm.label;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The append-only record of the requests a labeling run sent, kept beside its label file as {@code
 * FILE.usage.journal}: one line per request, written (to the operating system, which keeps it
 * when the process is killed) just before the request goes out. The usage file's snapshots say
 * how many journal lines they already count, so {@link LabelUsage#read} adds the requests of a
 * run that was killed between two snapshots: the usage never counts fewer requests than the
 * server received. Deleted when a run ends and its usage is written whole. Thread-safe.
 */
public final class UsageJournal implements AutoCloseable {
  private static final ByteBuffer LINE = ByteBuffer.wrap(new byte[] {'s', '\n'});

  private final Path file;
  private final FileChannel channel;
  private long count;

  private UsageJournal(Path file) {
    this.file = file;
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the usage journal " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** The journal kept beside a label file. */
  public static Path sidecar(Path labelFile) {
    return labelFile.resolveSibling(labelFile.getFileName() + ".usage.journal");
  }

  /** Starts an empty journal (replacing one already folded into the usage file). */
  public static UsageJournal start(Path file) {
    return new UsageJournal(file);
  }

  /** Records one request about to be sent. */
  public synchronized void sent() {
    try {
      channel.write(LINE.duplicate());
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the usage journal " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** Requests recorded by this journal. */
  public synchronized long count() {
    return count;
  }

  /** Requests recorded in a journal file (0 when there is none). */
  public static long count(Path file) {
    long n = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[8192];
      for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the usage journal " + file + ": "
          + e.getMessage(), e);
    }
    return n;
  }

  /** Closes and deletes the journal (its requests are in the usage file). */
  public synchronized void delete() {
    close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the usage journal " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
