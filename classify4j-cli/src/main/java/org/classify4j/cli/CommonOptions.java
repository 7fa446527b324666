package org.classify4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every subcommand takes (a picocli mixin). */
public final class CommonOptions {

  @Option(order = 901, names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(order = 902, 
      names = {"-q", "--quiet"},
      description = "Print no progress or informational messages on stderr (errors still are).")
  boolean quiet;

  @Option(order = 903, 
      names = {"-v", "--verbose"},
      description = "More detail on stderr: debug logging, stack traces with errors.")
  boolean verbose;

  @Option(order = 904, 
      names = "--config",
      paramLabel = "FILE",
      description =
          "Projects file (JSON). Default: the first of $CLASSIFY4J_CONFIG, classify4j.json"
              + " in the working directory, ~/.config/classify4j/projects.json.")
  Path config;
}
