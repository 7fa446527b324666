package org.classify4j.llm.govern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void requestsArePacedEvenly() {
    FakeTime t = new FakeTime();
    RateLimiter l = new RateLimiter(120, 0, t); // one every 500 ms
    assertThat(l.reserve(10)).isEqualTo(Duration.ZERO);
    assertThat(l.reserve(10)).isEqualTo(Duration.ofMillis(500));
    assertThat(l.reserve(10)).isEqualTo(Duration.ofMillis(1000));
    t.sleep(Duration.ofSeconds(10));
    assertThat(l.reserve(10)).isEqualTo(Duration.ZERO);
  }

  @Test
  void tokensComeFromABucketRefilledPerMinute() {
    FakeTime t = new FakeTime();
    RateLimiter l = new RateLimiter(0, 600, t); // 10 tokens per second
    assertThat(l.reserve(600)).isEqualTo(Duration.ZERO);
    assertThat(l.reserve(100)).isEqualTo(Duration.ofSeconds(10));
    t.sleep(Duration.ofSeconds(10));
    // the settled call really used 0 tokens: its 100 come back
    l.settle(100, 0);
    assertThat(l.reserve(100)).isEqualTo(Duration.ZERO);
  }
}
