package org.classify4j.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.data.Document;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.PrototypeModel;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.embed.ZeroShotClassifier;

/**
 * The obvious-texts suite ({@code obvious-texts.jsonl}, issue 25): label sets with bare label
 * names and texts whose label nobody would dispute, written before any model was run on them.
 * Scored as {@code classify} scores a few texts: the zero-shot defaults, no adaptation.
 */
final class ObviousTexts {
  /** One label set and its texts with their expected labels. */
  record LabelSet(String name, List<String> labels, List<String> texts, List<String> expected) {}

  /** A text put under another label than expected. */
  record Miss(String set, String text, String expected, String got) {}

  private ObviousTexts() {}

  static List<LabelSet> load() {
    List<LabelSet> out = new ArrayList<>();
    try (InputStream in = ObviousTexts.class.getResourceAsStream("/obvious-texts.jsonl");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = Json.mapper().readTree(line);
        List<String> labels = new ArrayList<>();
        n.get("labels").forEach(l -> labels.add(l.asText()));
        List<String> texts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (JsonNode t : n.get("texts")) {
          texts.add(t.get(0).asText());
          expected.add(t.get(1).asText());
        }
        out.add(new LabelSet(n.get("set").asText(), labels, texts, expected));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The texts {@code embedder} puts under another label than expected. */
  static List<Miss> misses(TextEmbedder embedder, List<LabelSet> suite) {
    List<Miss> out = new ArrayList<>();
    for (LabelSet s : suite) {
      LabelSpace space = LabelSpace.of(s.labels().stream().map(Label::of).toList());
      PrototypeModel m = ZeroShotClassifier.of(embedder).forLabels(space, false);
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < s.texts().size(); i++) {
        docs.add(Document.of(Integer.toString(i + 1), s.texts().get(i)));
      }
      List<Prediction> p = DecisionRule.argmax().decideAll(m.predictProba(docs));
      for (int i = 0; i < docs.size(); i++) {
        String got = p.get(i).labelNames().isEmpty() ? "(none)" : p.get(i).labelNames().get(0);
        if (!got.equals(s.expected().get(i))) {
          out.add(new Miss(s.name(), s.texts().get(i), s.expected().get(i), got));
        }
      }
    }
    return out;
  }

  static int size(List<LabelSet> suite) {
    return suite.stream().mapToInt(s -> s.texts().size()).sum();
  }

  /**
   * Prints the suite's score for each bundled model named (default: all on the class path), with
   * the time to embed it: {@code java -cp CLI_JAR:classify4j-onnx/target/test-classes
   * org.classify4j.onnx.ObviousTexts [MODEL...]}.
   */
  public static void main(String[] args) {
    List<LabelSet> suite = load();
    List<String> names = args.length > 0 ? List.of(args)
        : BundledModel.available().stream().map(BundledModel::name).toList();
    for (String name : names) {
      try (OnnxTextEmbedder e = OnnxTextEmbedder.create(name)) {
        misses(e, suite); // warm up
        long t0 = System.nanoTime();
        List<Miss> miss = misses(e, suite);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "%s\t%d/%d\t%.2f s%n", name,
            size(suite) - miss.size(), size(suite), s);
        for (Miss m : miss) {
          System.out.printf("  [%s] %s: expected %s, got %s%n", m.set(), m.text(), m.expected(),
              m.got());
        }
      }
    }
  }
}
