package org.classify4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long task on stderr. On a terminal: one redrawn bar with count, rate and ETA. Not
 * on a terminal (a log file, a CI job): a plain line every {@code interval}, then a summary line.
 * Quiet: nothing. {@link #finish()} prints the summary; {@link #close()} without it (a failure)
 * prints none. Not thread-safe: one task, one thread.
 */
public final class Progress implements org.classify4j.app.ProgressListener.Task {
  /** How progress is shown. */
  public enum Mode {
    BAR,
    LINES,
    NONE
  }

  private static final long BAR_REFRESH_NANOS = 100_000_000L;
  private static final int BAR_WIDTH = 28;

  private final PrintWriter err;
  private final Mode mode;
  private final String task;
  private final String unit;
  private final long total;
  private final LongSupplier clock;
  private final long intervalNanos;
  private final long start;
  private long done;
  private long lastShown;
  private boolean closed;
  private int lastWidth;

  Progress(PrintWriter err, Mode mode, String task, long total, String unit, LongSupplier clock,
      long intervalNanos) {
    this.err = err;
    this.mode = mode;
    this.task = task;
    this.total = total;
    this.unit = unit;
    this.clock = clock;
    this.intervalNanos = intervalNanos;
    this.start = clock.getAsLong();
    this.lastShown = start;
  }

  /**
   * Progress of {@code task} over {@code total} items ({@code -1} when unknown).
   *
   * @param unit the plural noun of an item ("docs")
   */
  public static Progress start(PrintWriter err, Mode mode, String task, long total, String unit) {
    return new Progress(err, mode, task, total, unit, System::nanoTime, 10_000_000_000L);
  }

  /** Chooses the mode: nothing when quiet, a bar on a terminal, lines otherwise. */
  public static Mode mode(boolean quiet, boolean terminal) {
    return quiet ? Mode.NONE : terminal ? Mode.BAR : Mode.LINES;
  }

  /** Items done so far. */
  public long done() {
    return done;
  }

  /** Counts {@code n} more items done. */
  public void advance(long n) {
    done += n;
    if (mode == Mode.NONE || closed) {
      return;
    }
    long now = clock.getAsLong();
    if (mode == Mode.BAR && now - lastShown >= BAR_REFRESH_NANOS) {
      lastShown = now;
      drawBar(now);
    } else if (mode == Mode.LINES && now - lastShown >= intervalNanos) {
      lastShown = now;
      err.println(task + ": " + status(now));
      err.flush();
    }
  }

  private void drawBar(long now) {
    StringBuilder b = new StringBuilder("\r").append(task).append(' ');
    if (total > 0) {
      int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
      b.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ");
    }
    b.append(status(now));
    int width = b.length();
    if (width < lastWidth) {
      b.append(" ".repeat(lastWidth - width));
    }
    lastWidth = width;
    err.print(b);
    err.flush();
  }

  private String status(long now) {
    double secs = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / secs;
    StringBuilder b = new StringBuilder();
    if (total > 0) {
      b.append(String.format(Locale.ROOT, "%d/%d %s (%d%%)", done, total, unit, 100 * done / total));
    } else {
      b.append(done).append(' ').append(unit);
    }
    b.append(String.format(Locale.ROOT, ", %.1f %s/s", rate, unit));
    if (total > 0 && done > 0 && done < total) {
      b.append(", ETA ").append(duration((total - done) / rate));
    }
    return b.toString();
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /** Ends the task without a summary (it failed, or there was nothing to report). */
  public void discard() {
    if (!closed && mode == Mode.BAR && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
    }
    closed = true;
  }

  /** Ends the task as done: the final state on its own line. */
  public void finish() {
    if (closed || mode == Mode.NONE) {
      closed = true;
      return;
    }
    closed = true;
    long now = clock.getAsLong();
    double secs = (now - start) / 1e9;
    String summary = String.format(Locale.ROOT, "%s: done, %d %s in %s (%.1f %s/s)", task, done,
        unit, secs < 10 ? String.format(Locale.ROOT, "%.1fs", secs) : duration(secs),
        done / Math.max(1e-9, secs), unit);
    if (mode == Mode.BAR) {
      err.print("\r" + summary + " ".repeat(Math.max(0, lastWidth - summary.length())) + "\n");
    } else {
      err.println(summary);
    }
    err.flush();
  }

  /** Without {@link #finish()} first (an exception, say): ends without a summary. */
  @Override
  public void close() {
    discard();
  }
}
