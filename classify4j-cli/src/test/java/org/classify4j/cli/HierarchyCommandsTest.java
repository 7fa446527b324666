package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hierarchical labels through train, predict, eval and classify. */
class HierarchyCommandsTest {
  @TempDir Path dir;
  Path train;
  Path test;
  Path labels;

  @BeforeEach
  void data() throws Exception {
    train = TestData.train(dir);
    test = TestData.test(dir);
    // the fixture's labels (sports, cooking, computers) under two roots, parents listed after
    labels = dir.resolve("tree.tsv");
    Files.writeString(labels, "sports\tgames, teams, matches\t\tleisure\n"
        + "cooking\trecipes, food, baking\t\tleisure\n"
        + "computers\tsoftware, code, programs\t\twork\n"
        + "leisure\tfree time\n"
        + "work\tjobs and tools\n");
  }

  static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(Json.mapper().readTree(l));
    }
    return out;
  }

  static List<String> labelsOf(JsonNode line) {
    List<String> out = new ArrayList<>();
    line.get("labels").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void trainSavesAHierarchicalRuleThatPredictAndEvalUse() throws Exception {
    Path model = dir.resolve("model");
    CliRun.Result t = cli().run("train", "-q", "-m", "hashing:64", "--train", train.toString(),
        "--labels-file", labels.toString(), "--hierarchy", "top-down", "--ancestors", "--out",
        model.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    JsonNode rule = Json.mapper().readTree(model.resolve("decision.json").toFile());
    assertThat(rule.get("rule").asText()).isEqualTo("hierarchy");
    assertThat(rule.get("mode").asText()).isEqualTo("top-down");

    Path out = dir.resolve("pred.jsonl");
    CliRun.Result p = cli().run("predict", "-q", "--model", model.toString(), "--input",
        test.toString(), "--output", out.toString());
    assertThat(p.code()).as(p.toString()).isZero();
    for (JsonNode line : lines(out)) {
      List<String> got = labelsOf(line);
      assertThat(got).as(line.toString()).hasSize(2); // a root and one of its children
      assertThat(got).containsAnyOf("leisure", "work");
      if (got.contains("computers")) {
        assertThat(got).contains("work");
      }
    }
    Path leaves = dir.resolve("leaves.jsonl");
    p = cli().run("predict", "-q", "--model", model.toString(), "--input", test.toString(),
        "--output", leaves.toString(), "--no-ancestors");
    assertThat(p.code()).as(p.toString()).isZero();
    for (JsonNode line : lines(leaves)) {
      assertThat(labelsOf(line)).hasSize(1).doesNotContain("leisure", "work");
    }

    CliRun.Result e = cli().run("eval", "--model", model.toString(), "--test",
        test.toString(), "--no-ancestors", "--json", dir.resolve("m.json").toString(), "--html",
        dir.resolve("r.html").toString());
    assertThat(e.code()).as(e.toString()).isZero();
    JsonNode m = Json.mapper().readTree(dir.resolve("m.json").toFile());
    assertThat(m.get("hierarchical_f1").asDouble()).isBetween(0.0, 1.0);
    // a coarse label is right whenever the fine one is
    assertThat(m.get("top_level_accuracy").asDouble())
        .isGreaterThanOrEqualTo(m.get("accuracy").asDouble());
    assertThat(m.at("/info/decision rule").asText()).contains("\"mode\":\"top-down\"")
        .contains("\"ancestors\":false");
    assertThat(Files.readString(dir.resolve("r.html"))).contains("hierarchical_f1");
    // the terminal shows them too
    assertThat(e.out()).containsPattern("hierarchical_f1\\s+\\d\\.\\d{4}")
        .containsPattern("top_level_accuracy\\s+\\d\\.\\d{4}");
  }

  @Test
  void evalOfAMethodWithFlatAndHierarchicalDecisions() throws Exception {
    for (String mode : List.of("flat", "consistent", "top-down")) {
      CliRun.Result r = cli().run("eval", "-q", "--method", "centroid", "-e", "hashing:64",
          "--labels-file", labels.toString(), "--train", train.toString(), "--test",
          test.toString(), "--hierarchy", mode, "--json", "-");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode m = Json.mapper().readTree(r.out());
      assertThat(m.get("hierarchical_precision").asDouble()).as(mode).isBetween(0.0, 1.0);
      if (!mode.equals("flat")) {
        assertThat(m.at("/info/decision rule").asText()).contains("\"mode\":\"" + mode + "\"");
      }
    }
  }

  @Test
  void classifyCarriesAncestors() throws Exception {
    CliRun.Result r = cli().run("classify", "-m", "hashing:64", "--labels-file",
        labels.toString(), "--hierarchy", "consistent", "--ancestors",
        "The players won the game and the fans cheered");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode line = Json.mapper().readTree(r.outLines().get(0));
    List<String> got = labelsOf(line);
    assertThat(got).hasSizeGreaterThanOrEqualTo(2);
    // whatever was chosen, its parent came along
    if (got.contains("sports") || got.contains("cooking")) {
      assertThat(got).contains("leisure");
    }
    if (got.contains("computers")) {
      assertThat(got).contains("work");
    }
  }

  @Test
  void hierarchyOnFlatLabelsOrABrokenTreeIsAClearError() throws Exception {
    Path model = dir.resolve("flat");
    assertThat(cli().run("train", "-q", "-m", "hashing:64", "--train", train.toString(), "--out",
        model.toString()).code()).isZero();
    CliRun.Result r = cli().run("predict", "-q", "--model", model.toString(), "--input",
        test.toString(), "--hierarchy", "top-down");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("--hierarchy top-down: the labels have no hierarchy");
    r = cli().run("predict", "-q", "--model", model.toString(), "--input", test.toString(),
        "--hierarchy", "sideways");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("unknown mode 'sideways'");

    Path cyclic = dir.resolve("cyclic.tsv");
    Files.writeString(cyclic, "sports\t\t\tcooking\ncooking\t\t\tsports\ncomputers\n");
    r = cli().run("classify", "-m", "hashing:64", "--labels-file", cyclic.toString(), "text");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("cyclic.tsv:1: field 'parent': labels form a cycle");
  }

  @Test
  void aSkosVocabularyInTurtleIsALabelsFile() throws Exception {
    Path ttl = dir.resolve("topics.ttl");
    Files.writeString(ttl, "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        + "@prefix ex: <http://example.org/> .\n"
        + "ex:leisure a skos:Concept ; skos:prefLabel \"leisure\"@en .\n"
        + "ex:sports a skos:Concept ; skos:prefLabel \"sports\"@en ;\n"
        + "  skos:altLabel \"games\"@en, \"matches\"@en ; skos:broader ex:leisure .\n"
        + "ex:cooking a skos:Concept ; skos:prefLabel \"cooking\"@en ;\n"
        + "  skos:altLabel \"recipes\"@en ; skos:broader ex:leisure .\n"
        + "ex:work a skos:Concept ; skos:prefLabel \"work\"@en .\n"
        + "ex:computers a skos:Concept ; skos:prefLabel \"computers\"@en ;\n"
        + "  skos:altLabel \"software\"@en ; skos:broader ex:work .\n");
    Path model = dir.resolve("skos-model");
    CliRun.Result t = cli().run("train", "-q", "-m", "hashing:64", "--train", train.toString(),
        "--labels-file", ttl.toString(), "--hierarchy", "consistent", "--ancestors", "--out",
        model.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    Path out = dir.resolve("skos.jsonl");
    CliRun.Result p = cli().run("predict", "-q", "--model", model.toString(), "--input",
        test.toString(), "--output", out.toString());
    assertThat(p.code()).as(p.toString()).isZero();
    for (JsonNode line : lines(out)) {
      List<String> got = labelsOf(line);
      assertThat(got).hasSize(2).containsAnyOf("leisure", "work");
      // the vocabulary's URIs, in the order of the labels
      assertThat(line.get("uris").get(0).asText()).isEqualTo("http://example.org/" + got.get(0));
      assertThat(line.get("uris").get(1).asText()).isEqualTo("http://example.org/" + got.get(1));
    }
  }
}
