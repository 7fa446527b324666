package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.data.Example;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckDataCommandTest {

  @TempDir Path dir;

  @Test
  void oneFileTextReport() throws Exception {
    CliRun.Result r = cli().run("check-data", TestData.train(dir).toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("== data: 24 examples").contains("single-label");
  }

  @Test
  void trainTestLeakageAsJsonAndFailOnIssues() throws Exception {
    Path train = TestData.train(dir);
    List<Example> test = new ArrayList<>(Fixtures.topicsTest());
    test.add(Fixtures.topics().examples().get(0)); // a training text in the test set
    Path testFile = TestData.write(dir.resolve("test.jsonl"), test);
    CliRun.Result r = cli().run("check-data", train.toString(), testFile.toString(), "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("splits")).hasSize(2);
    assertThat(j.at("/pair/issues/exact_overlap/count").asInt()).isEqualTo(1);
    CliRun.Result f = cli().run("check-data", train.toString(), testFile.toString(),
        "--fail-on-issues");
    assertThat(f.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(f.out()).contains("== test");
    assertThat(f.err()).contains("exact_overlap");
  }

  @Test
  void emptyTextsAreReportedNotFatal() throws Exception {
    Path p = dir.resolve("d.jsonl");
    Files.writeString(p, "{\"text\": \"a b\", \"labels\": [\"x\"]}\n{\"text\": \" \", \"labels\":"
        + " [\"y\"]}\n");
    CliRun.Result r = cli().run("check-data", p.toString(), "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Json.mapper().readTree(r.out()).at("/splits/0/issues/empty_texts/count").asInt())
        .isEqualTo(1);
  }

  @Test
  void brokenLineIsBadInputWithFileAndLine() throws Exception {
    Path p = dir.resolve("bad.jsonl");
    Files.writeString(p, "{\"text\": \"ok\", \"labels\": [\"a\"]}\n{\"text\": 5}\n");
    CliRun.Result r = cli().run("check-data", p.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("classify4j: error: " + p + ":2: field 'text'");
  }

  @Test
  void missingFileIsBadInputAndMissingArgumentIsUsage() {
    CliRun.Result r = cli().run("check-data", dir.resolve("none.jsonl").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("none.jsonl: no such file");
    assertThat(cli().run("check-data").code()).isEqualTo(ExitCodes.USAGE);
  }
}
