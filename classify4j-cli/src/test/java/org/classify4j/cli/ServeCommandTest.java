package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s checks before it listens (the running service is tested in classify4j-server,
 * including SIGTERM in a real process).
 */
class ServeCommandTest {
  @TempDir Path tmp;

  @Test
  void refusesANonLoopbackAddressWithoutAToken() {
    CliRun.Result r = cli().workDir(tmp).run("serve", "--host", "0.0.0.0", "--port", "0");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("refusing to listen on 0.0.0.0").contains("--insecure")
        .contains("CLASSIFY4J_API_TOKEN");
  }

  @Test
  void aModelOptionMustNameAModelDirectory() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    CliRun.Result r = cli().workDir(tmp).run("serve", "--model", "empty", "--port", "0");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("not a model directory");
  }

  @Test
  void anUnknownProjectIsABadInput() {
    CliRun.Result r = cli().workDir(tmp).run("serve", "--project", "nope", "--port", "0");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown project 'nope'");
  }

  @Test
  void scoringThreadsMustBePositiveAndAreInTheHelp() {
    CliRun.Result r = cli().workDir(tmp).run("serve", "--scoring-threads", "0", "--port", "0");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("--scoring-threads must be at least 1");
    assertThat(cli().run("serve", "--help").out()).contains("--scoring-threads");
  }

  @Test
  void listedInTheHelp() {
    CliRun.Result r = cli().run("--help");
    assertThat(r.out()).contains("serve");
    CliRun.Result h = cli().run("serve", "--help");
    assertThat(h.code()).isZero();
    assertThat(h.out()).contains("--port").contains("/v1/openapi.json");
  }
}
