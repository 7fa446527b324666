package org.classify4j.llm.govern;

import java.time.Duration;

/**
 * The clock and sleep that governance uses; replaced in tests by a fake that advances instantly,
 * so retry and rate-limit behaviour is tested without waiting.
 */
public interface TimeSource {

  /** Monotonic nanoseconds. */
  long nanos();

  void sleep(Duration d) throws InterruptedException;

  static TimeSource system() {
    return SystemTime.INSTANCE;
  }

  /** The real clock. */
  enum SystemTime implements TimeSource {
    INSTANCE;

    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
      }
    }
  }
}
