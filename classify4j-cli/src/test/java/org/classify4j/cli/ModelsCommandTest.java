package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classify4j.Json;
import org.classify4j.embed.Embedders;
import org.classify4j.onnx.BundledModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {

  @TempDir Path dir;

  @Test
  void listsEmbeddersMethodsAndNoProjects() {
    CliRun.Result r = cli().workDir(dir).run("models");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("hashing:256", "zero-shot", "centroid", "knn", "prior",
        "params: model, k, temperature", "Projects: none");
  }

  @Test
  void everyBundledModelShipsWithTheCli() {
    // the docs recommend bge-small-en-v1.5 and e5-small-v2-q by name; `java -jar` cannot add a jar
    CliRun.Result r = cli().workDir(dir).run("models");
    assertThat(r.code()).as(r.toString()).isZero();
    for (BundledModel m : BundledModel.all()) {
      assertThat(r.out()).as(m.name()).contains("onnx:" + m.name());
    }
  }

  @Test
  void jsonListsProjectsFromWorkingDirectoryFile() throws Exception {
    Files.writeString(dir.resolve("classify4j.json"),
        "{\"projects\": {\"tickets\": {\"method\": \"centroid\", \"model\": \"hashing:64\","
            + " \"description\": \"support tickets\"}}}");
    CliRun.Result r = cli().workDir(dir).run("models", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode n = Json.mapper().readTree(r.out());
    assertThat(n.get("default_embedder").asText()).isEqualTo(Embedders.DEFAULT_ID);
    assertThat(n.get("embedders").toString()).contains("hashing:256");
    assertThat(n.get("methods").findValuesAsText("name")).contains("zero-shot", "centroid");
    assertThat(n.at("/projects/tickets/method").asText()).isEqualTo("centroid");
    assertThat(n.get("config").asText()).endsWith("classify4j.json");
  }

  @Test
  void brokenProjectsFileIsBadInput() throws Exception {
    Path cfg = dir.resolve("p.json");
    Files.writeString(cfg, "{\"projects\": {\"x\": {\"methd\": \"knn\"}}}");
    CliRun.Result r = cli().run("models", "--config", cfg.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("project 'x': unknown field 'methd'");
  }
}
