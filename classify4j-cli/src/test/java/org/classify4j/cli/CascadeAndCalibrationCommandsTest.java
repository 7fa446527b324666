package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cascade and calibrated methods by name through train, predict and eval. */
class CascadeAndCalibrationCommandsTest {
  @TempDir Path dir;

  @Test
  void aCascadeIsTrainedSavedAndSaysWhichStageAnsweredEachText() throws Exception {
    Path train = TestData.train(dir);
    Path test = TestData.test(dir);
    Path model = dir.resolve("cascade");
    CliRun.Result t = cli().run("train", "-q", "--method", "cascade",
        "-p", "stage1=tfidf-linear", "-p", "stage1.C=10", "-p", "stage2=centroid",
        "-p", "stage2.model=hashing:64", "-p", "threshold=0.5",
        "--train", train.toString(), "--out", model.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    assertThat(model.resolve("stage1/manifest.json")).isRegularFile();
    assertThat(model.resolve("stage2/manifest.json")).isRegularFile();

    Path out = dir.resolve("pred.jsonl");
    CliRun.Result p = cli().run("predict", "-q", "--model", model.toString(), "--input",
        test.toString(), "--output", out.toString());
    assertThat(p.code()).as(p.toString()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).isNotEmpty();
    for (String l : lines) {
      JsonNode n = Json.mapper().readTree(l);
      assertThat(n.path("stage").asInt()).isIn(1, 2);
    }

    CliRun.Result bad = cli().run("train", "-q", "--method", "cascade", "-p", "stage1=tfidf-linear",
        "--train", train.toString(), "--out", dir.resolve("bad").toString());
    assertThat(bad.code()).as(bad.toString()).isNotZero();
    assertThat(bad.err()).contains("stage2");
  }

  @Test
  void aSavedModelIsCalibratedOnAValidationFileAndEvaluated() throws Exception {
    Path train = TestData.train(dir);
    Path test = TestData.test(dir);
    Path base = dir.resolve("base");
    assertThat(cli().run("train", "-q", "--method", "tfidf-linear", "--train", train.toString(),
        "--out", base.toString()).code()).isZero();
    Path cal = dir.resolve("cal");
    CliRun.Result c = cli().run("train", "-q", "--method", "calibrated", "-p", "base=" + base,
        "-p", "calibration=isotonic", "--train", test.toString(), "--out", cal.toString());
    assertThat(c.code()).as(c.toString()).isZero();
    assertThat(cal.resolve("base/manifest.json")).isRegularFile();

    Path before = dir.resolve("before.json");
    Path after = dir.resolve("after.json");
    assertThat(cli().run("eval", "-q", "--model", base.toString(), "--test", test.toString(),
        "--json", before.toString()).code()).isZero();
    CliRun.Result e = cli().run("eval", "-q", "--model", cal.toString(), "--test",
        test.toString(), "--json", after.toString(), "--html", dir.resolve("r.html").toString());
    assertThat(e.code()).as(e.toString()).isZero();
    double eceBefore = Json.mapper().readTree(before.toFile()).path("ece").asDouble();
    double eceAfter = Json.mapper().readTree(after.toFile()).path("ece").asDouble();
    // calibrated on the very texts it is evaluated on: the isotonic map fits them
    assertThat(eceAfter).isLessThanOrEqualTo(eceBefore);
    assertThat(Files.readString(dir.resolve("r.html"))).contains("Reliability diagram");
  }
}
