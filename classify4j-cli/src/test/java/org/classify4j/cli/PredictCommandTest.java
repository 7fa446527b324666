package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

  @TempDir Path dir;
  Path model;

  @BeforeEach
  void train() throws Exception {
    model = dir.resolve("model");
    CliRun.Result r = cli().run("train", "-q", "--method", "centroid", "-m", "hashing:64",
        "--train", TestData.train(dir).toString(), "--out", model.toString());
    assertThat(r.code()).as(r.toString()).isZero();
  }

  static List<String> ids(Path jsonl) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String l : Files.readAllLines(jsonl)) {
      ids.add(Json.mapper().readTree(l).get("id").asText());
    }
    return ids;
  }

  @Test
  void predictsFileToJsonlWithSavedRule() throws Exception {
    Path out = dir.resolve("pred.jsonl");
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
        TestData.test(dir).toString(), "--output", out.toString(), "--batch-size", "4");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(6);
    JsonNode first = Json.mapper().readTree(lines.get(0));
    assertThat(first.get("id").asText()).isEqualTo("t1");
    assertThat(first.get("labels")).hasSize(1);
    assertThat(first.get("scores").size()).isEqualTo(3);
    assertThat(r.err()).contains("predict: done, 6 docs").contains("wrote 6 predictions");
  }

  @Test
  void predictsStdinToStdout() throws Exception {
    CliRun.Result r = cli().stdin("{\"id\": \"a\", \"text\": \"bake the bread\"}\n{\"text\": \"no id\"}\n")
        .run("predict", "-q", "--model", model.toString(), "--top", "1");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.outLines()).hasSize(2);
    JsonNode a = Json.mapper().readTree(r.outLines().get(0));
    assertThat(a.get("id").asText()).isEqualTo("a");
    assertThat(a.get("scores").size()).isEqualTo(1);
    assertThat(Json.mapper().readTree(r.outLines().get(1)).get("id").asText())
        .isEqualTo("line-2");
  }

  @Test
  void csvOutputByExtension() throws Exception {
    Path out = dir.resolve("pred.csv");
    CliRun.Result r = cli().run("predict", "-q", "--model", model.toString(), "--input",
        TestData.test(dir).toString(), "--output", out.toString(), "--limit", "2",
        "--threshold", "0");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("id,labels,abstained,scores");
    assertThat(lines).hasSize(7);
    assertThat(lines.get(1)).matches("t1,[a-z]+\\|[a-z]+,false,\"\\{.*\\}\"");
  }

  @Test
  void existingOutputNeedsResumeOrOverwrite() throws Exception {
    Path out = dir.resolve("pred.jsonl");
    Files.writeString(out, "");
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
        TestData.test(dir).toString(), "--output", out.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("exists: use --resume").contains("--overwrite");
    CliRun.Result o = cli().run("predict", "-q", "--model", model.toString(), "--input",
        TestData.test(dir).toString(), "--output", out.toString(), "--overwrite");
    assertThat(o.code()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(6);
  }

  @Test
  void resumeCutsTornLineAndSkipsDoneIds() throws Exception {
    Path docs = TestData.docs(dir.resolve("docs.jsonl"), 50);
    Path out = dir.resolve("pred.jsonl");
    CliRun.Result first = cli().run("predict", "-q", "--model", model.toString(), "--input",
        docs.toString(), "--output", out.toString());
    assertThat(first.code()).isZero();
    List<String> all = Files.readAllLines(out);
    // as if killed while writing line 21: 20 complete lines and half of the next
    String torn = all.get(20).substring(0, all.get(20).length() / 2);
    Files.write(out, all.subList(0, 20));
    Files.writeString(out, torn, StandardOpenOption.APPEND);
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
        docs.toString(), "--output", out.toString(), "--resume");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("20 documents already done")
        .contains("wrote 30 predictions").contains("(20 already there, skipped)");
    assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).isEqualTo(all);
  }

  @Test
  void resumeCsvWithTornHeaderStartsOver() throws Exception {
    Path out = dir.resolve("pred.csv");
    Files.writeString(out, "id,lab");
    CliRun.Result r = cli().run("predict", "-q", "--model", model.toString(), "--input",
        TestData.test(dir).toString(), "--output", out.toString(), "--resume");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("id,labels,abstained,scores");
    assertThat(lines).hasSize(7);
  }

  @Test
  void resumeOfForeignFileIsBadInput() throws Exception {
    Path out = dir.resolve("pred.jsonl");
    Files.writeString(out, "this is not json\n");
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
        TestData.test(dir).toString(), "--output", out.toString(), "--resume");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("pred.jsonl:1: cannot resume");
  }

  @Test
  void resumeWithoutOutputIsBadInput() {
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--resume");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("--resume needs --output");
  }

  @Test
  void notAModelDirectoryIsBadInput() {
    CliRun.Result r = cli().run("predict", "--model", dir.toString(), "--input", "x");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void noModelIsBadInput() {
    CliRun.Result r = cli().run("predict");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("no model: give --model DIR or --project NAME");
  }

  @Test
  void outputIntoADirectoryIsABadArgument() throws Exception {
    // issue 22, item 15: the usage/input exit code, like other bad arguments (was 1)
    Path out = dir.resolve("adir");
    Files.createDirectories(out);
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
        TestData.test(dir).toString(), "--output", out.toString(), "--overwrite");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("is a directory");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void badInputLineStopsWithOneLineAndKeepsWhatWasWritten() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"id\": \"a\", \"text\": \"bake bread\"}\n{\"id\": \"b\"}\n");
    Path out = dir.resolve("pred.jsonl");
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input", in.toString(),
        "--output", out.toString(), "--batch-size", "1");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("classify4j: error: " + in
        + ":2: field 'text': missing (expected a string)" + System.lineSeparator());
    assertThat(ids(out)).containsExactly("a");
  }

  @Test
  void resumeCsvAppendsRowsWithoutASecondHeader() throws Exception {
    Path docs = TestData.docs(dir.resolve("docs.jsonl"), 30);
    Path out = dir.resolve("pred.csv");
    assertThat(cli().run("predict", "-q", "--model", model.toString(), "--input", docs.toString(),
        "--output", out.toString()).code()).isZero();
    List<String> all = Files.readAllLines(out);
    assertThat(all).hasSize(31);
    Files.write(out, all.subList(0, 11)); // header + 10 rows
    Files.writeString(out, all.get(11).substring(0, 5), StandardOpenOption.APPEND);
    CliRun.Result r = cli().run("predict", "-q", "--model", model.toString(), "--input",
        docs.toString(), "--output", out.toString(), "--resume");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Files.readAllLines(out)).isEqualTo(all);
  }

  @Test
  void outputOverTheInputIsRefused() throws Exception {
    Path in = TestData.test(dir);
    String before = Files.readString(in);
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input", in.toString(),
        "--output", in.toString(), "--overwrite");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("--output is the --input file");
    assertThat(Files.readString(in)).isEqualTo(before);
  }
}
