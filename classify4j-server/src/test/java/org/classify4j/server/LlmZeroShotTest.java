package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.app.AppEnvironment;
import org.classify4j.app.Backends;
import org.classify4j.app.Settings;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.KeywordChatScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-shot with an LLM method when the environment names an LLM server (here the testkit's fake
 * one): the chat model comes from the app layer's backends, cached and governed as in the CLI.
 */
class LlmZeroShotTest {
  @TempDir Path tmp;

  @Test
  void llmZeroShotAnswersAndASecondIdenticalRequestComesFromTheCache() throws Exception {
    try (FakeOpenAiServer llm = new FakeOpenAiServer(KeywordChatScript.fromLabels(Fixtures.TOPICS))) {
      Map<String, String> env = Map.of(
          Settings.LLM_BASE_URL, llm.baseUrl().toString(),
          Settings.LLM_MODEL, "fake-model",
          "CLASSIFY4J_CACHE_DIR", tmp.resolve("cache").toString());
      LoadContext ctx = Backends.context(
          Settings.of(new AppEnvironment(env, tmp, tmp), Optional.empty()));
      try (ClassifyServer server = TestService.start(TestService.catalog(List.of()), ctx, s -> s)) {
        TestService.Client c = new TestService.Client(server);
        StringBuilder labels = new StringBuilder();
        Fixtures.TOPICS.labels().forEach(l -> labels.append(labels.length() > 0 ? "," : "")
            .append("{\"name\": \"").append(l.name()).append("\", \"description\": \"")
            .append(l.description()).append("\"}"));
        String body = "{\"text\": \"A recipe from the kitchen with food for baking\","
            + " \"method\": \"llm-zero-shot\", \"labels\": [" + labels + "], \"top\": 0}";
        HttpResponse<String> r = c.postJson("/v1/classify4j/zero-shot", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode res = Json.mapper().readTree(r.body());
        assertThat(res.get("method").asText()).isEqualTo("llm-zero-shot");
        assertThat(res.get("results").get(0).get("labels").get(0).get("label").asText())
            .isEqualTo("cooking");
        long requests = llm.requestCount();
        assertThat(requests).isPositive();
        HttpResponse<String> again = c.postJson("/v1/classify4j/zero-shot", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(again.body()).get("results"))
            .isEqualTo(res.get("results"));
        assertThat(llm.requestCount()).isEqualTo(requests);
      } finally {
        ctx.close();
      }
    }
  }
}
