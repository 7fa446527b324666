package org.classify4j.llm.govern;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When and how long to wait before trying a failed call again: exponential backoff with jitter,
 * and the server's Retry-After (429/503) honoured when it gives one.
 *
 * @param maxAttempts attempts in all, the first included (1 = never retry)
 * @param initialBackoff the wait before the first retry (before jitter)
 * @param maxBackoff the longest computed wait
 * @param multiplier growth per retry (≥ 1)
 * @param jitter relative spread in [0,1]: the wait is drawn uniformly from base × [1−j, 1+j]
 * @param maxRetryAfter a Retry-After longer than this is not waited for: the call fails instead
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    double jitter,
    Duration maxRetryAfter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be ≥ 1");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 ≤ initialBackoff ≤ maxBackoff");
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be ≥ 1");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0,1]");
    }
  }

  /** 6 attempts, 0.5 s doubling to at most 30 s, ±25 % jitter, Retry-After up to 2 minutes. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.25,
        Duration.ofMinutes(2));
  }

  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0, Duration.ZERO);
  }

  public RetryPolicy withMaxAttempts(int n) {
    return new RetryPolicy(n, initialBackoff, maxBackoff, multiplier, jitter, maxRetryAfter);
  }

  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, multiplier, jitter, maxRetryAfter);
  }

  /**
   * The wait before retry number {@code retry} (1 = the first retry), or empty when the server
   * asks for a longer wait than {@link #maxRetryAfter()}. {@code uniform} is a draw from [0,1).
   * With a Retry-After the wait is at least that long.
   */
  public Optional<Duration> delay(int retry, Optional<Duration> retryAfter, double uniform) {
    double base = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
    base = Math.min(base, maxBackoff.toNanos());
    double factor = 1.0 - jitter + 2.0 * jitter * uniform;
    long nanos = (long) (base * factor);
    if (retryAfter.isPresent()) {
      Duration ra = retryAfter.get();
      if (ra.compareTo(maxRetryAfter) > 0) {
        return Optional.empty();
      }
      nanos = Math.max(nanos, ra.toNanos());
    }
    return Optional.of(Duration.ofNanos(nanos));
  }
}
