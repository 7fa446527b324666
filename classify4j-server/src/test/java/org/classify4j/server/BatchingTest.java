package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classify4j.method.LoadContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micro-batching through HTTP: concurrent single-text requests are scored in large batches, and
 * with two scoring threads two batches of one project are scored at once. Asserts on /metrics
 * (batch sizes, queue), never on time.
 */
class BatchingTest {
  @TempDir Path tmp;

  @Test
  void concurrentSingleTextRequestsFormLargeBatchesOnTwoScoringThreads() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(2);
    LoadContext ctx = LoadContext.standard();
    ExecutorService clients = Executors.newFixedThreadPool(32);
    try (ClassifyServer server = TestService.start(TestService.gated(tmp, ctx, gate, entered), ctx,
        s -> s.withBatching(32, Duration.ZERO, 2))) {
      TestService.Client c = new TestService.Client(server);
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      answers.add(CompletableFuture.supplyAsync(
          () -> c.postForm("/v1/projects/slow/suggest", "text=first"), clients));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (entered.getCount() > 1 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      // the first scoring thread holds "first" at the gate; the second takes this one
      answers.add(CompletableFuture.supplyAsync(
          () -> c.postForm("/v1/projects/slow/suggest", "text=second"), clients));
      assertThat(entered.await(10, TimeUnit.SECONDS))
          .as("two batches of one project scored at once").isTrue();
      for (int i = 0; i < 30; i++) {
        String text = "text=waiting+" + i;
        answers.add(CompletableFuture.supplyAsync(
            () -> c.postForm("/v1/projects/slow/suggest", text), clients));
      }
      until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!c.get("/metrics").body().contains("classify4j_batch_queue{project=\"slow\"} 30")
          && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(c.get("/metrics").body()).contains("classify4j_batch_queue{project=\"slow\"} 30");
      gate.countDown();
      for (CompletableFuture<HttpResponse<String>> a : answers) {
        assertThat(a.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }

      String m = c.get("/metrics").body();
      // 1 + 1 at the gate, then the 30 that waited taken at once by the first free thread
      assertThat(value(m, "classify4j_batch_size_count{project=\"slow\"}")).isEqualTo(3);
      assertThat(value(m, "classify4j_batch_size_sum{project=\"slow\"}")).isEqualTo(32);
      assertThat(value(m, "classify4j_batch_size_bucket{project=\"slow\",le=\"1.0\"}"))
          .isEqualTo(2);
      assertThat(value(m, "classify4j_batch_size_bucket{project=\"slow\",le=\"24.0\"}"))
          .isEqualTo(2);
      assertThat(value(m, "classify4j_batch_size_bucket{project=\"slow\",le=\"32.0\"}"))
          .isEqualTo(3);
      assertThat(value(m, "classify4j_batch_duration_seconds_count{project=\"slow\"}"))
          .isEqualTo(3);
      assertThat(m).contains("classify4j_batch_queue{project=\"slow\"} 0");
      assertThat(value(m, "classify4j_documents_total{project=\"slow\"}")).isEqualTo(32);
    } finally {
      gate.countDown();
      clients.shutdownNow();
    }
  }

  /** The value of one exactly named series in Prometheus text. */
  static double value(String metrics, String series) {
    Matcher mt = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    assertThat(mt.find()).as(series + " in /metrics").isTrue();
    return Double.parseDouble(mt.group(1));
  }
}
