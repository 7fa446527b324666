package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.classify4j.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's OpenAPI document, read by swagger-parser, against the running server: the same
 * routes both ways, and each route's answers (success and errors) valid under the document's
 * schemas; the Annif-compatible answers valid under Annif's own schemas too.
 */
class OpenApiDocumentTest {
  @TempDir static Path tmp;
  static ClassifyServer server;
  static TestService.Client client;
  static OpenAPI doc;
  static OpenAPI annif;

  @BeforeAll
  static void start() throws Exception {
    server = TestService.start(TestService.projects(tmp), s -> s);
    client = new TestService.Client(server);
    HttpResponse<String> r = client.get("/v1/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    doc = SchemaCheck.parse(r.body());
    try (var in = OpenApiDocumentTest.class.getResourceAsStream("/annif/annif-schemas.yaml")) {
      annif = SchemaCheck.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theDocumentIsValidOpenApi301WithTheServersVersion() {
    assertThat(doc.getOpenapi()).isEqualTo("3.0.1");
    assertThat(doc.getInfo().getVersion()).isEqualTo(org.classify4j.Version.get());
    assertThat(doc.getComponents().getSecuritySchemes()).containsKey("bearer");
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
    Set<String> routes = new HashSet<>();
    server.routes().forEach(r -> routes.add(r.method() + " " + r.path()));
    Set<String> documented = new HashSet<>();
    doc.getPaths().forEach((path, item) -> item.readOperationsMap()
        .forEach((method, op) -> documented.add(method.name() + " " + path)));
    assertThat(documented).isEqualTo(routes);
    // open routes say so (security: []), the others inherit the bearer requirement
    for (Route r : server.routes()) {
      Operation op = operation(r.method(), r.path());
      boolean documentedOpen = op.getSecurity() != null && op.getSecurity().isEmpty();
      assertThat(documentedOpen).as(r.path()).isEqualTo(r.open());
    }
  }

  /** One request per route and status the document promises (200 and the errors). */
  static Map<String, Function<TestService.Client, HttpResponse<String>>> calls() {
    Map<String, Function<TestService.Client, HttpResponse<String>>> m = new LinkedHashMap<>();
    String batch = "{\"documents\": [{\"text\": \"bake bread\", \"document_id\": \"d1\"},"
        + " {\"text\": \"the match\"}]}";
    m.put("GET / 200", c -> c.get("/"));
    m.put("GET /static/{file} 200", c -> c.get("/static/app.js"));
    m.put("GET /static/{file} 404", c -> c.get("/static/none.js"));
    m.put("GET /v1/ 200", c -> c.get("/v1/"));
    m.put("GET /v1/vocabs 200", c -> c.get("/v1/vocabs"));
    m.put("GET /v1/projects 200", c -> c.get("/v1/projects"));
    m.put("GET /v1/projects/{project_id} 200", c -> c.get("/v1/projects/topics"));
    m.put("GET /v1/projects/{project_id} 404", c -> c.get("/v1/projects/none"));
    m.put("POST /v1/projects/{project_id}/suggest 200",
        c -> c.postForm("/v1/projects/topics/suggest", "text=bake+the+bread&limit=2"));
    m.put("POST /v1/projects/{project_id}/suggest 400",
        c -> c.postForm("/v1/projects/topics/suggest", "limit=2"));
    m.put("POST /v1/projects/{project_id}/suggest 404",
        c -> c.postForm("/v1/projects/none/suggest", "text=x"));
    m.put("POST /v1/projects/{project_id}/suggest 413",
        c -> c.postForm("/v1/projects/topics/suggest", "text=" + "x".repeat(100_001)));
    m.put("POST /v1/projects/{project_id}/suggest-batch 200",
        c -> c.postJson("/v1/projects/topics-linear/suggest-batch?limit=2&threshold=0.1", batch));
    m.put("POST /v1/projects/{project_id}/suggest-batch 400",
        c -> c.postJson("/v1/projects/topics/suggest-batch", "{not json"));
    m.put("POST /v1/projects/{project_id}/suggest-batch 404",
        c -> c.postJson("/v1/projects/none/suggest-batch", batch));
    m.put("POST /v1/projects/{project_id}/suggest-batch 413",
        c -> c.postJson("/v1/projects/topics/suggest-batch",
            "{\"documents\": [{\"text\": \"" + "x".repeat(1 << 20) + "\"}]}"));
    String learn = "[{\"text\": \"bake bread\", \"subjects\": [{\"uri\": \"cooking\"}]}]";
    m.put("POST /v1/projects/{project_id}/learn 400",
        c -> c.postJson("/v1/projects/topics/learn", "{\"text\": \"x\"}"));
    m.put("POST /v1/projects/{project_id}/learn 404",
        c -> c.postJson("/v1/projects/none/learn", learn));
    m.put("POST /v1/projects/{project_id}/learn 503",
        c -> c.postJson("/v1/projects/topics/learn", learn));
    m.put("POST /v1/detect-language 200", c -> c.postJson("/v1/detect-language",
        "{\"text\": \"A quick brown fox jumped over the lazy dog.\", \"languages\": [\"en\","
            + " \"fi\"]}"));
    m.put("POST /v1/detect-language 400", c -> c.postJson("/v1/detect-language",
        "{\"text\": \"x\", \"languages\": [\"xx\"]}"));
    m.put("GET /v1/classify4j/projects/{project_id} 200",
        c -> c.get("/v1/classify4j/projects/topics"));
    m.put("GET /v1/classify4j/projects/{project_id} 404",
        c -> c.get("/v1/classify4j/projects/none"));
    m.put("POST /v1/classify4j/projects/{project_id}/classify 200",
        c -> c.postJson("/v1/classify4j/projects/topics/classify",
            "{\"texts\": [\"bake bread\", \"the match\"], \"top\": 0}"));
    m.put("POST /v1/classify4j/projects/{project_id}/classify 400",
        c -> c.postJson("/v1/classify4j/projects/topics/classify", "{\"texts\": []}"));
    m.put("POST /v1/classify4j/projects/{project_id}/classify 404",
        c -> c.postJson("/v1/classify4j/projects/none/classify", "{\"text\": \"x\"}"));
    m.put("POST /v1/classify4j/projects/{project_id}/classify 413",
        c -> c.postJson("/v1/classify4j/projects/topics/classify",
            "{\"text\": \"" + "x".repeat(100_001) + "\"}"));
    m.put("POST /v1/classify4j/zero-shot 200",
        c -> c.postJson("/v1/classify4j/zero-shot",
            "{\"text\": \"bake bread\", \"labels\": [\"sports\", {\"name\": \"cooking\","
                + " \"description\": \"food\"}], \"limit\": 1}"));
    m.put("POST /v1/classify4j/zero-shot 400",
        c -> c.postJson("/v1/classify4j/zero-shot", "{\"text\": \"x\"}"));
    m.put("POST /v1/classify4j/zero-shot 413",
        c -> c.postJson("/v1/classify4j/zero-shot",
            "{\"text\": \"" + "x".repeat(100_001) + "\", \"labels\": [\"a\"]}"));
    m.put("GET /v1/openapi.json 200", c -> c.get("/v1/openapi.json"));
    m.put("GET /health/live 200", c -> c.get("/health/live"));
    m.put("GET /health/ready 200", c -> c.get("/health/ready"));
    m.put("GET /metrics 200", c -> c.get("/metrics"));
    return m;
  }

  @Test
  void everyRoutesAnswersFollowTheDocument() throws Exception {
    Set<String> routesCalled = new HashSet<>();
    // load every model first, so /health/ready answers 200
    client.get("/v1/classify4j/projects/topics");
    client.get("/v1/classify4j/projects/topics-linear");
    for (Map.Entry<String, Function<TestService.Client, HttpResponse<String>>> e :
        calls().entrySet()) {
      String[] k = e.getKey().split(" ");
      HttpResponse<String> r = e.getValue().apply(client);
      assertThat(r.statusCode()).as(e.getKey() + ": " + r.body())
          .isEqualTo(Integer.parseInt(k[2]));
      ApiResponse documented = operation(k[0], k[1]).getResponses().get(k[2]);
      assertThat(documented).as(e.getKey() + " is documented").isNotNull();
      String ct = r.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
      Content content = documented.getContent();
      assertThat(content).as(e.getKey()).isNotNull();
      assertThat(content.keySet()).as(e.getKey() + " content type").contains(ct);
      if (ct.endsWith("json")) {
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(SchemaCheck.errors(body, content.get(ct).getSchema(), doc))
            .as(e.getKey() + ": " + r.body()).isEmpty();
      }
      routesCalled.add(k[0] + " " + k[1]);
    }
    Set<String> all = new HashSet<>();
    server.routes().forEach(r -> all.add(r.method() + " " + r.path()));
    assertThat(routesCalled).isEqualTo(all);
  }

  @Test
  void annifCompatibleAnswersFollowAnnifsSchemas() throws Exception {
    Map<String, Schema<?>> s = annif.getComponents().getSchemas().entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Schema<?>) e.getValue()));
    Map<String, String> expect = new LinkedHashMap<>();
    expect.put("GET /v1/ 200", "ApiInfo");
    expect.put("GET /v1/projects 200", "ProjectList");
    expect.put("GET /v1/projects/{project_id} 200", "Project");
    expect.put("POST /v1/projects/{project_id}/suggest 200", "SuggestionResultList");
    expect.put("POST /v1/projects/{project_id}/suggest-batch 200", "BatchSuggestionResultList");
    expect.put("GET /v1/vocabs 200", "VocabularyList");
    expect.put("POST /v1/detect-language 200", "DetectedLanguages");
    for (String k : List.of("GET /v1/projects/{project_id} 404",
        "POST /v1/projects/{project_id}/suggest 400", "POST /v1/projects/{project_id}/suggest 404",
        "POST /v1/projects/{project_id}/suggest 413",
        "POST /v1/projects/{project_id}/suggest-batch 400",
        "POST /v1/projects/{project_id}/suggest-batch 404",
        "POST /v1/projects/{project_id}/suggest-batch 413",
        "POST /v1/projects/{project_id}/learn 404", "POST /v1/projects/{project_id}/learn 503",
        "POST /v1/detect-language 400")) {
      expect.put(k, "Problem");
    }
    var calls = calls();
    for (Map.Entry<String, String> e : expect.entrySet()) {
      HttpResponse<String> r = calls.get(e.getKey()).apply(client);
      JsonNode body = Json.mapper().readTree(r.body());
      assertThat(SchemaCheck.errors(body, s.get(e.getValue()), annif))
          .as(e.getKey() + " against Annif's " + e.getValue() + ": " + r.body()).isEmpty();
      if (e.getValue().equals("SuggestionResultList")) {
        assertThat(body.get("results")).hasSize(2);
      }
    }
  }

  @Test
  void theCheckCatchesWhatDoesNotFollowASchema() throws Exception {
    Schema<?> result = annif.getComponents().getSchemas().get("SuggestionResultList");
    JsonNode noUri = Json.mapper().readTree("{\"results\": [{\"label\": \"a\", \"score\": 0.5}]}");
    JsonNode textScore = Json.mapper().readTree(
        "{\"results\": [{\"uri\": \"a\", \"label\": \"a\", \"score\": \"high\"}]}");
    JsonNode nullLabel = Json.mapper().readTree(
        "{\"results\": [{\"uri\": \"a\", \"label\": null, \"score\": 0.5}]}");
    assertThat(SchemaCheck.errors(noUri, result, annif)).singleElement().asString().contains("'uri'");
    assertThat(SchemaCheck.errors(textScore, result, annif)).singleElement().asString()
        .contains("expected number");
    assertThat(SchemaCheck.errors(nullLabel, result, annif)).singleElement().asString().contains("null");
    Schema<?> problem = annif.getComponents().getSchemas().get("Problem");
    assertThat(SchemaCheck.errors(Json.mapper().readTree("{\"status\": 600}"), problem, annif))
        .isNotEmpty();
    Schema<?> batch = doc.getPaths().get("/v1/projects/{project_id}/suggest-batch").getPost()
        .getRequestBody().getContent().get("application/json").getSchema();
    StringBuilder b = new StringBuilder("{\"documents\": [");
    for (int i = 0; i < 33; i++) {
      b.append(i > 0 ? "," : "").append("{\"text\": \"t\"}");
    }
    assertThat(SchemaCheck.errors(Json.mapper().readTree(b + "]}"), batch, doc))
        .singleElement().asString().contains("more than 32");
  }

  static Operation operation(String method, String path) {
    PathItem item = doc.getPaths().get(path);
    assertThat(item).as(path).isNotNull();
    Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
    assertThat(op).as(method + " " + path).isNotNull();
    return op;
  }
}
