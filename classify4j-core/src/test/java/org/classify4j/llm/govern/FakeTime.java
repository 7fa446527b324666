package org.classify4j.llm.govern;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that advances only when someone sleeps; records the sleeps. */
final class FakeTime implements TimeSource {
  private long now;
  final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized long nanos() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    now += d.toNanos();
  }

  synchronized List<Duration> nonZeroSleeps() {
    return sleeps.stream().filter(d -> !d.isZero()).toList();
  }
}
