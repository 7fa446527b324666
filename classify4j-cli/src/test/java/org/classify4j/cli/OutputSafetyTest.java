package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.classify4j.Json;
import org.classify4j.app.OutputFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, items 1, 4, 5 and 6: outputs never alias inputs, write errors fail, one writer. */
class OutputSafetyTest {

  @TempDir Path dir;
  Path model;
  Path input;

  @BeforeEach
  void train() throws Exception {
    model = dir.resolve("model");
    CliRun.Result r = cli().run("train", "-q", "--method", "centroid", "-m", "hashing:64",
        "--train", TestData.train(dir).toString(), "--out", model.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    input = TestData.test(dir);
  }

  @Test
  void outputThroughSymlinkHardLinkOrDotDotIsTheInputAndIsRefused() throws Exception {
    byte[] before = Files.readAllBytes(input);
    Path sym = Files.createSymbolicLink(dir.resolve("link-to-same.jsonl"), input);
    Path hard = Files.createLink(dir.resolve("hard.jsonl"), input);
    Files.createDirectories(dir.resolve("sub"));
    Path dotdot = dir.resolve("sub").resolve("..").resolve(input.getFileName());
    for (Path out : List.of(sym, hard, dotdot)) {
      CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
          input.toString(), "--output", out.toString(), "--overwrite");
      assertThat(r.code()).as(r.toString()).isEqualTo(3);
      assertThat(r.err()).contains("--output is the --input file").contains("same file");
      assertThat(Files.readAllBytes(input)).as("input untouched via %s", out).isEqualTo(before);
    }
  }

  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void outputThatIsTheRedirectedStdinIsRefused() throws Exception {
    // a real process: predict --output f < f
    byte[] before = Files.readAllBytes(input);
    Path argfile = dir.resolve("java.args");
    Files.writeString(argfile, "-cp\n\"" + System.getProperty("java.class.path")
        .replace("\\", "\\\\") + "\"\n");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-Xmx256m", "@" + argfile, Main.class.getName(),
        "predict", "--model", model.toString(), "--output", input.toString(), "--overwrite")
        .redirectInput(input.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dir.resolve("child.log"));
    assertThat(p.exitValue()).as(log).isEqualTo(3);
    assertThat(log).contains("standard input is read from");
    assertThat(Files.readAllBytes(input)).isEqualTo(before);
    assertThat(OutputFiles.sameFile(input, dir.resolve("sub/../" + input.getFileName())))
        .isTrue();
  }

  /** An OutputStream like /dev/full: every write fails. */
  static final class FullDisk extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      throw new IOException("No space left on device");
    }
  }

  static CliRun.Result runToFullDisk(Path workDir, String... args) {
    StringWriter err = new StringWriter();
    Main main = new Main(new ByteArrayInputStream(
        "{\"id\": \"a\", \"text\": \"bake bread\"}\n".getBytes(StandardCharsets.UTF_8)),
        Map.of(), false, workDir, Path.of("/nonexistent-home"));
    PrintWriter out = new PrintWriter(new OutputStreamWriter(new FullDisk(),
        StandardCharsets.UTF_8), true);
    int code = main.commandLine(out, new PrintWriter(err, true)).execute(args);
    return new CliRun.Result(code, "", err.toString(), List.of(args));
  }

  @Test
  void stdoutWriteErrorsAreErrorsInEveryCommandThatPrints() throws Exception {
    for (String[] args : List.of(
        new String[] {"predict", "-q", "--model", model.toString()},
        new String[] {"classify", "-q", "-m", "hashing:64", "--labels", "a,b", "some text"},
        new String[] {"eval", "-q", "--model", model.toString(), "--test", input.toString()},
        new String[] {"check-data", "-q", input.toString()},
        new String[] {"models"})) {
      CliRun.Result r = runToFullDisk(dir, args);
      assertThat(r.code()).as(r.toString()).isNotZero();
      assertThat(r.err()).as(r.toString()).contains("error");
    }
  }

  @Test
  void secondWriterOfTheSameOutputIsRefused() throws Exception {
    Path out = dir.resolve("pred.jsonl");
    Files.writeString(out, "");
    try (FileChannel held = FileChannel.open(out, StandardOpenOption.WRITE)) {
      OutputFiles.lock(held, out);
      CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
          input.toString(), "--output", out.toString(), "--resume");
      assertThat(r.code()).as(r.toString()).isEqualTo(3);
      assertThat(r.err()).contains("being written by another run");
    }
    assertThat(Files.readString(out)).isEmpty();
    CliRun.Result r = cli().run("predict", "-q", "--model", model.toString(), "--input",
        input.toString(), "--output", out.toString(), "--resume");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(6);
  }

  @Test
  void failedRunLeavesNoEmptyOutputThatBlocksARerun() throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"id\": \"a\", \"text\": \"x\"\n");
    Path out = dir.resolve("pred.jsonl");
    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
        bad.toString(), "--output", out.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(out).doesNotExist();
    CliRun.Result again = cli().run("predict", "-q", "--model", model.toString(), "--input",
        input.toString(), "--output", out.toString());
    assertThat(again.code()).as(again.toString()).isZero();
  }

  @Test
  void csvResumeCutsARecordTornInsideAMultiLineCell() throws Exception {
    Path in = dir.resolve("multi.jsonl");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      b.append("{\"id\": \"doc ").append(i).append("\\nsecond line\", \"text\": \"bake ")
          .append(i).append("\"}\n");
    }
    Files.writeString(in, b);
    Path out = dir.resolve("pred.csv");
    CliRun.Result r = cli().run("predict", "-q", "--model", model.toString(), "--input",
        in.toString(), "--output", out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    String full = Files.readString(out);
    // torn right after the newline inside the last record's quoted id
    int cut = full.lastIndexOf("second line");
    Files.writeString(out, full.substring(0, cut));
    CliRun.Result resumed = cli().run("predict", "--model", model.toString(), "--input",
        in.toString(), "--output", out.toString(), "--resume");
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(resumed.err()).contains("5 documents already done");
    assertThat(Files.readString(out)).isEqualTo(full);
  }

  @Test
  void resumeRecognisesIdsThatAreNotValidUtf16() throws Exception {
    Path in = dir.resolve("surrogates.jsonl");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      b.append("{\"id\": \"x\\ud800").append(i).append("\", \"text\": \"bake\"}\n");
    }
    Files.writeString(in, b);
    Path out = dir.resolve("pred.jsonl");
    CliRun.Result r = cli().run("predict", "-q", "--model", model.toString(), "--input",
        in.toString(), "--output", out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(Json.mapper().readTree(lines.get(0)).get("id").asText()).isEqualTo("x\ud8000");
    Files.write(out, lines.subList(0, 2));
    CliRun.Result resumed = cli().run("predict", "--model", model.toString(), "--input",
        in.toString(), "--output", out.toString(), "--resume");
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(resumed.err()).contains("2 documents already done");
    List<String> ids = PredictCommandTest.ids(out);
    assertThat(ids).hasSize(4);
    assertThat(new HashSet<>(ids)).hasSize(4);
  }
}
