package org.classify4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.classify4j.app.AppEnvironment;
import org.classify4j.app.PredictService;
import org.classify4j.app.ProgressListener;
import org.classify4j.app.ProjectsFile;
import org.classify4j.app.Settings;
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

  private ProjectsFile config;

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

  /** Progress and notes from services, shown on stderr (bar or plain lines; none with -q). */
  ProgressListener listener() {
    return new ProgressListener() {
      @Override
      public Task start(String task, long total, String unit) {
        return progress(task, total, unit);
      }

      @Override
      public void info(String message) {
        CliCommand.this.info(message);
      }
    };
  }

  /** Scores documents in batches of {@code batchSize}, with a progress bar. */
  ScoreMatrix score(ClassifierModel m, List<Document> docs, int batchSize) {
    try (Progress p = progress("scoring", docs.size(), "docs")) {
      ScoreMatrix s = PredictService.score(m, docs, batchSize, p);
      p.finish();
      return s;
    }
  }

  /**
   * The file standard input is redirected from, when this run reads the real process's standard
   * input (in-process runs with their own stream have none).
   */
  Optional<java.nio.file.Path> stdinFile() {
    return main.stdin == System.in ? org.classify4j.app.OutputFiles.stdinFile() : Optional.empty();
  }

  /**
   * Checks a report file before the run: not one of {@code inputs}, not a file of a model
   * directory, not an existing file unless {@code overwrite} (null report: nothing to check).
   */
  void checkReport(Path report, String option, boolean overwrite, Map<String, Path> inputs) {
    if (report != null && !report.toString().equals("-")) {
      org.classify4j.app.OutputFiles.checkReport(path(report), option, overwrite, inputs);
    }
  }

  /** Inputs by option name, leaving out absent ones. */
  static Map<String, Path> inputs(Object... optionAndPath) {
    Map<String, Path> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < optionAndPath.length; i += 2) {
      Object v = optionAndPath[i + 1];
      if (v instanceof Path p) {
        m.put((String) optionAndPath[i], p);
      } else if (v instanceof Optional<?> o && o.isPresent() && o.get() instanceof Path p) {
        m.put((String) optionAndPath[i], p);
      }
    }
    return m;
  }

  /** The process context of this run. */
  AppEnvironment environment() {
    return new AppEnvironment(main.env, main.workDir, main.home);
  }

  /** The projects file (read once). */
  ProjectsFile config() {
    if (config == null) {
      config = ProjectsFile.locate(Optional.ofNullable(common.config), environment());
    }
    return config;
  }

  Optional<ProjectsFile.Project> project(String name) {
    return name == null ? Optional.empty() : Optional.of(config().project(name));
  }

  /** The settings of this run with this project (flags are applied by each command). */
  Settings settings(Optional<ProjectsFile.Project> proj) {
    Settings s = Settings.of(environment(), proj);
    BackendOptions b = backendOptions();
    if (b != null && b.concurrency != null) {
      if (b.concurrency < 1 || b.concurrency > 1024) {
        throw new CliException("--concurrency must be in 1..1024, got " + b.concurrency);
      }
      s = s.withBackend(Settings.LLM_CONCURRENCY, b.concurrency);
    }
    return s;
  }

  /** The backend options of commands that take them (null for the others). */
  BackendOptions backendOptions() {
    return null;
  }

  /** A path as given on the command line, relative to the working directory. */
  Path path(Path p) {
    return main.workDir.resolve(p);
  }

  Optional<String> env(String name) {
    String v = main.env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /** flag &gt; environment variable &gt; projects file &gt; default. */
  String setting(String flag, String envVar, Optional<String> fromFile, String fallback) {
    if (flag != null) {
      return flag;
    }
    return env(envVar).or(() -> fromFile).orElse(fallback);
  }

  /** Refuses an integer option below {@code min}, naming the option. */
  static void requireAtLeast(String option, Number value, long min, String meaning) {
    if (value != null && value.longValue() < min) {
      throw new CliException(option + " must be at least " + min + meaning + ", got " + value);
    }
  }

  /** Refuses a number option that is negative, NaN or infinite, naming the option. */
  static void requireNonNegative(String option, Double value) {
    if (value != null && (value.isNaN() || value.isInfinite() || value < 0)) {
      throw new CliException(option + " must be a number >= 0, got " + value);
    }
  }

  static List<String> orEmpty(List<String> l) {
    return l == null ? List.of() : l;
  }
}
