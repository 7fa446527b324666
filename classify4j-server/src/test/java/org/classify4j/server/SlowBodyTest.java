package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.classify4j.method.LoadContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 16: clients that announce a body and never send it must not take the in-flight
 * slots, and readiness must say when the slots are all taken. Raw sockets on loopback; every
 * socket has a read timeout and every wait a bound, so the test stops by itself.
 */
class SlowBodyTest {
  static final String TOKEN = "slow-body-test-token";
  @TempDir Path tmp;

  @Test
  void sixtyFiveClientsThatNeverSendTheirBodyTakeNoSlotAndGet408() throws Exception {
    try (ClassifyServer server = TestService.start(TestService.projects(tmp),
        s -> s.withToken(Optional.of(TOKEN), false).withBodyTimeout(Duration.ofMillis(1500)))) {
      TestService.Client c = new TestService.Client(server).withToken(TOKEN);
      server.catalog().warmUp();
      assertThat(c.postForm("/v1/projects/topics/suggest", "text=warm+up").statusCode())
          .isEqualTo(200);
      int slots = ServerSettings.defaults().maxInFlight();
      List<Socket> silent = new ArrayList<>();
      try {
        for (int i = 0; i < slots + 1; i++) {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
          s.setSoTimeout(15_000);
          OutputStream out = s.getOutputStream();
          out.write(("POST /v1/projects/topics/suggest HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Authorization: Bearer " + TOKEN + "\r\n"
              + "Content-Type: application/x-www-form-urlencoded\r\n"
              + "Content-Length: 100\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          silent.add(s);
        }
        Thread.sleep(300); // every silent request is in the server now, waiting for its body

        // the service still serves, and says it is ready: the silent ones hold no slot
        long t0 = System.nanoTime();
        HttpResponse<String> served = c.postForm("/v1/projects/topics/suggest",
            "text=bake+the+bread");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1500);
        HttpResponse<String> ready = c.get("/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

        // each silent client gets 408 with a problem, after the body timeout
        for (Socket s : silent) {
          BufferedReader in = new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          String status = in.readLine();
          assertThat(status).startsWith("HTTP/1.1 408");
          StringBuilder rest = new StringBuilder();
          for (String l = in.readLine(); l != null; l = in.readLine()) {
            rest.append(l).append('\n');
          }
          assertThat(rest.toString()).contains("application/problem+json")
              .contains("did not arrive within 1500 ms").contains("0 of 100 bytes");
        }
      } finally {
        for (Socket s : silent) {
          s.close();
        }
      }
      assertThat(c.get("/metrics").body())
          .contains("classify4j_requests_rejected_total{reason=\"slow_body\"} " + (slots + 1))
          .doesNotContain("reason=\"in_flight\"");
    }
  }

  @Test
  void aBodyTricklingInSlowerThanTheTimeoutIs408Too() throws Exception {
    try (ClassifyServer server = TestService.start(TestService.projects(tmp),
        s -> s.withBodyTimeout(Duration.ofMillis(800)));
        Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/projects/topics/suggest HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 40\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long t0 = System.nanoTime();
      String status = null;
      BufferedReader in = new BufferedReader(
          new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      // one byte every 300 ms: never idle for the whole timeout, yet far too slow
      for (int i = 0; i < 20 && status == null; i++) {
        try {
          out.write('t');
          out.flush();
        } catch (IOException closed) {
          break;
        }
        Thread.sleep(300);
        if (s.getInputStream().available() > 0) {
          status = in.readLine();
        }
      }
      if (status == null) {
        status = in.readLine();
      }
      assertThat(status).startsWith("HTTP/1.1 408");
      // the limit is on the whole body, not on each pause (the connection's idle timeout)
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(4000);
    }
  }

  @Test
  void readinessSaysSaturatedWhileEverySlotIsTaken() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    LoadContext ctx = LoadContext.standard();
    try (ClassifyServer server = TestService.start(TestService.gated(tmp, ctx, gate, entered), ctx,
        s -> s.withLimits(1 << 20, 10_000, 1, Duration.ofSeconds(20)))) {
      TestService.Client c = new TestService.Client(server);
      server.catalog().warmUp();
      assertThat(c.get("/health/ready").statusCode()).isEqualTo(200);
      CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(
          () -> c.postForm("/v1/projects/slow/suggest", "text=held"));
      try {
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> ready = c.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode body = ServerApiTest.json(ready);
        assertThat(body.get("status").asText()).isEqualTo("saturated");
        assertThat(body.get("in_flight_limit_reached").asBoolean()).isTrue();
        assertThat(body.get("projects").get("slow").asBoolean()).isTrue();
      } finally {
        gate.countDown();
      }
      assertThat(held.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      HttpResponse<String> after = c.get("/health/ready");
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(ServerApiTest.json(after).get("status").asText()).isEqualTo("ready");
    }
  }
}
