package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Example;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {

  @TempDir Path dir;
  Path model;
  Path validation;

  @BeforeEach
  void multiLabelModel() throws Exception {
    List<Example> ex = Fixtures.topicsMultiLabel().examples();
    Path train = TestData.write(dir.resolve("train.jsonl"), ex);
    validation = TestData.write(dir.resolve("dev.jsonl"), ex.subList(20, ex.size()));
    model = dir.resolve("model");
    CliRun.Result r = cli().run("train", "-q", "-m", "hashing:64", "--multi-label", "--train",
        train.toString(), "--out", model.toString());
    assertThat(r.code()).as(r.toString()).isZero();
  }

  DecisionRule saved() throws Exception {
    return Json.mapper().readValue(model.resolve("decision.json").toFile(), DecisionRule.class);
  }

  @Test
  void sweepWritesLimitThresholdRule() throws Exception {
    assertThat(saved()).isEqualTo(DecisionRule.threshold(0.5));
    CliRun.Result r = cli().run("tune", "--model", model.toString(), "--validation",
        validation.toString(), "--json", dir.resolve("t.json").toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("limit × threshold sweep maximizing micro_f1")
        .contains("before: {\"rule\":\"threshold\"").contains("after:  {\"rule\":\"limit\"");
    assertThat(saved()).isInstanceOf(org.classify4j.classify.DecisionRules.Limit.class);
    JsonNode t = Json.mapper().readTree(dir.resolve("t.json").toFile());
    assertThat(t.at("/rule/rule").asText()).isEqualTo("limit");
    assertThat(t.get("metric").asText()).isEqualTo("micro_f1");
    assertThat(r.err()).contains("decision rule written to");
  }

  @Test
  void dryRunLeavesDecisionAlone() throws Exception {
    String before = Files.readString(model.resolve("decision.json"));
    CliRun.Result r = cli().run("tune", "--model", model.toString(), "--validation",
        validation.toString(), "--per-label", "--dry-run");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("per-label thresholds").contains("{\"rule\":\"per_label\"");
    assertThat(Files.readString(model.resolve("decision.json"))).isEqualTo(before);
  }

  @Test
  void targetPrecisionAndMetricChoice() throws Exception {
    CliRun.Result r = cli().run("tune", "-q", "--model", model.toString(), "--validation",
        validation.toString(), "--target-precision", "0.5");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("highest recall with precision ≥ 0.5");
    assertThat(saved()).isNotEqualTo(DecisionRule.threshold(0.5));
    CliRun.Result f = cli().run("tune", "-q", "--model", model.toString(), "--validation",
        validation.toString(), "--metric", "f1_at_5");
    assertThat(f.code()).as(f.toString()).isZero();
    assertThat(f.out()).contains("maximizing f1_at_5");
  }

  @Test
  void badGoalsAreErrors() {
    CliRun.Result p = cli().run("tune", "--model", model.toString(), "--validation",
        validation.toString(), "--target-precision", "1.5");
    assertThat(p.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(p.err()).contains("--target-precision must be in (0,1]");
    CliRun.Result m = cli().run("tune", "--model", model.toString(), "--validation",
        validation.toString(), "--metric", "f2");
    assertThat(m.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(m.err()).contains("f2");
    CliRun.Result x = cli().run("tune", "--model", model.toString(), "--validation",
        validation.toString(), "--per-label", "--target-recall", "0.5");
    assertThat(x.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(x.err()).contains("mutually exclusive");
    CliRun.Result v = cli().run("tune", "--model", model.toString());
    assertThat(v.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(v.err()).contains("--validation");
  }
}
