package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import org.classify4j.Version;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void versionPrintsLibraryVersionAndExitsZero() {
    CliRun.Result r = cli().run("--version");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("classify4j " + Version.get()).contains("Java ");
  }

  @Test
  void helpListsCommandsAndExitCodes() {
    CliRun.Result r = cli().run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("classify", "train", "predict", "eval", "tune", "check-data",
        "label", "audit", "distill", "models", "Exit codes", "backend failure");
  }

  @Test
  void noCommandIsUsageErrorTwo() {
    CliRun.Result r = cli().run();
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("missing command").contains("--help");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownCommandIsUsageErrorTwo() {
    CliRun.Result r = cli().run("clasify");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("clasify").contains("classify");
  }

  @Test
  void unknownOptionIsUsageErrorWithSuggestion() {
    CliRun.Result r = cli().run("classify", "--labelz", "a,b", "text");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Unknown option: '--labelz'").contains("--labels")
        .contains("Try 'classify4j classify --help'");
  }

  @Test
  void badOptionValueTypeIsUsageError() {
    CliRun.Result r = cli().run("classify", "--labels", "a,b", "--top", "many", "text");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--top").contains("many");
  }

  @Test
  void helpSubcommandShowsCommandHelp() {
    CliRun.Result r = cli().run("help", "classify");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--labels-file", "--multi-label", "--quiet", "--verbose",
        "--config");
  }

  @Test
  void everyCommandHasHelpWithExamples() {
    for (String c : new String[] {"classify", "train", "predict", "eval", "tune", "check-data",
        "label", "audit", "distill", "models"}) {
      CliRun.Result r = cli().run(c, "--help");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).as(c).contains("Usage: classify4j " + c).contains("--quiet")
          .contains("Examples:");
      assertThat(r.err()).isEmpty();
    }
  }
}
