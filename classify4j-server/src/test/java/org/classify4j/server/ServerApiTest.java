package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classify4j.Json;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.ModelStore;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes over a real socket: answers, scores equal to the model's, and every bad input. */
class ServerApiTest {
  @TempDir static Path tmp;
  static ClassifyServer server;
  static TestService.Client client;
  static List<ServedProject> projects;

  @BeforeAll
  static void start() {
    projects = TestService.projects(tmp);
    server = TestService.start(projects,
        s -> s.withLimits(64 * 1024, 2000, 64, java.time.Duration.ofSeconds(20)));
    client = new TestService.Client(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  /** The error answer: status, problem+json with the same status, a detail. */
  static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode p = json(r);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    return p;
  }

  @Test
  void infoAndProjects() throws Exception {
    JsonNode info = json(client.get("/v1/"));
    assertThat(info.get("title").asText()).isEqualTo("classify4j REST API");
    JsonNode ps = json(client.get("/v1/projects")).get("projects");
    assertThat(ps).hasSize(2);
    assertThat(ps.get(0).get("project_id").asText()).isEqualTo("topics");
    assertThat(ps.get(1).get("name").asText()).isEqualTo("topics-linear");
    assertThat(ps.get(0).get("is_trained").asBoolean()).isTrue();
    JsonNode p = json(client.get("/v1/projects/topics-linear"));
    assertThat(p.get("project_id").asText()).isEqualTo("topics-linear");
    problem(client.get("/v1/projects/nope"), 404);
  }

  @Test
  void suggestGivesTheModelsScoresBestFirstUnderLimitAndThreshold() throws Exception {
    String text = "The players won the game and the fans cheered";
    HttpResponse<String> r = client.postForm("/v1/projects/topics/suggest",
        TestService.form(Map.of("text", text, "limit", "2", "threshold", "0.0")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode results = json(r).get("results");
    assertThat(results).hasSize(2);
    ScoreMatrix expected = direct("topics", List.of(text));
    int[] best = expected.rankedColumns(0);
    for (int k = 0; k < 2; k++) {
      JsonNode res = results.get(k);
      String name = Fixtures.TOPICS.get(best[k]).name();
      assertThat(res.get("uri").asText()).isEqualTo(name);
      assertThat(res.get("label").asText()).isEqualTo(name);
      assertThat(res.get("notation").isNull()).isTrue();
      assertThat(res.get("score").asDouble()).isCloseTo(expected.get(0, best[k]), within());
    }
    assertThat(results.get(0).get("label").asText()).isEqualTo("sports");

    // default limit 10 covers all three labels; a threshold above every score leaves none
    assertThat(json(client.postForm("/v1/projects/topics/suggest",
        TestService.form(Map.of("text", text)))).get("results")).hasSize(3);
    assertThat(json(client.postForm("/v1/projects/topics/suggest",
        TestService.form(Map.of("text", text, "threshold", "1")))).get("results")).isEmpty();
  }

  @Test
  void suggestBatchKeepsOrderAndIds() throws Exception {
    List<String> texts = Fixtures.topicsTest().stream().map(e -> e.document().text()).toList();
    StringBuilder b = new StringBuilder("{\"documents\": [");
    for (int i = 0; i < texts.size(); i++) {
      b.append(i > 0 ? "," : "").append("{\"text\": ").append(Json.mapper().writeValueAsString(
          texts.get(i))).append(i % 2 == 0 ? ", \"document_id\": \"doc-" + i + "\"" : "")
          .append('}');
    }
    b.append("]}");
    HttpResponse<String> r = client.postJson("/v1/projects/topics-linear/suggest-batch?limit=1",
        b.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode out = json(r);
    assertThat(out).hasSize(texts.size());
    ScoreMatrix expected = direct("topics-linear", texts);
    for (int i = 0; i < texts.size(); i++) {
      JsonNode res = out.get(i);
      assertThat(res.get("results")).hasSize(1);
      String best = Fixtures.TOPICS.get(expected.argmax(i)).name();
      assertThat(res.get("results").get(0).get("label").asText()).isEqualTo(best);
      // this project's labels are vocabulary subjects: uri is the subject's URI
      assertThat(res.get("results").get(0).get("uri").asText())
          .isEqualTo("http://example.org/" + best);
      assertThat(res.get("results").get(0).get("score").asDouble())
          .isCloseTo(expected.get(i, expected.argmax(i)), within());
      if (i % 2 == 0) {
        assertThat(res.get("document_id").asText()).isEqualTo("doc-" + i);
      } else {
        assertThat(res.get("document_id").isNull()).isTrue();
      }
    }
    assertThat(json(client.postJson("/v1/projects/topics/suggest-batch",
        "{\"documents\": []}"))).isEmpty();
  }

  @Test
  void classifyUsesTheProjectsRuleAndGivesTopScores() throws Exception {
    HttpResponse<String> r = client.postJson("/v1/classify4j/projects/topics-linear/classify",
        "{\"texts\": [\"Fry the garlic and onions in oil\", \"The code has a bug\"], \"top\": 0}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode results = json(r).get("results");
    ScoreMatrix expected = direct("topics-linear",
        List.of("Fry the garlic and onions in oil", "The code has a bug"));
    for (int i = 0; i < 2; i++) {
      JsonNode res = results.get(i);
      assertThat(res.get("scores")).hasSize(3);
      double sum = 0;
      for (JsonNode s : res.get("scores")) {
        int col = Fixtures.TOPICS.indexOf(s.get("label").asText()).getAsInt();
        assertThat(s.get("score").asDouble()).isCloseTo(expected.get(i, col), within());
        sum += s.get("score").asDouble();
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      // the project's rule: limit 2, threshold 0.2
      List<String> chosen = new ArrayList<>();
      res.get("labels").forEach(l -> chosen.add(l.get("label").asText()));
      List<String> want = new ArrayList<>();
      for (int j : expected.rankedColumns(i)) {
        if (want.size() < 2 && expected.get(i, j) >= 0.2) {
          want.add(Fixtures.TOPICS.get(j).name());
        }
      }
      assertThat(chosen).isEqualTo(want);
      assertThat(res.get("abstained").asBoolean()).isFalse();
    }
    assertThat(results.get(0).get("labels").get(0).get("label").asText()).isEqualTo("cooking");

    JsonNode one = json(client.postJson("/v1/classify4j/projects/topics/classify",
        "{\"text\": \"Fry the garlic\", \"top\": 1, \"threshold\": 1.0}")).get("results").get(0);
    assertThat(one.get("scores")).hasSize(1);
    assertThat(one.get("labels")).isEmpty();
  }

  @Test
  void zeroShotWithLabelsAndDescriptions() throws Exception {
    HttpResponse<String> r = client.postJson("/v1/classify4j/zero-shot",
        "{\"text\": \"bake the bread in the oven\", \"labels\": [\"sports\","
            + " {\"name\": \"cooking\", \"description\": \"bake bread oven recipes\"}], \"top\": 0}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode res = json(r).get("results").get(0);
    assertThat(res.get("scores")).hasSize(2);
    assertThat(res.get("labels")).hasSize(1);
    assertThat(res.get("labels").get(0).get("label").asText())
        .isEqualTo(res.get("scores").get(0).get("label").asText());
    JsonNode multi = json(client.postJson("/v1/classify4j/zero-shot",
        "{\"texts\": [\"a\", \"b\"], \"labels\": [\"x\", \"y\", \"z\"], \"multi_label\": true}"));
    assertThat(multi.get("results")).hasSize(2);
    problem(client.postJson("/v1/classify4j/zero-shot", "{\"text\": \"a\", \"labels\": []}"), 400);
    problem(client.postJson("/v1/classify4j/zero-shot",
        "{\"text\": \"a\", \"labels\": [\"x\", \"x\"]}"), 400);
    problem(client.postJson("/v1/classify4j/zero-shot",
        "{\"text\": \"a\", \"labels\": [\"x\"], \"method\": \"knn\"}"), 400);
  }

  @Test
  void projectDetailsLoadTheModel() throws Exception {
    JsonNode d = json(client.get("/v1/classify4j/projects/topics-linear"));
    assertThat(d.get("method").asText()).isEqualTo("linear");
    assertThat(d.get("decision").get("rule").asText()).isEqualTo("limit");
    assertThat(d.get("labels")).hasSize(3);
    assertThat(d.get("labels").get(0).get("name").asText()).isEqualTo("sports");
  }

  @Test
  void badInputsGetTheirStatusAndAProblem() throws Exception {
    // missing text
    problem(client.postForm("/v1/projects/topics/suggest", "limit=3"), 400);
    problem(client.postForm("/v1/projects/topics/suggest", "text=%20%20"), 400);
    // bad parameters
    problem(client.postForm("/v1/projects/topics/suggest", "text=hello&limit=-1"), 400);
    problem(client.postForm("/v1/projects/topics/suggest", "text=hello&threshold=2"), 400);
    problem(client.postForm("/v1/projects/topics/suggest", "text=hello&limit=many"), 400);
    // a form route given JSON
    problem(client.postJson("/v1/projects/topics/suggest", "{\"text\": \"hello\"}"), 400);
    // 33 documents
    StringBuilder b = new StringBuilder("{\"documents\": [");
    for (int i = 0; i < 33; i++) {
      b.append(i > 0 ? "," : "").append("{\"text\": \"doc ").append(i).append("\"}");
    }
    JsonNode p = problem(client.postJson("/v1/projects/topics/suggest-batch", b + "]}"), 400);
    assertThat(p.get("detail").asText()).contains("33").contains("32");
    // a document without text, not JSON, no documents
    problem(client.postJson("/v1/projects/topics/suggest-batch",
        "{\"documents\": [{\"document_id\": \"x\"}]}"), 400);
    problem(client.postJson("/v1/projects/topics/suggest-batch", "this is not json"), 400);
    problem(client.postJson("/v1/projects/topics/suggest-batch", "[1, 2]"), 400);
    problem(client.postJson("/v1/classify4j/projects/topics/classify", "{\"text\": 5}"), 400);
    problem(client.postJson("/v1/classify4j/projects/topics/classify",
        "{\"text\": \"a\", \"texts\": [\"b\"]}"), 400);
    // unknown project, unknown route
    problem(client.postForm("/v1/projects/nope/suggest", "text=hello"), 404);
    problem(client.postJson("/v1/projects/nope/suggest-batch", "{\"documents\": []}"), 404);
    problem(client.postJson("/v1/classify4j/projects/nope/classify", "{\"text\": \"a\"}"), 404);
    problem(client.get("/v1/nothing-here"), 404);
    problem(client.get("/static/secret.txt"), 404);
    // oversized body (limit 64 KiB here) and a text over the 2000-character limit
    String big = "x".repeat(70 * 1024);
    problem(client.postForm("/v1/projects/topics/suggest", "text=" + big), 413);
    problem(client.postJson("/v1/projects/topics/suggest-batch",
        "{\"documents\": [{\"text\": \"" + big + "\"}]}"), 413);
    JsonNode tooLong = problem(client.postForm("/v1/projects/topics/suggest",
        "text=" + "y".repeat(2001)), 413);
    assertThat(tooLong.get("detail").asText()).contains("2001").doesNotContain("yyyy");
  }

  @Test
  void chunkedBodyOverTheLimitIsRefusedToo() throws Exception {
    byte[] big = ("text=" + "z".repeat(70 * 1024)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // a body publisher of unknown length makes the client send it chunked, without Content-Length
    HttpResponse<String> r = client.send(client.builder("/v1/projects/topics/suggest")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(big))));
    problem(r, 413);
  }

  @Test
  void noCorsHeaders() {
    HttpResponse<String> r = client.send(client.builder("/v1/projects")
        .header("Origin", "http://elsewhere.example").GET());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> pre = client.send(client.builder("/v1/projects/topics/suggest")
        .header("Origin", "http://elsewhere.example")
        .header("Access-Control-Request-Method", "POST")
        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(pre.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
  }

  @Test
  void healthPageAndMetrics() throws Exception {
    assertThat(json(client.get("/health/live")).get("status").asText()).isEqualTo("up");
    client.postForm("/v1/projects/topics/suggest", "text=warm");
    client.postForm("/v1/projects/topics-linear/suggest", "text=warm");
    HttpResponse<String> ready = client.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(json(ready).get("projects").get("topics").asBoolean()).isTrue();
    HttpResponse<String> page = client.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<script src=\"/static/app.js\">");
    assertThat(client.get("/static/app.js").body()).contains("/v1/classify4j/zero-shot");
    assertThat(client.get("/static/app.css").headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/css");

    String m = client.get("/metrics").body();
    assertThat(m).contains("# TYPE classify4j_http_requests_total counter");
    assertThat(m).containsPattern("classify4j_http_requests_total\\{route=\"/v1/projects/"
        + "\\{project_id\\}/suggest\",method=\"POST\",status=\"200\"\\} [1-9]");
    assertThat(m).containsPattern("classify4j_documents_total\\{project=\"topics\"\\} [1-9]");
    assertThat(m).contains("classify4j_http_request_duration_seconds_bucket{route=\"/health/live\",le=\"+Inf\"}");
    assertThat(m).containsPattern("classify4j_batch_size_count\\{project=\"topics\"\\} [1-9]");
    assertThat(m).contains("classify4j_model_loaded{project=\"topics\"} 1");
    assertThat(m).containsPattern("classify4j_http_errors_total\\{status=\"4\\d\\d\"\\}|# TYPE");
    assertThat(m).contains("jvm_memory_heap_used_bytes ");
  }

  /** The scores of the saved model, loaded and run directly (not through the server). */
  static ScoreMatrix direct(String project, List<String> texts) {
    Path dir = projects.stream().filter(p -> p.id().equals(project)).findFirst().orElseThrow()
        .modelDir();
    try (LoadContext ctx = LoadContext.standard()) {
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        docs.add(Document.of("d" + i, texts.get(i)));
      }
      return ModelStore.load(dir, ctx).model().predictProba(docs);
    }
  }

  static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}
