import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor for scripts/cli-llm-pipeline.sh: a bare JDK HttpClient in a fresh JVM sending N chat
 * requests to the fake server at concurrency C (C threads, blocking sends, one small prompt), counted
 * from the first request to the last answer. What the CLI cannot beat on the same machine at the
 * same moment: JVM warm-up, connection set-up and the server's own time are in it, our pipeline is
 * not. Prints "floor N docs in S s (R docs/s)".
 *   java scripts/LlmClientFloor.java BASE_URL CONCURRENCY N
 */
public class LlmClientFloor {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0] + "/chat/completions");
    int c = Integer.parseInt(args[1]);
    int n = Integer.parseInt(args[2]);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String body = "{\"model\":\"fake\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"I lost my card, what should I do now?\"}]}";
    AtomicInteger left = new AtomicInteger(n);
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(c);
    long t0 = System.nanoTime();
    for (int i = 0; i < c; i++) {
      pool.submit(() -> {
        while (left.getAndDecrement() > 0) {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/json").header("Authorization", "Bearer test")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 200) {
            failed.incrementAndGet();
          }
        }
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    double s = (System.nanoTime() - t0) / 1e9;
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " requests failed");
    }
    System.out.printf("floor %d docs in %.2f s (%.1f docs/s)%n", n, s, n / s);
  }
}
