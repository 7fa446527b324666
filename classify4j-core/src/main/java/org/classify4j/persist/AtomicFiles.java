package org.classify4j.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written whole or not at all: through a temporary sibling moved into place in one step, so
 * a reader (or a run killed half-way) sees the old file or the new one, never a part. Reports,
 * decision rules, usage files and benchmark outputs are all written through here.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes a file (a report, a model part) to the path it is given. */
  @FunctionalInterface
  public interface FileWriting {
    void writeTo(Path file) throws IOException;
  }

  /** Writes {@code text} to {@code file} atomically (UTF-8). */
  public static void writeString(Path file, String text) {
    writeAtomically(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
  }

  /**
   * Writes through a temporary sibling and moves it into place in one step; a failure removes
   * the temporary file and leaves the old one whole.
   *
   * @throws UncheckedIOException naming the file when writing or moving fails
   */
  public static void writeAtomically(Path file, FileWriting writing) {
    Path abs = file.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    Path tmp = null;
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
      tmp = Files.createTempFile(parent, "." + abs.getFileName() + ".", ".tmp");
      writing.writeTo(tmp);
      replace(tmp, abs);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  /** Moves {@code from} over {@code to}, atomically where the file system can. */
  public static void replace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
