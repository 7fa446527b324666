package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.classify4j.method.LoadContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-flight limit and request timeout, with a model held at a gate. */
class LimitsTest {
  @TempDir Path tmp;

  @Test
  void aFullServerAnswers503WithRetryAfterAndRecovers() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    LoadContext ctx = LoadContext.standard();
    try (ClassifyServer server = TestService.start(TestService.gated(tmp, ctx, gate, entered), ctx,
        s -> s.withLimits(1 << 20, 10_000, 1, Duration.ofSeconds(20)))) {
      TestService.Client c = new TestService.Client(server);
      CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(
          () -> c.postForm("/v1/projects/slow/suggest", "text=held"));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      HttpResponse<String> full = c.postForm("/v1/projects/slow/suggest", "text=second");
      ServerApiTest.problem(full, 503);
      assertThat(full.headers().firstValue("Retry-After")).contains("1");
      // health and metrics are not counted against the limit
      assertThat(c.get("/health/live").statusCode()).isEqualTo(200);
      assertThat(c.get("/metrics").body())
          .contains("classify4j_requests_rejected_total{reason=\"in_flight\"} 1")
          .contains("classify4j_requests_in_flight 1");
      gate.countDown();
      assertThat(held.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(c.postForm("/v1/projects/slow/suggest", "text=again").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void scoresLateBeyondTheTimeoutGive503() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    LoadContext ctx = LoadContext.standard();
    try (ClassifyServer server = TestService.start(TestService.gated(tmp, ctx, gate, entered), ctx,
        s -> s.withLimits(1 << 20, 10_000, 8, Duration.ofMillis(300)))) {
      TestService.Client c = new TestService.Client(server);
      HttpResponse<String> late = c.postForm("/v1/projects/slow/suggest", "text=late");
      ServerApiTest.problem(late, 503);
      assertThat(late.body()).contains("timeout");
      assertThat(late.headers().firstValue("Retry-After")).isPresent();
      gate.countDown();
    }
  }
}
