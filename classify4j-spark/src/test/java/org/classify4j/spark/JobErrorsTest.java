package org.classify4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 18: Spark's own exceptions — AnalysisException (a path that does not exist) and
 * SparkException (a task that fails on the executor) — end the job with the documented one-line
 * error and exit 1, instead of escaping {@code main} as a stack trace. Runs the job's main path (its own local session, stopped
 * at the end).
 */
class JobErrorsTest {
  @TempDir Path tmp;

  /** Runs the job; its exit code and what it printed on stderr. */
  private static Object[] job(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream before = System.err;
    int code;
    try (PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      System.setErr(err);
      code = ClassifyJob.run(args);
    } finally {
      System.setErr(before);
    }
    return new Object[] {code, buf.toString(StandardCharsets.UTF_8)};
  }

  private static void assertOneLineError(Object[] r, String expected) {
    String err = (String) r[1];
    assertThat((int) r[0]).as(err).isEqualTo(1);
    List<String> errors = Arrays.stream(err.split("\n"))
        .filter(l -> l.startsWith("classify4j-spark: error: ")).toList();
    assertThat(errors).as(err).hasSize(1);
    assertThat(errors.get(0)).contains(expected);
    // the job's own report is that line, last; (Spark's log lines above it follow the log
    // configuration: the local jar's keeps them to warnings without traces)
    String[] lines = err.strip().split("\n");
    assertThat(lines[lines.length - 1]).isEqualTo(errors.get(0));
  }

  @Test
  void aMissingInputIsOneLine() throws IOException {
    Path model = SparkTestSupport.topicModel(tmp.resolve("model"));
    Object[] r = job("--master", "local[1]", "--model", model.toString(),
        "--input", tmp.resolve("none.jsonl").toString(), "--output",
        tmp.resolve("out").toString());
    assertOneLineError(r, "none.jsonl");
  }

  @Test
  void aTaskFailingOnTheExecutorIsOneLine() throws IOException {
    Path broken = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(broken.resolve("manifest.json"), "{\"format\": ");
    Path in = Files.write(tmp.resolve("in.jsonl"), List.of("{\"id\": \"a\", \"text\": \"bake\"}"));
    Object[] r = job("--master", "local[1]", "--model", broken.toString(),
        "--input", in.toString(), "--output", tmp.resolve("out2").toString());
    assertOneLineError(r, "manifest.json");
  }
}
