package org.classify4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aFailingWriterLeavesTheOldFileWholeAndNoTemporaryFile() throws Exception {
    Path report = Files.writeString(dir.resolve("r.json"), "old");
    assertThatThrownBy(() -> AtomicFiles.writeAtomically(report, tmp -> {
      Files.writeString(tmp, "half");
      throw new IOException("No space left on device");
    })).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("r.json").hasMessageContaining("No space left on device");
    assertThat(Files.readString(report)).isEqualTo("old");
    try (Stream<Path> l = Files.list(dir)) {
      assertThat(l.toList()).containsExactly(report);
    }
    AtomicFiles.writeString(report, "new");
    assertThat(Files.readString(report)).isEqualTo("new");
  }

  @Test
  void createsMissingParentDirectories() throws Exception {
    Path f = dir.resolve("a/b/c.txt");
    AtomicFiles.writeString(f, "x");
    assertThat(Files.readString(f)).isEqualTo("x");
  }
}
