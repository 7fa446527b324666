package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.classify4j.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, items 7 and 8: Ctrl-C, out of memory, options that can only exhaust memory. */
class SignalsAndResourcesTest {

  @TempDir Path dir;

  @Test
  @EnabledOnOs(OS.LINUX)
  void ctrlCStopsAfterTheBatchInFlightClosesTheEmbedderAfterItAndExits130() throws Exception {
    Path model = dir.resolve("model");
    CliRun.Result t = cli().run("train", "-q", "--method", "centroid", "-m", "slow:64",
        "--train", TestData.train(dir).toString(), "--out", model.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    Path docs = TestData.docs(dir.resolve("docs.jsonl"), 2000);
    Path out = dir.resolve("pred.jsonl");
    Path argfile = dir.resolve("java.args");
    Files.writeString(argfile, "-cp\n\"" + System.getProperty("java.class.path")
        .replace("\\", "\\\\") + "\"\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("child.log");
    List<String> command = new ArrayList<>(sigintRestored());
    command.addAll(List.of(java, "-Xmx256m", "@" + argfile, Main.class.getName(),
        "predict", "-q", "--model", model.toString(), "--input", docs.toString(), "--output",
        out.toString(), "--batch-size", "8"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (PredictResumeAfterKillTest.lines(out) < 40 && p.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(p.isAlive()).as("running when signalled: %s", Files.readString(log)).isTrue();
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    String childLog = Files.readString(log);
    assertThat(p.exitValue()).as(childLog).isEqualTo(130);
    assertThat(childLog).contains("interrupted: ").contains("continue with --resume")
        .contains("slow embedder: closed with 0 calls in flight")
        .doesNotContain("called after close");
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.size()).isBetween(40, 1999);
    for (String l : lines) {
      assertThat(Json.mapper().readTree(l).get("id")).as(l).isNotNull();
    }
    CliRun.Result r = cli().run("predict", "-q", "--model", model.toString(), "--input",
        docs.toString(), "--output", out.toString(), "--resume", "--batch-size", "256");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> ids = PredictCommandTest.ids(out);
    assertThat(ids).hasSize(2000);
    assertThat(new HashSet<>(ids)).hasSize(2000);
  }

  /**
   * A build started in the background by a non-interactive shell (or under nohup) ignores SIGINT,
   * and a child inherits that: its JVM would then never see the Ctrl-C this test sends. Such a
   * child is started through perl (part of every Debian base system), which restores the default
   * disposition before exec; with SIGINT not ignored here, nothing is put in front.
   */
  private static List<String> sigintRestored() throws Exception {
    String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0").substring(7).strip();
    boolean sigintIgnored = (new BigInteger(ignored, 16).longValue() & (1L << 1)) != 0;
    if (!sigintIgnored) {
      return List.of();
    }
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")),
        "SIGINT is ignored by this process and /usr/bin/perl is missing to restore it for the child");
    return List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"");
  }

  @Test
  void outOfMemoryIsOneLineWithAHint() throws Exception {
    CliRun.Result r = cli().run("train", "--method", "centroid", "-m", "failing:oom",
        "--train", TestData.train(dir).toString(), "--out", dir.resolve("m").toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("out of memory").contains("CLASSIFY4J_JAVA_OPTS")
        .contains("--batch-size").doesNotContain("\tat ");
    assertThat(r.err().strip().lines().filter(l -> l.startsWith("classify4j: error")).count())
        .isEqualTo(1);
  }

  @Test
  void optionsThatCanOnlyExhaustMemoryAreRefusedUpFrontWithTheirLimits() throws Exception {
    Path model = dir.resolve("model");
    CliRun.Result t = cli().run("train", "-q", "--method", "centroid", "-m", "hashing:64",
        "--train", TestData.train(dir).toString(), "--out", model.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    CliRun.Result b = cli().run("predict", "--model", model.toString(), "--batch-size",
        "2147483647");
    assertThat(b.code()).as(b.toString()).isEqualTo(3);
    assertThat(b.err()).contains("batch size must be in 1..100000");
    CliRun.Result boot = cli().run("eval", "--model", model.toString(), "--test",
        TestData.test(dir).toString(), "--bootstrap", "2000000000");
    assertThat(boot.code()).as(boot.toString()).isEqualTo(3);
    assertThat(boot.err()).contains("--bootstrap must be in 0..");
    CliRun.Result neg = cli().run("eval", "--model", model.toString(), "--test",
        TestData.test(dir).toString(), "--bootstrap", "-5");
    assertThat(neg.code()).as(neg.toString()).isEqualTo(3);
  }
}
