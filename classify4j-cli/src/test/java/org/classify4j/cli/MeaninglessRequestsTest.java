package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, items 11, 13, 15 and 19: meaningless requests, warnings, masked keys, help text. */
class MeaninglessRequestsTest {

  @TempDir Path dir;

  @Test
  void anEmptyLabelSpaceIsAnError() throws Exception {
    CliRun.Result comma = cli().run("classify", "-m", "hashing:64", "--labels", ",", "text");
    assertThat(comma.code()).as(comma.toString()).isIn(2, 3);
    assertThat(comma.err()).contains("label");
    Path empty = dir.resolve("labels.txt");
    Files.writeString(empty, "# no labels here\n\n");
    CliRun.Result file = cli().run("classify", "-m", "hashing:64", "--labels-file",
        empty.toString(), "text");
    assertThat(file.code()).as(file.toString()).isEqualTo(3);
    assertThat(file.err()).contains("no labels");
  }

  @Test
  void classifyTreatsAnEmptyTextAsPredictDoes() throws Exception {
    CliRun.Result arg = cli().run("classify", "-m", "hashing:64", "--labels", "a,b", "");
    assertThat(arg.code()).as(arg.toString()).isEqualTo(3);
    assertThat(arg.err()).contains("empty text");
    CliRun.Result json = cli().stdin("{\"id\": \"x\", \"text\": \"\"}\n")
        .run("classify", "-m", "hashing:64", "--labels", "a,b");
    assertThat(json.code()).as(json.toString()).isEqualTo(3);
    assertThat(json.err()).contains("empty text");
  }

  @Test
  void trainingWarnsAboutModelsThatCannotWork() throws Exception {
    Path one = dir.resolve("one.jsonl");
    Files.writeString(one, "{\"text\": \"a b\", \"labels\": [\"x\"]}\n"
        + "{\"text\": \"c d\", \"labels\": [\"x\"]}\n");
    CliRun.Result r = cli().run("train", "-q", "--method", "centroid", "-m", "hashing:64",
        "--train", one.toString(), "--out", dir.resolve("m1").toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("warning: only one label");
    assertThat(Files.readString(dir.resolve("m1/manifest.json"))).contains("only one label");

    Path data = TestData.train(dir);
    CliRun.Result df = cli().run("train", "-q", "--method", "tfidf-linear", "-p", "min_df=1000",
        "--train", data.toString(), "--out", dir.resolve("m2").toString());
    assertThat(df.err()).contains("min_df 1000 is above the number of training documents");

    Path mixed = dir.resolve("mixed.jsonl");
    Files.writeString(mixed, Files.readString(data) + "{\"text\": \"none\", \"labels\": []}\n");
    CliRun.Result ml = cli().run("train", "-q", "--method", "centroid", "-m", "hashing:64",
        "--train", mixed.toString(), "--out", dir.resolve("m3").toString());
    assertThat(ml.code()).as(ml.toString()).isZero();
    assertThat(ml.err()).contains("with no labels (\"labels\": []) made this multi-label");
  }

  @Test
  void configuredKeysAreMaskedByValueInErrors() throws Exception {
    String key = "gsk_9fQ2xLr7TzKpW0aBcDeFgHiJ";
    CliRun.Result r = cli().env("CLASSIFY4J_LLM_API_KEY", key).run("classify", "-m",
        "hashing:64", "--labels-file", key, "text");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).doesNotContain(key).contains("***");
    CliRun.Result v = cli().env("MY_LLM_KEY", key).run("classify", "-v", "-m", "hashing:64",
        "--labels-file", key, "text");
    assertThat(v.err()).doesNotContain(key);
  }

  @Test
  void evalHelpPrintsNoPicocliWarnings() {
    // picocli's own warnings go to System.err
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream sysErr = new java.io.ByteArrayOutputStream();
    CliRun.Result r;
    System.setErr(new java.io.PrintStream(sysErr, true));
    try {
      r = cli().run("eval", "--help");
    } finally {
      System.setErr(saved);
    }
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("95% percentile-bootstrap");
    assertThat(r.out() + r.err() + sysErr).doesNotContain("[picocli WARN]")
        .doesNotContain("UnknownFormatConversion");
  }
}
