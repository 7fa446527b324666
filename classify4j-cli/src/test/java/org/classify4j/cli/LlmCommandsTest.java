package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classify4j.Json;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.KeywordChatScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LLM methods through the CLI against the testkit's local OpenAI-compatible server. */
class LlmCommandsTest {

  @TempDir Path dir;
  FakeOpenAiServer server;
  Path labels;

  @BeforeEach
  void start() throws Exception {
    server = new FakeOpenAiServer(KeywordChatScript.fromLabels(Fixtures.TOPICS));
    labels = TestData.labels(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  CliRun env() {
    return cli().workDir(dir)
        .env("CLASSIFY4J_LLM_BASE_URL", server.baseUrl().toString())
        .env("CLASSIFY4J_LLM_MODEL", "fake-model")
        .env("CLASSIFY4J_CACHE_DIR", dir.resolve("cache").toString());
  }

  @Test
  void classifyWithLlmZeroShot() throws Exception {
    CliRun.Result r = env().run("classify", "-q", "--method", "llm-zero-shot", "--labels-file",
        labels.toString(), "The team won the football match", "A recipe from the kitchen");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Json.mapper().readTree(r.outLines().get(0)).get("labels").get(0).asText())
        .isEqualTo("sports");
    assertThat(Json.mapper().readTree(r.outLines().get(1)).get("labels").get(0).asText())
        .isEqualTo("cooking");
    assertThat(server.answeredCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void classifyWithExactSequenceScoring() throws Exception {
    // a language model that prefers " sports" after anything: the keyword chat would say cooking
    server.completions(new org.classify4j.testkit.openai.TokenTableLm(java.util.Map.of(
        " sports", -0.1, " cooking", -2.0), -4.0));
    CliRun.Result r = env().run("classify", "-q", "--method", "llm-zero-shot", "-p",
        "scoring=sequence", "--labels-file", labels.toString(), "A recipe from the kitchen");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Json.mapper().readTree(r.outLines().get(0)).get("labels").get(0).asText())
        .isEqualTo("sports");
    assertThat(server.requests()).hasSize(Fixtures.TOPICS.size())
        .allSatisfy(q -> assertThat(q.path("echo").asBoolean()).isTrue());
  }

  @Test
  void unknownScoringIsBadInput() {
    CliRun.Result r = env().run("classify", "--method", "llm-zero-shot", "-p", "scoring=exact",
        "--labels-file", labels.toString(), "t");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("scoring").contains("sequence");
  }

  @Test
  void rejectedKeyIsBackendFailureFourWithoutTheKey() {
    server.requireApiKey("right-key");
    CliRun.Result r = env().env("CLASSIFY4J_LLM_API_KEY", "wrong-key-123")
        .run("classify", "--method", "llm-zero-shot", "--labels-file", labels.toString(),
            "The team won the football match");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BACKEND);
    assertThat(r.err()).startsWith("classify4j: error: ").doesNotContain("wrong-key-123");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void projectBackendSettingsWithEnvironmentFirst() throws Exception {
    server.requireApiKey("project-key");
    Files.writeString(dir.resolve("classify4j.json"), """
        {"projects": {"llm": {
          "method": "llm-zero-shot", "labels": "labels.tsv",
          "backend": {"base_url": "%s", "model": "fake-model", "api_key_env": "MY_LLM_KEY"}},
         "elsewhere": {
          "method": "llm-zero-shot", "labels": "labels.tsv",
          "backend": {"base_url": "http://127.0.0.1:9/v1", "model": "fake-model"}}}}
        """.formatted(server.baseUrl()));
    // all from the project: base URL, model, key from the variable it names
    CliRun.Result p = cli().workDir(dir).env("MY_LLM_KEY", "project-key")
        .env("CLASSIFY4J_CACHE_DIR", dir.resolve("cache").toString())
        .run("classify", "-q", "--project", "llm", "The team won the football match");
    assertThat(p.code()).as(p.toString()).isZero();
    assertThat(Json.mapper().readTree(p.out()).get("labels").get(0).asText()).isEqualTo("sports");
    // the environment's base URL beats the project's (which points nowhere)
    CliRun.Result e = cli().workDir(dir)
        .env("CLASSIFY4J_LLM_BASE_URL", server.baseUrl().toString())
        .env("CLASSIFY4J_LLM_API_KEY", "project-key")
        .env("CLASSIFY4J_CACHE_DIR", dir.resolve("cache").toString())
        .run("classify", "-q", "--project", "elsewhere", "A recipe from the kitchen");
    assertThat(e.code()).as(e.toString()).isZero();
    assertThat(Json.mapper().readTree(e.out()).get("labels").get(0).asText()).isEqualTo("cooking");
  }

  @Test
  void trainedLlmModelPredictsFromItsDirectory() throws Exception {
    Path model = dir.resolve("llm-model");
    CliRun.Result t = env().run("train", "-q", "--method", "llm-few-shot", "-p", "examples=3",
        "--labels-file", labels.toString(), "--train", TestData.train(dir).toString(), "--out",
        model.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    CliRun.Result p = env().stdin("{\"id\": \"q\", \"text\": \"Debug the program code\"}\n")
        .run("predict", "-q", "--model", model.toString());
    assertThat(p.code()).as(p.toString()).isZero();
    JsonNode n = Json.mapper().readTree(p.out());
    assertThat(n.get("labels").get(0).asText()).isEqualTo("computers");
  }

  @Test
  void missingChatModelNameIsBadInput() {
    CliRun.Result r = cli().run("classify", "--method", "llm-zero-shot", "--labels", "a,b", "t");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("CLASSIFY4J_LLM_MODEL is not set");
  }
}
