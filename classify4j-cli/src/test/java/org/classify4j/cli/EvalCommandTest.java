package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.data.Example;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

  @TempDir Path dir;
  Path train;
  Path test;

  @BeforeEach
  void data() throws Exception {
    train = TestData.train(dir);
    test = TestData.test(dir);
  }

  JsonNode json(String name) throws Exception {
    return Json.mapper().readTree(dir.resolve(name).toFile());
  }

  @Test
  void trainedModelOnTestDataWithJsonAndHtml() throws Exception {
    Path model = dir.resolve("model");
    assertThat(cli().run("train", "-q", "-m", "hashing:64", "--train", train.toString(), "--out",
        model.toString()).code()).isZero();
    CliRun.Result r = cli().run("eval", "--model", model.toString(), "--test", test.toString(),
        "--json", dir.resolve("m.json").toString(), "--html", dir.resolve("r.html").toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("precision", "recall", "support", "sports", "macro avg",
        "accuracy", "method: centroid");
    JsonNode m = json("m.json");
    for (String k : List.of("accuracy", "macro_f1", "micro_f1", "weighted_f1")) {
      assertThat(m.get(k).asDouble()).as(k).isBetween(0.0, 1.0);
    }
    assertThat(m.get("documents").asInt()).isEqualTo(6);
    assertThat(m.at("/info/model").asText()).isEqualTo(model.toString());
    String html = Files.readString(dir.resolve("r.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("centroid")
        .doesNotContain("<script");
    assertThat(r.err()).contains("metrics written to").contains("HTML report written to");
  }

  @Test
  void methodTrainedHereJsonToStdout() throws Exception {
    CliRun.Result r = cli().run("eval", "-q", "--method", "knn", "-e", "hashing:64", "-p", "k=3",
        "--train", train.toString(), "--test", test.toString(), "--json", "-");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode m = Json.mapper().readTree(r.out());
    assertThat(m.get("accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(m.at("/info/method").asText()).isEqualTo("knn");
    assertThat(m.at("/info/params").asText()).contains("k=3");
  }

  @Test
  void multiLabelReportsRankingMetrics() throws Exception {
    List<Example> ex = Fixtures.topicsMultiLabel().examples();
    Path mtrain = TestData.write(dir.resolve("mtrain.jsonl"), ex.subList(0, 24));
    Path mtest = TestData.write(dir.resolve("mtest.jsonl"), ex.subList(24, ex.size()));
    CliRun.Result r = cli().run("eval", "-q", "--method", "centroid", "-e", "hashing:64",
        "--multi-label", "--train", mtrain.toString(), "--test", mtest.toString(), "--json",
        dir.resolve("m.json").toString());
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode m = json("m.json");
    assertThat(m.get("multi_label").asBoolean()).isTrue();
    for (String k : List.of("samples_f1", "f1_at_5", "ndcg", "micro_f1")) {
      assertThat(m.has(k)).as(k).isTrue();
    }
  }

  @Test
  void fewShotRunsGiveMeanAndSdAndAreReproducible() throws Exception {
    String[] args = {"eval", "-q", "--method", "centroid", "-e", "hashing:64", "--train",
        train.toString(), "--test", test.toString(), "--samples-per-label", "2", "--runs", "3",
        "--seed", "7", "--json", "-"};
    CliRun.Result r = cli().run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode m = Json.mapper().readTree(r.out());
    assertThat(m.get("runs").asInt()).isEqualTo(3);
    for (String k : List.of("accuracy", "macro_f1", "micro_f1", "weighted_f1")) {
      assertThat(m.get(k).has("mean")).as(k).isTrue();
      assertThat(m.get(k).get("sd").asDouble()).as(k).isGreaterThanOrEqualTo(0.0);
    }
    assertThat(m.get("per_run")).hasSize(3);
    assertThat(m.at("/info/protocol").asText()).contains("3 runs of 2");
    JsonNode again = Json.mapper().readTree(cli().run(args).out());
    assertThat(again.get("per_run")).isEqualTo(m.get("per_run"));
  }

  @Test
  void crossValidationTable() throws Exception {
    CliRun.Result r = cli().run("eval", "--method", "centroid", "-e", "hashing:64", "--train",
        train.toString(), "--cv", "3", "--html", dir.resolve("cv.html").toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("(3 runs)").contains("macro_f1").contains("3-fold");
    assertThat(Files.readString(dir.resolve("cv.html"))).contains("<svg");
  }

  @Test
  void argumentConflictsAreBadInput() throws Exception {
    assertThat(cli().run("eval", "--method", "centroid", "--train", train.toString()).err())
        .contains("no gold data");
    assertThat(cli().run("eval", "--train", train.toString(), "--test", test.toString(), "--cv",
        "3").err()).contains("--cv evaluates by cross-validation");
    assertThat(cli().run("eval", "--model", "m", "--method", "knn", "--test", test.toString())
        .err()).contains("not both");
    assertThat(cli().run("eval", "--method", "knn", "--train", train.toString(), "--test",
        test.toString(), "--runs", "3").err()).contains("--runs goes with --samples-per-label");
    CliRun.Result r = cli().run("eval", "--test", test.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("nothing to evaluate");
  }

  @Test
  void testLabelUnknownToModelIsBadInputWithLine() throws Exception {
    Path model = dir.resolve("model");
    Path two = TestData.write(dir.resolve("two.jsonl"), Fixtures.topics().examples().subList(0, 2));
    assertThat(cli().run("train", "-q", "-m", "hashing:64", "--train", two.toString(), "--out",
        model.toString()).code()).isZero();
    CliRun.Result r = cli().run("eval", "--model", model.toString(), "--test", test.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("test.jsonl:3: field 'labels': unknown label 'computers'");
  }
}
