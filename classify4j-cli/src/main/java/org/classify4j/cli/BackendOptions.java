package org.classify4j.cli;

import picocli.CommandLine.Option;

/** Options of commands that may call an LLM backend (a picocli mixin). */
final class BackendOptions {

  @Option(order = 850, names = "--concurrency", paramLabel = "N",
      description = "LLM requests in flight at once, end to end (default: env"
          + " CLASSIFY4J_LLM_CONCURRENCY, else the project's backend.concurrency, else 8).")
  Integer concurrency;
}
