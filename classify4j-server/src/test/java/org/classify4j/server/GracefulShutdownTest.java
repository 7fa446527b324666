package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.classify4j.method.LoadContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownTest {
  @TempDir Path tmp;

  @Test
  void closeFinishesRequestsInFlightAndStopsAccepting() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    LoadContext ctx = LoadContext.standard();
    ClassifyServer server = TestService.start(TestService.gated(tmp, ctx, gate, entered), ctx,
        s -> s.withShutdownGrace(Duration.ofSeconds(20)));
    TestService.Client c = new TestService.Client(server);
    CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(
        () -> c.postForm("/v1/projects/slow/suggest", "text=in+flight"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    Thread.sleep(300);
    assertThat(closing).isNotDone(); // waiting for the request in flight
    // the listening socket is closed: a new connection is refused
    TestService.Client fresh = new TestService.Client(c.base);
    assertThatThrownBy(() -> fresh.get("/health/live")).isInstanceOf(UncheckedIOException.class);
    gate.countDown();
    HttpResponse<String> r = held.get(20, TimeUnit.SECONDS);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    closing.get(20, TimeUnit.SECONDS);
  }

  @Test
  void sigtermStopsTheProcessGracefullyWithExitCodeZero() throws Exception {
    Path dir = TestService.model(tmp.resolve("topics"), "centroid");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        ServeUntilTerminated.class.getName(), dir.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      int port = -1;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("PORT ")) {
          port = Integer.parseInt(line.substring(5).trim());
          break;
        }
      }
      assertThat(port).isPositive();
      var http = java.net.http.HttpClient.newHttpClient();
      var req = java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + port + "/health/live")).build();
      assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      // SIGTERM from outside (Process.destroy would also close our end of its output)
      assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start()
          .waitFor()).isZero();
      List<String> rest = out.lines().toList(); // to the end of its output
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(String.join("\n", rest)).isZero();
      assertThat(String.join("\n", rest)).contains("SIGTERM received").contains("stopped");
    } finally {
      p.destroyForcibly();
    }
  }
}
