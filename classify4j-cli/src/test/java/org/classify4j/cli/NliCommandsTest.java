package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NLI methods through the command line, on the tiny random cross-encoder of classify4j-onnx's
 * test resources: classify single- and multi-label (scores equal to transformers' pipeline, from
 * the reference file), train / predict with nli-head, and the pair builder.
 */
class NliCommandsTest {
  static final Path TINY =
      Path.of("..", "classify4j-onnx", "src", "test", "resources", "nli", "tiny-bert").toAbsolutePath().normalize();

  @TempDir Path dir;

  static JsonNode reference() throws Exception {
    return Json.mapper().readTree(TINY.resolve("reference.json").toFile());
  }

  /** The first reference case with this multi-label flag and more than one label. */
  static JsonNode caseOf(boolean multi) throws Exception {
    for (JsonNode c : reference().get("cases")) {
      if (c.get("multi_label").asBoolean() == multi && c.get("labels").size() > 2
          && c.get("template").asText().equals("This example is {}.")) {
        return c;
      }
    }
    throw new AssertionError("no case");
  }

  @Test
  void classifyScoresEqualThePipelinesSingleAndMultiLabel() throws Exception {
    for (boolean multi : new boolean[] {false, true}) {
      JsonNode c = caseOf(multi);
      List<String> labels = new ArrayList<>();
      c.get("labels").forEach(l -> labels.add(l.asText()));
      List<String> args = new ArrayList<>(List.of("classify", "--method", "nli-zero-shot",
          "-p", "model=" + TINY, "--labels", String.join(",", labels), "--top", "10"));
      if (multi) {
        args.add("--multi-label");
      }
      args.add(c.get("text").asText());
      CliRun.Result r = cli().run(args.toArray(String[]::new));
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode line = Json.mapper().readTree(r.outLines().get(0));
      for (int j = 0; j < labels.size(); j++) {
        assertThat(line.get("scores").get(labels.get(j)).asDouble())
            .as("%s multi=%s", labels.get(j), multi)
            .isCloseTo(c.get("scores").get(j).asDouble(), within(1e-4));
      }
    }
  }

  @Test
  void aMissingModelDirectoryIsNamed() {
    CliRun.Result r = cli().run("classify", "--method", "nli-zero-shot", "-p",
        "model=" + dir.resolve("nope"), "--labels", "a,b", "text");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("nope").contains("not a model directory");
  }

  @Test
  void nliHeadTrainsSavesAndPredicts() throws Exception {
    Path train = TestData.train(dir);
    Path out = dir.resolve("head");
    CliRun.Result t = cli().run("train", "-q", "--method", "nli-head", "-p", "model=" + TINY,
        "--train", train.toString(), "--out", out.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    JsonNode man = Json.mapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(man.get("type").asText()).isEqualTo("nli-head");
    assertThat(man.get("params").get("model").asText()).isEqualTo(TINY.toString());
    Path docs = TestData.test(dir);
    CliRun.Result p = cli().run("predict", "-q", "--model", out.toString(), "--input", docs.toString());
    assertThat(p.code()).as(p.toString()).isZero();
    assertThat(p.outLines()).hasSize(Files.readAllLines(docs).size());
  }

  @Test
  void pairsAreWrittenAsJsonLines() throws Exception {
    Path train = TestData.train(dir);
    Path out = dir.resolve("pairs.jsonl");
    CliRun.Result r = cli().run("nli-pairs", train.toString(), "-o", out.toString(),
        "--negatives", "2", "--seed", "5");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(out);
    int examples = Files.readAllLines(train).size();
    long ent = 0;
    for (String l : lines) {
      JsonNode n = Json.mapper().readTree(l);
      assertThat(n.get("hypothesis").asText()).isEqualTo("This example is " + n.get("class").asText() + ".");
      ent += n.get("label").asText().equals("entailment") ? 1 : 0;
    }
    assertThat(ent).isEqualTo(examples);
    assertThat(lines.size() - ent).isEqualTo(2L * examples);
    CliRun.Result again = cli().run("nli-pairs", train.toString(), "-o", out.toString());
    assertThat(again.code()).isNotZero();
    assertThat(again.err()).contains("--overwrite");
  }
}
