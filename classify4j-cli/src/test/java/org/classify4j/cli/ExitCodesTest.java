package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Optional;
import org.classify4j.Classify4jException;
import org.classify4j.data.BadInputException;
import org.classify4j.llm.ChatModelException;
import org.junit.jupiter.api.Test;

/** The one place exceptions become exit codes. */
class ExitCodesTest {

  @Test
  void backendFailuresAreFourWhereverTheyAreInTheChain() {
    assertThat(ExitCodes.of(new ChatModelException.Auth("401 from server", 401)))
        .isEqualTo(ExitCodes.BACKEND);
    assertThat(ExitCodes.of(new ChatModelException.RateLimited("429", Optional.of(
        Duration.ofSeconds(3))))).isEqualTo(ExitCodes.BACKEND);
    assertThat(ExitCodes.of(new Classify4jException("embedding failed",
        new OrtException("native: bad input tensor"))))
        .isEqualTo(ExitCodes.BACKEND);
  }

  @Test
  void badInputAndConfigurationAreThree() {
    assertThat(ExitCodes.of(new BadInputException("t.jsonl", 3, "text", "missing")))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(ExitCodes.of(new UncheckedIOException(new NoSuchFileException("x"))))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(ExitCodes.of(new Classify4jException("unknown method 'x'")))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(ExitCodes.of(new CliException("unknown project"))).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(ExitCodes.of(new IllegalArgumentException("threshold must be in [0,1]")))
        .isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void everythingElseIsOne() {
    assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(ExitCodes.FAILURE);
    assertThat(ExitCodes.of(new UncheckedIOException(new IOException("disk full"))))
        .isEqualTo(ExitCodes.FAILURE);
    assertThat(ExitCodes.of(new NullPointerException())).isEqualTo(ExitCodes.FAILURE);
  }

  @Test
  void describeGivesOneLine() {
    assertThat(ExitCodes.describe(new UncheckedIOException(new NoSuchFileException("a.jsonl"))))
        .isEqualTo("a.jsonl: no such file");
    assertThat(ExitCodes.describe(new IllegalStateException("first\nsecond")))
        .isEqualTo("IllegalStateException: first …");
    assertThat(ExitCodes.describe(new NullPointerException())).isEqualTo("NullPointerException");
    assertThat(ExitCodes.describe(new ChatModelException.Auth("server said 401: check the key",
        401))).isEqualTo("server said 401: check the key");
  }
}
