package org.classify4j.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.classify4j.persist.ModelStore;

/**
 * The rules every face follows before it writes a file: an output is never one of the inputs
 * (compared by file identity — symlinks, hard links, {@code ..} paths and a shell redirect of
 * standard input included — not by path strings), a report is never written over an existing file
 * without {@code overwrite} and never over a file of a model directory, and reports are written
 * atomically ({@link org.classify4j.persist.AtomicFiles}: a temporary sibling moved into place), so
 * a failed write leaves the previous version whole.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * True when {@code a} and {@code b} are the same file: the same inode when both exist (through
   * symlinks, hard links and {@code ..}), else the same real path of the parent and name.
   */
  public static boolean sameFile(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
      return canonical(a).equals(canonical(b));
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  private static Path canonical(Path p) throws IOException {
    Path abs = p.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent != null && Files.exists(parent)) {
      return parent.toRealPath().resolve(abs.getFileName());
    }
    return abs;
  }

  /**
   * The file standard input is redirected from ({@code < FILE}), where the platform tells
   * ({@code /proc/self/fd/0} on Linux); empty for a terminal, a pipe, or elsewhere.
   */
  public static Optional<Path> stdinFile() {
    Path fd0 = Path.of("/proc/self/fd/0");
    try {
      if (Files.isRegularFile(fd0)) {
        return Optional.of(fd0.toRealPath());
      }
    } catch (IOException | SecurityException e) {
      // not detectable here
    }
    return Optional.empty();
  }

  /**
   * Refuses an output that is one of the inputs (named by their options, such as {@code --input}), or (when {@code stdinRedirect} is given) the file
   * standard input is read from.
   *
   * @param what how the output is named to the user ("--output", "--json")
   */
  public static void checkNotInput(Path output, String what, Map<String, Path> inputs,
      Optional<Path> stdinRedirect) {
    for (Map.Entry<String, Path> in : inputs.entrySet()) {
      if (sameFile(output, in.getValue())) {
        throw new AppException(what + " is the " + in.getKey() + " file (" + output + " and "
            + in.getValue() + " are the same file): choose another output");
      }
    }
    if (stdinRedirect.isPresent() && sameFile(output, stdinRedirect.get())) {
      throw new AppException(what + " " + output + " is the file standard input is read from ("
          + stdinRedirect.get() + "): choose another output");
    }
  }

  /**
   * Checks a report file before anything runs: not an input, not a file of a model directory, not
   * a directory, and not an existing file unless {@code overwrite}.
   */
  public static void checkReport(Path report, String what, boolean overwrite,
      Map<String, Path> inputs) {
    checkNotInput(report, what, inputs, Optional.empty());
    if (Files.isDirectory(report)) {
      throw new AppException(what + " " + report + " is a directory: give a file name");
    }
    Path parent = report.toAbsolutePath().normalize().getParent();
    if (Files.exists(report, LinkOption.NOFOLLOW_LINKS) && parent != null
        && Files.isRegularFile(parent.resolve(ModelStore.MANIFEST))) {
      throw new AppException(what + " " + report + " is a file of the model directory " + parent
          + ": choose another file");
    }
    if (Files.exists(report) && !overwrite) {
      throw new AppException(what + " " + report + " exists: add --overwrite to replace it");
    }
  }

  /**
   * Checks a model directory to be written, against the process's working directory. See {@link
   * #checkModelDir(Path, boolean, Map, Path)}.
   */
  public static void checkModelDir(Path dir, boolean overwrite, Map<String, Path> inputs) {
    checkModelDir(dir, overwrite, inputs, Path.of(""));
  }

  /**
   * Checks a model directory to be written: never an input, an existing plain file, a directory
   * holding the working directory ({@code workDir}, or the process's), nor a non-empty directory
   * that is not a classify4j model (recognised by its manifest); an existing model directory only
   * with {@code overwrite}. The model itself is written beside and swapped in on success ({@link
   * ModelStore#save}).
   */
  public static void checkModelDir(Path dir, boolean overwrite, Map<String, Path> inputs,
      Path workDir) {
    checkNotInput(dir, "the model directory", inputs, Optional.empty());
    for (Path in : inputs.values()) {
      if (in.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize())) {
        throw new AppException("the model directory " + dir + " holds the input " + in
            + ": choose another directory");
      }
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new AppException(dir + " is a file, not a model directory: choose another --out");
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    for (Path wd : new Path[] {workDir, Path.of("")}) {
      if (holds(dir, wd)) {
        throw new AppException(dir + " is " + (sameFile(dir, wd) ? "" : "a parent of ")
            + "the working directory: a model is never written over it; choose another --out");
      }
    }
    if (isEmptyDir(dir)) {
      return;
    }
    if (!ModelStore.isModelDirectory(dir)) {
      throw new AppException(dir + " exists and is not a classify4j model directory (no "
          + ModelStore.MANIFEST + " of a model): only a model is ever replaced; choose a new or"
          + " empty directory for --out");
    }
    if (!overwrite) {
      throw new AppException(dir + " exists and holds a model: add --overwrite to replace it");
    }
  }

  /** True when {@code dir} is {@code inner} or one of its parents (real paths). */
  static boolean holds(Path dir, Path inner) {
    try {
      return inner.toRealPath().startsWith(dir.toRealPath());
    } catch (IOException e) {
      return inner.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize());
    }
  }

  static boolean isEmptyDir(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes a directory tree (best effort; used for staging directories). */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }

  /**
   * Takes the OS lock that makes {@code channel}'s writer the only writer of {@code output}: a
   * second process (or a second writer in this one) is refused with a message naming the file.
   * The lock goes with the channel (closing it releases the lock).
   */
  public static FileLock lock(FileChannel channel, Path output) throws IOException {
    FileLock l;
    try {
      l = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      throw new AppException(output + " is being written by another run: wait for it to finish,"
          + " or choose another output");
    }
    return l;
  }
}
