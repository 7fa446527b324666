package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Classify4jException;
import org.classify4j.method.LoadContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer token, loopback-only without one, and nothing secret in the logs. */
class SecurityTest {
  static final String TOKEN = "s3cr3t-t0ken-Zq8w";
  static final String SECRET_TEXT = "Confidential-Phrase-4471 about football";
  @TempDir static Path tmp;
  static ClassifyServer server;

  @BeforeAll
  static void start() {
    server = TestService.start(TestService.projects(tmp),
        s -> s.withToken(Optional.of(TOKEN), false));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyRouteButHealthAndThePageNeedsTheToken() throws Exception {
    TestService.Client anonymous = new TestService.Client(server);
    TestService.Client wrong = new TestService.Client(server).withToken(TOKEN + "x");
    TestService.Client right = new TestService.Client(server).withToken(TOKEN);
    for (Route r : server.routes()) {
      String path = r.path().replace("{project_id}", "topics").replace("{file}", "app.js");
      for (TestService.Client c : List.of(anonymous, wrong)) {
        HttpResponse<String> res = r.method().equals("GET") ? c.get(path)
            : c.postJson(path, "{\"text\": \"x\", \"labels\": [\"a\"]}");
        if (r.open()) {
          assertThat(res.statusCode()).as(path).isIn(200, 503);
        } else {
          ServerApiTest.problem(res, 401);
          assertThat(res.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
      }
    }
    assertThat(right.get("/v1/projects").statusCode()).isEqualTo(200);
    HttpResponse<String> ok = right.postForm("/v1/projects/topics/suggest",
        TestService.form(Map.of("text", SECRET_TEXT)));
    assertThat(ok.statusCode()).isEqualTo(200);
    // a lower-case scheme is accepted (RFC 7235: case-insensitive); a Basic header is not
    HttpResponse<String> lower = anonymous.send(anonymous.builder("/v1/projects")
        .header("Authorization", "bearer " + TOKEN).GET());
    assertThat(lower.statusCode()).isEqualTo(200);
    HttpResponse<String> basic = anonymous.send(anonymous.builder("/v1/projects")
        .header("Authorization", "Basic " + TOKEN).GET());
    assertThat(basic.statusCode()).isEqualTo(401);
  }

  @Test
  void textsAndTokensNeverReachTheLog() throws Exception {
    TestService.Client right = new TestService.Client(server).withToken(TOKEN);
    TestService.Client wrong = new TestService.Client(server).withToken("guess-" + TOKEN);
    right.postForm("/v1/projects/topics/suggest", TestService.form(Map.of("text", SECRET_TEXT)));
    right.postJson("/v1/classify4j/projects/topics/classify",
        "{\"text\": \"" + SECRET_TEXT + "\", \"limit\": 0}"); // a 400 with the text in the body
    right.postJson("/v1/classify4j/zero-shot",
        "{\"text\": \"" + SECRET_TEXT + "\", \"labels\": [\"" + SECRET_TEXT + "\"]}");
    right.postForm("/v1/projects/topics/suggest", "text=" + "q".repeat(200_000) + SECRET_TEXT);
    wrong.get("/v1/projects");
    // slf4j-simple writes every level to this file in tests (see the pom's surefire settings)
    Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
    String text = Files.readString(log);
    assertThat(text).contains("classify4j serve: listening"); // the log is this run's
    assertThat(text).doesNotContain("Confidential-Phrase-4471").doesNotContain(TOKEN);
  }

  @Test
  void refusesANonLoopbackAddressWithoutATokenUnlessInsecure() {
    ServerSettings open = ServerSettings.defaults().withAddress("0.0.0.0", 0);
    try (LoadContext ctx = LoadContext.standard()) {
      ModelCatalog catalog = TestService.catalog(List.of());
      Metrics m = new Metrics();
      ClassificationService svc = new ClassificationService(catalog, open, m, ctx, "hashing:8");
      assertThatThrownBy(() -> new ClassifyServer(open, svc, m))
          .isInstanceOf(Classify4jException.class)
          .hasMessageContaining("CLASSIFY4J_API_TOKEN").hasMessageContaining("--insecure");
      // with a token, or insecure, it may be built (not started here: no need to listen)
      new ClassifyServer(open.withToken(Optional.of("t"), false), svc, m);
      new ClassifyServer(open.withToken(Optional.empty(), true), svc, m);
      new ClassifyServer(ServerSettings.defaults().withAddress("localhost", 0), svc, m);
    }
    assertThat(ClassifyServer.isLoopback("127.0.0.1")).isTrue();
    assertThat(ClassifyServer.isLoopback("::1")).isTrue();
    assertThat(ClassifyServer.isLoopback("0.0.0.0")).isFalse();
  }

  @Test
  void theTokenIsNotInTheSettingsString() {
    assertThat(ServerSettings.defaults().withToken(Optional.of(TOKEN), false).toString())
        .doesNotContain(TOKEN).contains("token=(set)");
    assertThat(new BearerToken(TOKEN).accepts(Optional.of("Bearer " + TOKEN))).isTrue();
    assertThat(new BearerToken(TOKEN).accepts(Optional.of("Bearer "))).isFalse();
    assertThat(new BearerToken(TOKEN).accepts(Optional.empty())).isFalse();
  }
}
