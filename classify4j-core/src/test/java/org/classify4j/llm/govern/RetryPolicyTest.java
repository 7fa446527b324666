package org.classify4j.llm.govern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1),
      2.0, 0.25, Duration.ofSeconds(30));

  @Test
  void backoffGrowsExponentiallyUpToTheCap() {
    assertThat(p.delay(1, Optional.empty(), 0.5)).contains(Duration.ofMillis(100));
    assertThat(p.delay(2, Optional.empty(), 0.5)).contains(Duration.ofMillis(200));
    assertThat(p.delay(3, Optional.empty(), 0.5)).contains(Duration.ofMillis(400));
    assertThat(p.delay(6, Optional.empty(), 0.5)).contains(Duration.ofSeconds(1));
  }

  @Test
  void jitterSpreadsWithinBounds() {
    assertThat(p.delay(1, Optional.empty(), 0.0)).contains(Duration.ofMillis(75));
    assertThat(p.delay(1, Optional.empty(), 0.999999).get().toMillis()).isBetween(124L, 125L);
  }

  @Test
  void retryAfterIsHonouredAndTooLongOnesGiveUp() {
    assertThat(p.delay(1, Optional.of(Duration.ofSeconds(3)), 0.5)).contains(Duration.ofSeconds(3));
    assertThat(p.delay(1, Optional.of(Duration.ofMillis(1)), 0.5)).contains(Duration.ofMillis(100));
    assertThat(p.delay(1, Optional.of(Duration.ofMinutes(5)), 0.5)).isEmpty();
  }
}
