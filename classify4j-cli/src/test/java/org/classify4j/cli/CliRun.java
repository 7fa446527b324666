package org.classify4j.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process (picocli {@code execute}) with captured stdout/stderr. */
final class CliRun {
  private String stdin = "";
  private final Map<String, String> env = new LinkedHashMap<>();
  private Path workDir = Path.of("");
  private Path home = Path.of("/nonexistent-home");

  static CliRun cli() {
    return new CliRun();
  }

  CliRun stdin(String s) {
    this.stdin = s;
    return this;
  }

  CliRun env(String k, String v) {
    env.put(k, v);
    return this;
  }

  CliRun workDir(Path p) {
    this.workDir = p;
    return this;
  }

  CliRun home(Path p) {
    this.home = p;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main main = new Main(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env,
        false, workDir, home);
    int code = main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
    return new Result(code, out.toString(), err.toString(), List.of(args));
  }

  record Result(int code, String out, String err, List<String> args) {
    List<String> outLines() {
      List<String> l = new ArrayList<>(Arrays.asList(out.split("\\R")));
      l.removeIf(String::isEmpty);
      return l;
    }

    @Override
    public String toString() {
      return "exit " + code + " for " + args + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }
}
