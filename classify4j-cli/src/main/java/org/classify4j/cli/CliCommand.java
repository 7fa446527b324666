package org.classify4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the common options, the streams, the projects file, progress, and
 * settings resolved with the precedence flag &gt; environment &gt; projects file &gt; default.
 */
abstract class CliCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @ParentCommand Main main;

  @Spec CommandSpec spec;

  private ProjectConfig config;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** An informational line on stderr, unless {@code --quiet}. */
  void info(String message) {
    if (!common.quiet) {
      err().println(message);
      err().flush();
    }
  }

  Progress progress(String task, long total, String unit) {
    return Progress.start(err(), Progress.mode(common.quiet, main.terminal), task, total, unit);
  }

  /** Scores documents in batches of {@code batchSize}, with a progress bar. */
  ScoreMatrix score(ClassifierModel m, List<Document> docs, int batchSize) {
    List<ScoreMatrix> parts = new ArrayList<>();
    try (Progress p = progress("scoring", docs.size(), "docs")) {
      for (int i = 0; i < docs.size(); i += batchSize) {
        List<Document> batch = docs.subList(i, Math.min(docs.size(), i + batchSize));
        parts.add(m.predictProba(batch));
        p.advance(batch.size());
      }
      p.finish();
    }
    return ScoreMatrix.concat(m.classes(), parts);
  }

  /** The projects file (read once). */
  ProjectConfig config() {
    if (config == null) {
      config = ProjectConfig.locate(Optional.ofNullable(common.config), main.env, main.workDir,
          main.home);
    }
    return config;
  }

  Optional<ProjectConfig.Project> project(String name) {
    return name == null ? Optional.empty() : Optional.of(config().project(name));
  }

  /** A path as given on the command line, relative to the working directory. */
  Path path(Path p) {
    return main.workDir.resolve(p);
  }

  Optional<String> env(String name) {
    String v = main.env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /** The environment for LLM backends: the process's over the project's backend settings. */
  java.util.Map<String, String> llmEnvironment(Optional<ProjectConfig.Project> proj) {
    return LlmBackend.environment(main.env, proj);
  }

  /** flag &gt; environment variable &gt; projects file &gt; default. */
  String setting(String flag, String envVar, Optional<String> fromFile, String fallback) {
    if (flag != null) {
      return flag;
    }
    return env(envVar).or(() -> fromFile).orElse(fallback);
  }

  static List<String> orEmpty(List<String> l) {
    return l == null ? List.of() : l;
  }
}
