package org.classify4j.testkit.openai;

import java.nio.file.Path;
import java.time.Duration;
import org.classify4j.data.io.LabelFiles;

/**
 * Runs the fake OpenAI-compatible server on its own, for benchmarks of the command line against a
 * server with a given latency: {@code java -cp testkit.jar:core.jar:… FakeOpenAiServerMain LABELS
 * LATENCY_MS SECONDS} answers with {@link KeywordChatScript#fromLabels} over the labels file,
 * prints its base URL on the first line of stdout, then the number of requests it answered when it
 * stops (after SECONDS, bounded, or on stdin closing).
 */
public final class FakeOpenAiServerMain {
  private FakeOpenAiServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: FakeOpenAiServerMain LABELS_FILE LATENCY_MS SECONDS");
      System.exit(2);
    }
    var labels = LabelFiles.read(Path.of(args[0]));
    long seconds = Long.parseLong(args[2]);
    try (FakeOpenAiServer server = new FakeOpenAiServer(KeywordChatScript.fromLabels(labels))) {
      server.latency(Duration.ofMillis(Long.parseLong(args[1])));
      System.out.println(server.baseUrl());
      System.out.flush();
      Thread.sleep(seconds * 1000);
      System.out.println("requests " + server.requestCount());
    }
  }
}
