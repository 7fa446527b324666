package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.classify4j.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} in a real child JVM, killed with SIGKILL ({@code destroyForcibly}) while it
 * writes; {@code predict --resume} then completes the output so that every input id is there
 * exactly once.
 */
class PredictResumeAfterKillTest {

  static final int DOCS = 2000;

  @TempDir Path dir;

  @Test
  void resumeAfterKillNineWritesEveryIdExactlyOnce() throws Exception {
    Path model = dir.resolve("model");
    // slow:64 pauses 20 ms per batch: 2000 docs in batches of 8 take ~5 s, time enough to kill
    CliRun.Result t = cli().run("train", "-q", "--method", "centroid", "-m", "slow:64",
        "--train", TestData.train(dir).toString(), "--out", model.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    Path docs = TestData.docs(dir.resolve("docs.jsonl"), DOCS);
    Path out = dir.resolve("pred.jsonl");

    // the test class path in an @argfile keeps the command line short
    Path argfile = dir.resolve("java.args");
    String cp = System.getProperty("java.class.path");
    Files.writeString(argfile, "-cp\n\"" + cp.replace("\\", "\\\\") + "\"\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-Xmx256m", "@" + argfile, Main.class.getName(), "predict",
        "-q", "--model", model.toString(), "--input", docs.toString(), "--output", out.toString(),
        "--batch-size", "8");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (lines(out) < 40 && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(p.isAlive()).as("child still running when killed; log: %s",
          Files.exists(dir.resolve("child.log")) ? Files.readString(dir.resolve("child.log")) : "")
          .isTrue();
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    long before = lines(out);
    assertThat(before).as("killed mid-run, after it had written").isBetween(1L, (long) DOCS - 1);

    CliRun.Result r = cli().run("predict", "--model", model.toString(), "--input",
        docs.toString(), "--output", out.toString(), "--resume", "--batch-size", "64");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("documents already done");

    List<String> ids = new ArrayList<>();
    for (String l : Files.readAllLines(out)) {
      ids.add(Json.mapper().readTree(l).get("id").asText());
    }
    Set<String> unique = new HashSet<>(ids);
    assertThat(ids).hasSize(DOCS);
    assertThat(unique).hasSize(DOCS);
    for (int i = 0; i < DOCS; i++) {
      assertThat(unique).contains(String.format("d%04d", i));
    }
  }

  static long lines(Path p) throws Exception {
    if (!Files.exists(p)) {
      return 0;
    }
    byte[] b = Files.readAllBytes(p);
    long n = 0;
    for (byte x : b) {
      if (x == '\n') {
        n++;
      }
    }
    return n;
  }

}
