package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, items 2, 3, 9, 10 and 12: reports and model directories are not written over without
 * --overwrite, never over an input or a model file; meaningless requests are errors.
 */
class ReportsAndModelsTest {

  @TempDir Path dir;
  Path model;
  Path gold;
  Path train;

  @BeforeEach
  void setUp() throws Exception {
    model = dir.resolve("model");
    train = TestData.train(dir);
    CliRun.Result r = cli().run("train", "-q", "--method", "centroid", "-m", "hashing:64",
        "--train", train.toString(), "--out", model.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    gold = TestData.test(dir);
  }

  @Test
  void evalJsonOverTheGoldFileIsRefusedEvenWithOverwrite() throws Exception {
    byte[] before = Files.readAllBytes(gold);
    CliRun.Result r = cli().run("eval", "--model", model.toString(), "--test", gold.toString(),
        "--json", gold.toString(), "--overwrite");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).contains("--json is the --test file");
    assertThat(Files.readAllBytes(gold)).isEqualTo(before);
  }

  @Test
  void reportOverAModelFileIsRefused() throws Exception {
    Path manifest = model.resolve("manifest.json");
    byte[] before = Files.readAllBytes(manifest);
    CliRun.Result r = cli().run("eval", "--model", model.toString(), "--test", gold.toString(),
        "--json", manifest.toString(), "--overwrite");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).contains("model directory");
    assertThat(Files.readAllBytes(manifest)).isEqualTo(before);
    CliRun.Result t = cli().run("tune", "--model", model.toString(), "--validation",
        gold.toString(), "--json", model.resolve("decision.json").toString(), "--overwrite");
    assertThat(t.code()).as(t.toString()).isEqualTo(3);
  }

  @Test
  void existingReportNeedsOverwrite() throws Exception {
    Path json = dir.resolve("metrics.json");
    Path html = dir.resolve("report.html");
    Files.writeString(json, "keep me");
    Files.writeString(html, "keep me");
    CliRun.Result r = cli().run("eval", "--model", model.toString(), "--test", gold.toString(),
        "--json", json.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).contains("exists: add --overwrite");
    CliRun.Result h = cli().run("eval", "--model", model.toString(), "--test", gold.toString(),
        "--html", html.toString());
    assertThat(h.code()).as(h.toString()).isEqualTo(3);
    assertThat(Files.readString(json)).isEqualTo("keep me");
    assertThat(Files.readString(html)).isEqualTo("keep me");
    CliRun.Result ok = cli().run("eval", "-q", "--model", model.toString(), "--test",
        gold.toString(), "--json", json.toString(), "--html", html.toString(), "--overwrite");
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(Files.readString(json)).contains("\"macro_f1\"");
    assertThat(Files.readString(html)).contains("<html");
    // no temporary sibling left behind
    try (var l = Files.list(dir)) {
      assertThat(l.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
          .isEmpty();
    }
  }

  @Test
  void trainIntoAnExistingModelNeedsOverwriteAndNeverGoesOverAnInput() throws Exception {
    byte[] manifest = Files.readAllBytes(model.resolve("manifest.json"));
    CliRun.Result r = cli().run("train", "--method", "centroid", "-m", "hashing:64",
        "--train", train.toString(), "--out", model.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).contains("holds a model").contains("--overwrite");
    assertThat(Files.readAllBytes(model.resolve("manifest.json"))).isEqualTo(manifest);
    CliRun.Result over = cli().run("train", "-q", "--method", "centroid", "-m", "hashing:64",
        "--train", train.toString(), "--out", model.toString(), "--overwrite");
    assertThat(over.code()).as(over.toString()).isZero();
    CliRun.Result intoInput = cli().run("train", "--method", "centroid", "-m", "hashing:64",
        "--train", train.toString(), "--out", train.toString(), "--overwrite");
    assertThat(intoInput.code()).as(intoInput.toString()).isEqualTo(3);
    assertThat(Files.isRegularFile(train)).isTrue();
    try (var l = Files.list(dir)) {
      assertThat(l.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".model")))
          .as("no staging or old directories left").isEmpty();
    }
  }

  @Test
  void tuneOnUnlabelledValidationIsAnErrorAndLeavesDecisionJsonUntouched() throws Exception {
    CliRun.Result t = cli().run("tune", "-q", "--model", model.toString(), "--validation",
        gold.toString(), "--target-precision", "0.5");
    assertThat(t.code()).as(t.toString()).isZero();
    byte[] tuned = Files.readAllBytes(model.resolve("decision.json"));
    Path empty = dir.resolve("empty.jsonl");
    Files.writeString(empty, "");
    Path unlabelled = TestData.docs(dir.resolve("unlabelled.jsonl"), 5);
    for (Path v : new Path[] {empty, unlabelled}) {
      CliRun.Result r = cli().run("tune", "--model", model.toString(), "--validation",
          v.toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(3);
      assertThat(Files.readAllBytes(model.resolve("decision.json"))).isEqualTo(tuned);
    }
  }

  @Test
  void evalOnEmptyOrUnlabelledGoldIsAnError() throws Exception {
    Path empty = dir.resolve("empty.jsonl");
    Files.writeString(empty, "");
    Path unlabelled = TestData.docs(dir.resolve("unlabelled.jsonl"), 5);
    for (Path v : new Path[] {empty, unlabelled}) {
      CliRun.Result r = cli().run("eval", "--model", model.toString(), "--test", v.toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(3);
      assertThat(r.err()).containsAnyOf("no gold documents", "no document has a gold label");
      assertThat(r.out()).doesNotContain("accuracy");
    }
  }

  @Test
  void optionsThatCannotApplyAreErrors() throws Exception {
    CliRun.Result e = cli().run("eval", "--model", model.toString(), "-e", "hashing:32",
        "--test", gold.toString());
    assertThat(e.code()).as(e.toString()).isEqualTo(3);
    assertThat(e.err()).contains("a trained model (--model) has its own");
  }
}
