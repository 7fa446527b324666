package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.classify.DecisionRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projects files: discovery, relative paths, and precedence flag > environment > file > default. */
class ProjectsTest {

  @TempDir Path dir;
  Path train;

  @BeforeEach
  void data() throws Exception {
    train = TestData.train(dir);
    TestData.labels(dir);
    Files.writeString(dir.resolve("classify4j.json"), """
        {"projects": {
          "topics": {
            "description": "three topics",
            "method": "knn", "model": "hashing:64", "params": {"k": "3"},
            "labels": "labels.tsv", "model_dir": "models/topics"
          },
          "two": {
            "method": "centroid", "model": "hashing:32", "model_dir": "models/two",
            "multi_label": true, "decision": {"rule": "limit", "limit": 2, "threshold": 0.0}
          },
          "broken-model": {"method": "zero-shot", "model": "nosuch:1", "labels": "labels.tsv"}
        }}
        """);
  }

  JsonNode manifest(String rel) throws Exception {
    return Json.mapper().readTree(dir.resolve(rel).resolve("manifest.json").toFile());
  }

  @Test
  void trainAndPredictByProjectNameWithPathsRelativeToTheFile() throws Exception {
    CliRun.Result t = cli().workDir(dir).run("train", "-q", "--project", "topics", "--train",
        train.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    JsonNode man = manifest("models/topics");
    assertThat(man.at("/provenance/method").asText()).isEqualTo("knn");
    assertThat(man.at("/provenance/params/k").asInt()).isEqualTo(3);
    // the labels file fixed the label order
    assertThat(man.get("labels").findValuesAsText("name"))
        .containsExactly("sports", "cooking", "computers");

    CliRun.Result p = cli().workDir(dir).stdin("{\"id\": \"x\", \"text\": \"bake a cake\"}\n")
        .run("predict", "-q", "--project", "topics");
    assertThat(p.code()).as(p.toString()).isZero();
    assertThat(Json.mapper().readTree(p.out()).get("id").asText()).isEqualTo("x");
  }

  @Test
  void projectDecisionRuleAndMultiLabelApply() throws Exception {
    CliRun.Result t = cli().workDir(dir).run("train", "-q", "--project", "two", "--train",
        train.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    assertThat(manifest("models/two").get("multi_label").asBoolean()).isTrue();
    CliRun.Result p = cli().workDir(dir).stdin("{\"id\": \"x\", \"text\": \"bake a cake\"}\n")
        .run("predict", "-q", "--project", "two");
    assertThat(p.code()).as(p.toString()).isZero();
    assertThat(Json.mapper().readTree(p.out()).get("labels")).hasSize(2);
    // a flag beats the project's rule
    CliRun.Result f = cli().workDir(dir).stdin("{\"id\": \"x\", \"text\": \"bake a cake\"}\n")
        .run("predict", "-q", "--project", "two", "--limit", "1");
    assertThat(Json.mapper().readTree(f.out()).get("labels")).hasSize(1);
  }

  @Test
  void classifyTakesLabelsAndModelFromProject() throws Exception {
    CliRun.Result r = cli().workDir(dir).run("classify", "-q", "--project", "topics", "--method",
        "zero-shot", "a football match");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Json.mapper().readTree(r.out()).get("scores").size()).isEqualTo(3);
  }

  @Test
  void precedenceFlagOverEnvironmentOverFileOverDefault() throws Exception {
    // file says nosuch:1 → fails
    CliRun.Result file = cli().workDir(dir).run("classify", "--project", "broken-model", "t");
    assertThat(file.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(file.err()).contains("unknown embedder 'nosuch:1'");
    // environment beats the file
    CliRun.Result env = cli().workDir(dir).env("CLASSIFY4J_MODEL", "hashing:16")
        .run("classify", "-q", "--project", "broken-model", "t");
    assertThat(env.code()).as(env.toString()).isZero();
    // a flag beats the environment
    CliRun.Result flag = cli().workDir(dir).env("CLASSIFY4J_MODEL", "nosuch:2")
        .run("classify", "-q", "--project", "broken-model", "--model", "hashing:16", "t");
    assertThat(flag.code()).as(flag.toString()).isZero();
    // and the environment alone (no project) beats the default
    CliRun.Result def = cli().workDir(dir).env("CLASSIFY4J_MODEL", "nosuch:3")
        .run("classify", "--labels", "a,b", "t");
    assertThat(def.err()).contains("nosuch:3");
  }

  @Test
  void methodFromEnvironmentOverridesProjectAndDropsItsParams() throws Exception {
    CliRun.Result t = cli().workDir(dir).env("CLASSIFY4J_METHOD", "centroid")
        .run("train", "-q", "--project", "topics", "--train", train.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    JsonNode man = manifest("models/topics");
    assertThat(man.at("/provenance/method").asText()).isEqualTo("centroid");
    assertThat(man.at("/provenance/params/k").isMissingNode()).isTrue();
  }

  @Test
  void defaultMethodOfTrainIsCentroid() throws Exception {
    CliRun.Result t = cli().workDir(dir).run("train", "-q", "-m", "hashing:16", "--train",
        train.toString(), "--out", "m");
    assertThat(t.code()).as(t.toString()).isZero();
    assertThat(manifest("m").at("/provenance/method").asText()).isEqualTo("centroid");
  }

  @Test
  void configFileDiscovery() throws Exception {
    Path home = dir.resolve("home");
    Path elsewhere = dir.resolve("elsewhere");
    Files.createDirectories(home.resolve(".config/classify4j"));
    Files.createDirectories(elsewhere);
    Files.writeString(home.resolve(".config/classify4j/projects.json"),
        "{\"projects\": {\"from-home\": {}}}");
    Files.writeString(elsewhere.resolve("env.json"), "{\"projects\": {\"from-env\": {}}}");
    Files.writeString(elsewhere.resolve("flag.json"), "{\"projects\": {\"from-flag\": {}}}");
    // working directory file first
    assertThat(cli().workDir(dir).home(home).run("models").out()).contains("topics")
        .doesNotContain("from-home");
    // then the home file
    assertThat(cli().workDir(elsewhere).home(home).run("models").out()).contains("from-home");
    // $CLASSIFY4J_CONFIG over both
    assertThat(cli().workDir(dir).home(home).env("CLASSIFY4J_CONFIG", "elsewhere/env.json")
        .run("models").out()).contains("from-env").doesNotContain("topics");
    // --config over everything
    assertThat(cli().workDir(dir).home(home).env("CLASSIFY4J_CONFIG", "elsewhere/env.json")
        .run("models", "--config", "elsewhere/flag.json").out()).contains("from-flag")
        .doesNotContain("from-env");
  }

  @Test
  void unknownProjectListsKnownOnes() {
    CliRun.Result r = cli().workDir(dir).run("predict", "--project", "tickets");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown project 'tickets'")
        .contains("known: topics, two, broken-model");
  }

  @Test
  void projectWithoutModelDirCannotPredict() {
    CliRun.Result r = cli().workDir(dir).run("predict", "--project", "broken-model");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("has no \"model_dir\"");
  }

  @Test
  void missingConfigFileIsBadInput() {
    CliRun.Result r = cli().workDir(dir).run("models", "--config", "nope.json");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("nope.json: config file not found");
  }

  @Test
  void fileReadsRulesAndRejectsBadOnes() throws Exception {
    org.classify4j.app.ProjectsFile c = org.classify4j.app.ProjectsFile.read(dir.resolve("classify4j.json"));
    assertThat(c.names()).containsExactly("topics", "two", "broken-model");
    assertThat(c.project("two").decision()).contains(DecisionRule.limit(2, 0.0));
    assertThat(c.project("topics").labels()).contains(dir.resolve("labels.tsv"));
    assertThat(c.project("topics").multiLabel()).isEqualTo(Optional.empty());

    Path bad = dir.resolve("bad.json");
    for (String body : List.of(
        "{\"projects\": {\"p\": {\"decision\": {\"rule\": \"threshold\", \"threshold\": 7}}}}",
        "{\"projects\": {\"p\": {\"backend\": {\"url\": \"x\"}}}}",
        "{\"projects\": {\"p\": {\"multi_label\": \"yes\"}}}",
        "{\"projekts\": {}}",
        "{\"projects\": [1]}",
        "{\"projects\": {\"p\": {\"method\": \"knn\"",
        "[]")) {
      Files.writeString(bad, body);
      CliRun.Result r = cli().run("models", "--config", bad.toString());
      assertThat(r.code()).as(body + " → " + r).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err()).as(body).startsWith("classify4j: error: " + bad);
      assertThat(r.err().lines().count()).isEqualTo(1);
    }
  }
}
