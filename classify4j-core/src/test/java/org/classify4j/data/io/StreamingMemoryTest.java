package org.classify4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a 200,000-line JSONL file (about 70 MB) through {@link ExampleStream} fits in a 64 MiB
 * heap, while loading the same file whole does not: so the stream really streams.
 */
class StreamingMemoryTest {
  private static final int LINES = 200_000;
  @TempDir Path dir;

  @Test
  void twoHundredThousandLinesStreamInSixtyFourMegabytes() throws Exception {
    Path data = dir.resolve("big.jsonl");
    String filler = "lorem ipsum dolor sit amet ".repeat(11); // 297 chars
    long expectedChars = 0;
    try (BufferedWriter w = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
      for (int i = 0; i < LINES; i++) {
        String text = "document " + i + " " + filler;
        expectedChars += text.length();
        w.write("{\"text\":\"" + text + "\",\"labels\":[\"label" + (i % 50) + "\"]}\n");
      }
    }
    assertThat(Files.size(data)).isGreaterThan(64L << 20);

    // both children at once: the test takes as long as the slower one
    long t0 = System.nanoTime();
    Process streaming = startChild(dir, "stream", data);
    Process loading = startChild(dir, "load", data);
    Result streamed = finish(streaming);
    long t1 = System.nanoTime();
    Result loaded = finish(loading);
    long t2 = System.nanoTime();
    System.out.println("streaming child: " + streamed.output.strip() + " after "
        + (t1 - t0) / 1_000_000 + " ms; loading child: " + loaded.output.strip() + " after "
        + (t2 - t0) / 1_000_000 + " ms");
    assertThat(streamed.exit).as(streamed.output).isZero();
    assertThat(streamed.output).contains("count=" + LINES + " chars=" + expectedChars + " ");
    assertThat(loaded.exit).as("loading the whole file must not fit: " + loaded.output)
        .isEqualTo(3);
  }

  private record Result(int exit, String output) {}

  private static Process startChild(Path dir, String mode, Path data) throws IOException {
    Path argfile = dir.resolve("child.args");
    if (!Files.exists(argfile)) {
      String cp = System.getProperty("java.class.path");
      Files.writeString(argfile,
          "-Xmx64m\n-XX:+UseParallelGC\n-XX:ParallelGCThreads=1\n-XX:GCTimeLimit=20\n"
              + "-XX:GCHeapFreeLimit=20\n-cp\n\"" + cp + "\"\n",
          StandardCharsets.UTF_8);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(List.of(java.toString(), "@" + argfile,
        StreamJsonlMain.class.getName(), mode, data.toString()))
        .redirectErrorStream(true)
        .start();
  }

  private static Result finish(Process p) throws IOException, InterruptedException {
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
