package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.classify4j.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, items 4 and 8, in real child processes: standard output that cannot be written
 * ({@code > /dev/full}) is an error in every command that prints; Ctrl-C never lets a shutdown
 * hook release a native environment under a running call.
 */
@EnabledOnOs(OS.LINUX)
class ProcessEdgesTest {

  @TempDir Path dir;

  record Child(int code, String out, String err) {}

  private Child child(Path stdout, List<String> args) throws Exception {
    Path argfile = dir.resolve("java.args");
    Files.writeString(argfile, "-cp\n\"" + System.getProperty("java.class.path")
        .replace("\\", "\\\\") + "\"\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "@" + argfile,
        Main.class.getName()));
    command.addAll(args);
    Path err = dir.resolve("child.err");
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(err.toFile()).redirectInput(new File("/dev/null")).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = stdout.toString().startsWith("/dev/") ? "" : Files.readString(stdout);
    return new Child(p.exitValue(), out, Files.readString(err));
  }

  @Test
  void everyCommandThatPrintsFailsWhenStdoutIsFull() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full");
    Path model = dir.resolve("model");
    CliRun.Result t = cli().run("train", "-q", "--method", "centroid", "-m", "hashing:64",
        "--train", TestData.train(dir).toString(), "--out", model.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    Path test = TestData.test(dir);
    List<List<String>> commands = List.of(
        List.of("predict", "-q", "--model", model.toString(), "--input", test.toString()),
        List.of("classify", "-q", "--labels", "sports,cooking", "-m", "hashing:64", "a goal"),
        List.of("eval", "-q", "--model", model.toString(), "--test", test.toString()),
        List.of("check-data", test.toString()),
        List.of("models"));
    for (List<String> c : commands) {
      Child r = child(Path.of("/dev/full"), c);
      assertThat(r.code()).as("%s: %s", c, r.err()).isEqualTo(1);
      assertThat(r.err()).as("%s", c).contains("cannot write to standard output");
      // the same command with a writable stdout succeeds: the failure is the full device
      Child ok = child(dir.resolve("out.txt"), c);
      assertThat(ok.code()).as("%s: %s", c, ok.err()).isZero();
      assertThat(ok.out()).as("%s", c).isNotBlank();
    }
  }

  @Test
  void ctrlCDuringClassifyNeverReleasesTheNativeEnvironmentUnderARunningCall() throws Exception {
    Path texts = dir.resolve("texts.txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      lines.add("text " + i + " about a goal or an oven");
    }
    Files.write(texts, lines);
    Path out = dir.resolve("classify.jsonl");
    Child r = interrupted(out, List.of("classify", "-q", "--labels", "sports,cooking", "-m",
        "native-like:64", "--batch-size", "4", "--input", texts.toString()), out, 20);
    assertThat(r.err()).doesNotContain("native-like embedder");
    assertThat(r.code()).as(r.err()).isEqualTo(130);
    List<String> written = Files.readAllLines(out);
    assertThat(written.size()).isBetween(20, 3999);
    for (String l : written) {
      assertThat(Json.mapper().readTree(l).get("id")).as(l).isNotNull();
    }
  }

  @Test
  void ctrlCDuringPredictClosesNothingNativeUnderARunningCall() throws Exception {
    Path model = dir.resolve("model");
    CliRun.Result t = cli().run("train", "-q", "--method", "centroid", "-m", "native-like:64",
        "--train", TestData.train(dir).toString(), "--out", model.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    Path docs = TestData.docs(dir.resolve("docs.jsonl"), 4000);
    Path out = dir.resolve("pred.jsonl");
    Child r = interrupted(dir.resolve("stdout.txt"), List.of("predict", "-q", "--model",
        model.toString(), "--input", docs.toString(), "--output", out.toString(),
        "--batch-size", "4"), out, 20);
    assertThat(r.err()).doesNotContain("native-like embedder");
    assertThat(r.code()).as(r.err()).isEqualTo(130);
    assertThat(r.err()).contains("continue with --resume");
  }

  /** Runs a command (stdout to {@code out}), sends SIGINT once {@code watched} has lines. */
  private Child interrupted(Path out, List<String> args, Path watched, int minLines)
      throws Exception {
    Path argfile = dir.resolve("java.args");
    Files.writeString(argfile, "-cp\n\"" + System.getProperty("java.class.path")
        .replace("\\", "\\\\") + "\"\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(sigintRestored());
    command.addAll(List.of(java, "-Xmx256m", "@" + argfile, Main.class.getName()));
    command.addAll(args);
    Path err = dir.resolve("child.err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).redirectInput(new File("/dev/null")).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (p.isAlive() && System.nanoTime() < deadline
          && PredictResumeAfterKillTest.lines(watched) < minLines) {
        Thread.sleep(20);
      }
      assertThat(p.isAlive()).as("running when signalled: %s", Files.readString(err)).isTrue();
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** See {@link SignalsAndResourcesTest}: a child of a process that ignores SIGINT would too. */
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
}
