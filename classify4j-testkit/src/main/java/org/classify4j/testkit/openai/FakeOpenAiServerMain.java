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
 *
 * <p>With {@code --gold DATA.jsonl[,MORE.jsonl] ACCURACY SEED} after the three arguments it plays
 * {@link GoldChatScript} instead: the gold labels of the texts in those files, right with
 * probability ACCURACY (1 = a perfect oracle), seeded.
 */
public final class FakeOpenAiServerMain {
  private FakeOpenAiServerMain() {}

  public static void main(String[] args) throws Exception {
    boolean gold = args.length == 7 && args[3].equals("--gold");
    if (args.length != 3 && !gold) {
      System.err.println("usage: FakeOpenAiServerMain LABELS_FILE LATENCY_MS SECONDS"
          + " [--gold DATA.jsonl[,MORE.jsonl] ACCURACY SEED]");
      System.exit(2);
    }
    var labels = LabelFiles.read(Path.of(args[0]));
    long seconds = Long.parseLong(args[2]);
    ChatScript script = KeywordChatScript.fromLabels(labels);
    if (gold) {
      java.util.List<org.classify4j.data.Dataset> data = new java.util.ArrayList<>();
      for (String f : args[4].split(",")) {
        data.add(org.classify4j.data.io.DatasetReader.read(Path.of(f)));
      }
      script = new GoldChatScript(data, Double.parseDouble(args[5]), Long.parseLong(args[6]));
    }
    try (FakeOpenAiServer server = new FakeOpenAiServer(script)) {
      server.latency(Duration.ofMillis(Long.parseLong(args[1])));
      System.out.println(server.baseUrl());
      System.out.flush();
      Thread.sleep(seconds * 1000);
      System.out.println("requests " + server.requestCount());
    }
  }
}
