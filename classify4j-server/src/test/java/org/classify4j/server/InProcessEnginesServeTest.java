package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.persist.SavableModel;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process language-model engines behind the REST service: a local decoder
 * (local-llm-zero-shot, issue 23) and an NLI cross-encoder (nli-zero-shot, issue 24), saved
 * through the API, answer Annif's suggest with the scores the model gives locally (the tiny
 * random models of classify4j-onnx's test resources).
 */
class InProcessEnginesServeTest {
  private static final Path RESOURCES = Path.of("..", "classify4j-onnx", "src", "test", "resources");
  private static final String TEXT = "The players won the game and the fans cheered";

  @TempDir static Path tmp;
  static ClassifyServer server;
  static TestService.Client client;
  static final Map<String, ScoreMatrix> local = new HashMap<>();

  static Path save(String method, String modelPath) {
    Path dir = tmp.resolve(method);
    try (LoadContext ctx = LoadContext.standard()) {
      var spec = Methods.create(method, MethodParams.of(Map.of("model",
          RESOURCES.resolve(modelPath).toAbsolutePath().toString())), ctx);
      SavableModel m = (SavableModel) spec.fit(Fixtures.topics());
      ModelStore.save(m, dir, Provenance.of(spec, Fixtures.topics()));
      local.put(method, m.predictProba(List.of(Document.of("t", TEXT))));
    }
    return dir;
  }

  @BeforeAll
  static void start() {
    server = TestService.start(List.of(
        new ServedProject("llm", "llm", "", save("local-llm-zero-shot", "llm/tiny-gpt2"),
            Optional.empty()),
        new ServedProject("nli", "nli", "", save("nli-zero-shot", "nli/tiny-deberta"),
            Optional.empty())), s -> s);
    client = new TestService.Client(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void suggestGivesTheLocalScoresOfBothEngines() throws Exception {
    for (var e : Map.of("llm", "local-llm-zero-shot", "nli", "nli-zero-shot").entrySet()) {
      HttpResponse<String> r = client.postForm("/v1/projects/" + e.getKey() + "/suggest",
          TestService.form(Map.of("text", TEXT)));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode results = Json.mapper().readTree(r.body()).get("results");
      ScoreMatrix s = local.get(e.getValue());
      int positive = 0;
      for (int j = 0; j < s.cols(); j++) {
        if (s.get(0, j) > 0) {
          positive++;
        }
      }
      assertThat(results.size()).as(e.getKey()).isEqualTo(positive).isPositive();
      for (JsonNode n : results) {
        int j = s.classes().requireIndex(n.get("label").asText());
        assertThat(n.get("score").asDouble()).as(e.getKey() + " " + n.get("label"))
            .isCloseTo(s.get(0, j), within(1e-5));
      }
    }
  }
}
