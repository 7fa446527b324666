package org.classify4j.llm.govern;

import java.time.Duration;

/**
 * Client-side limits of requests per minute and tokens per minute (0 = no limit). Requests are
 * paced evenly (one every 60/rpm seconds); tokens come from a bucket that holds a minute's worth
 * and refills continuously. {@link #reserve} books capacity and says how long to wait; the wait
 * happens outside the lock, so the limiter never serializes calls beyond the limits themselves.
 */
public final class RateLimiter {
  private final int requestsPerMinute;
  private final long tokensPerMinute;
  private final TimeSource time;
  private long nextRequestNanos;
  private double tokens;
  private long lastRefill;

  public RateLimiter(int requestsPerMinute, long tokensPerMinute, TimeSource time) {
    if (requestsPerMinute < 0 || tokensPerMinute < 0) {
      throw new IllegalArgumentException("limits must be ≥ 0 (0 = none)");
    }
    this.requestsPerMinute = requestsPerMinute;
    this.tokensPerMinute = tokensPerMinute;
    this.time = time;
    this.lastRefill = time.nanos();
    this.nextRequestNanos = lastRefill;
    this.tokens = tokensPerMinute;
  }

  public static RateLimiter unlimited() {
    return new RateLimiter(0, 0, TimeSource.system());
  }

  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  public long tokensPerMinute() {
    return tokensPerMinute;
  }

  /** Books one request of about {@code estimatedTokens}; returns how long to wait before sending. */
  public synchronized Duration reserve(long estimatedTokens) {
    long now = time.nanos();
    long wait = 0;
    if (requestsPerMinute > 0) {
      long interval = 60_000_000_000L / requestsPerMinute;
      long at = Math.max(now, nextRequestNanos);
      nextRequestNanos = at + interval;
      wait = at - now;
    }
    if (tokensPerMinute > 0) {
      refill(now);
      long need = Math.min(estimatedTokens, tokensPerMinute);
      tokens -= need;
      if (tokens < 0) {
        double perNano = tokensPerMinute / 60e9;
        wait = Math.max(wait, (long) Math.ceil(-tokens / perNano));
      }
      tokens -= estimatedTokens - need;
    }
    return Duration.ofNanos(wait);
  }

  /** Corrects the bucket once the server has counted the tokens a call really used. */
  public synchronized void settle(long estimatedTokens, long actualTokens) {
    if (tokensPerMinute > 0) {
      tokens += estimatedTokens - actualTokens;
      tokens = Math.min(tokens, tokensPerMinute);
    }
  }

  private void refill(long now) {
    double perNano = tokensPerMinute / 60e9;
    tokens = Math.min(tokensPerMinute, tokens + (now - lastRefill) * perNano);
    lastRefill = now;
  }
}
