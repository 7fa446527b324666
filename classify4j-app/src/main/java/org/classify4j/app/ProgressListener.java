package org.classify4j.app;

/**
 * Where services report progress; each face shows it its own way (the CLI: a bar or plain lines on
 * stderr; the server: nothing). Services never print.
 */
public interface ProgressListener {

  /** Starts a task of {@code total} units ({@code -1}: unknown). */
  Task start(String task, long total, String unit);

  /** A note for the person running the task (a face may show it; never document text). */
  default void info(String message) {}

  /** Reports nothing. */
  static ProgressListener none() {
    return (task, total, unit) -> new Task() {
      private long done;

      @Override
      public synchronized void advance(long n) {
        done += n;
      }

      @Override
      public synchronized long done() {
        return done;
      }

      @Override
      public void finish() {}

      @Override
      public void discard() {}
    };
  }

  /** One running task. Thread-safe: several workers may advance it. */
  interface Task extends AutoCloseable {
    void advance(long n);

    /** Units done so far. */
    long done();

    /** The task ended well: show its summary. */
    void finish();

    /** The task ended without a summary (failure, or nothing to show). */
    void discard();

    /** Discards unless finished. */
    @Override
    default void close() {
      discard();
    }
  }
}
