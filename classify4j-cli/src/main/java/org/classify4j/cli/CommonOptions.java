package org.classify4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every subcommand takes (a picocli mixin). */
public final class CommonOptions {

  @Option(
      names = {"-q", "--quiet"},
      description = "Print no progress or informational messages on stderr (errors still are).")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "More detail on stderr: debug logging, stack traces with errors.")
  boolean verbose;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Projects file (JSON). Default: $CLASSIFY4J_CONFIG, else ./classify4j.json, else"
              + " ~/.config/classify4j/projects.json.")
  Path config;
}
