package org.classify4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.data.Example;
import org.classify4j.testkit.Fixtures;

/** Writes the testkit's fixtures as JSONL data files. */
final class TestData {
  private TestData() {}

  static Path write(Path file, List<Example> examples) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Example e : examples) {
      ObjectNode n = Json.mapper().createObjectNode();
      n.put("id", e.document().id());
      n.put("text", e.document().text());
      e.labels().forEach(n.putArray("labels")::add);
      lines.add(Json.mapper().writeValueAsString(n));
    }
    Files.write(file, lines);
    return file;
  }

  static Path train(Path dir) throws IOException {
    return write(dir.resolve("train.jsonl"), Fixtures.topics().examples());
  }

  static Path test(Path dir) throws IOException {
    return write(dir.resolve("test.jsonl"), Fixtures.topicsTest());
  }

  static Path labels(Path dir) throws IOException {
    Path p = dir.resolve("labels.tsv");
    StringBuilder b = new StringBuilder();
    Fixtures.TOPICS.labels().forEach(l -> b.append(l.name()).append('\t').append(l.description())
        .append('\n'));
    Files.writeString(p, b);
    return p;
  }

  /** Unlabelled documents d0000…, JSON lines with id and text. */
  static Path docs(Path file, int n) throws IOException {
    List<String> lines = new ArrayList<>();
    String[] words = {"match", "goal", "recipe", "oven", "code", "program", "team", "bake"};
    for (int i = 0; i < n; i++) {
      ObjectNode o = Json.mapper().createObjectNode();
      o.put("id", String.format("d%04d", i));
      o.put("text", "text " + i + " about " + words[i % words.length] + " and "
          + words[(i * 7 + 3) % words.length]);
      lines.add(Json.mapper().writeValueAsString(o));
    }
    Files.write(file, lines);
    return file;
  }
}
