package org.classify4j.data.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.LoadedDataset;
import org.classify4j.data.io.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataChecksTest {
  @TempDir Path dir;

  private LoadedDataset load(String name, String... jsonLines) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, String.join("\n", jsonLines) + "\n", StandardCharsets.UTF_8);
    return DatasetReader.load(p, ReadOptions.defaults().withAllowEmptyText(true));
  }

  private static String row(String text, String... labels) {
    StringBuilder b = new StringBuilder("{\"text\":")
        .append(Json.mapper().valueToTree(text).toString())
        .append(",\"labels\":[");
    for (int i = 0; i < labels.length; i++) {
      b.append(i > 0 ? "," : "").append('"').append(labels[i]).append('"');
    }
    return b.append("]}").toString();
  }

  @Test
  void cleanDataHasNoIssues() {
    Dataset d = Dataset.of(List.of(
        Example.of("1", "the cat sat", "a"), Example.of("2", "a dog ran", "b"),
        Example.of("3", "birds fly high", "a"), Example.of("4", "fish swim", "b")));
    DataCheckReport r = DataChecks.check(d);
    assertThat(r.found()).isEmpty();
    SplitReport s = r.split("data");
    assertThat(s.imbalanceRatio()).isEqualTo(1.0);
    assertThat(s.rareLabels()).extracting(LabelCount::count).containsExactly(2, 2);
    assertThat(s.words().max()).isEqualTo(3);
    assertThat(r.toText()).contains("imbalance ratio 1.00");
  }

  @Test
  void labelCountsImbalanceRareAndUnused() {
    List<Example> ex = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ex.add(Example.of("a" + i, "text a " + i, "big"));
    }
    for (int i = 0; i < 3; i++) {
      ex.add(Example.of("b" + i, "text b " + i, "small"));
    }
    ex.add(Example.of("u", "no label"));
    Dataset d = new Dataset(LabelSpace.ofNames("big", "small", "never"), ex, true);
    SplitReport s = DataChecks.check(d).split("data");
    assertThat(s.labelCounts()).containsExactly(new LabelCount("big", 12),
        new LabelCount("small", 3), new LabelCount("never", 0));
    assertThat(s.imbalanceRatio()).isEqualTo(4.0);
    assertThat(s.rareLabels()).containsExactly(new LabelCount("small", 3));
    assertThat(s.unusedLabels()).containsExactly("never");
    assertThat(s.unlabeled()).isEqualTo(1);
    assertThat(s.labelsUsed()).isEqualTo(2);
  }

  @Test
  void emptyTextsAreFoundWithTheirLines() throws IOException {
    LoadedDataset d = load("d.jsonl", row("fine", "a"), row("", "a"), row("   ", "b"));
    Issue i = DataChecks.check(d).split("data").issue("empty_texts");
    assertThat(i.count()).isEqualTo(2);
    assertThat(i.samples()).extracting(s -> s.refs().get(0).line()).containsExactly(2L, 3L);
    assertThat(i.samples().get(1).note()).isEqualTo("whitespace only");
  }

  @Test
  void exactAndNormalizedDuplicates() throws IOException {
    LoadedDataset d = load("d.jsonl",
        row("Hello, World!", "a"),   // 1
        row("other", "a"),           // 2
        row("Hello, World!", "a"),   // 3 exact dup of 1
        row("hello   world", "a"),   // 4 normalized dup of 1
        row("HELLO WORLD.", "a"),    // 5 normalized dup of 1
        row("x y", "b"),             // 6
        row("x y", "b"));            // 7 exact dup of 6
    SplitReport s = DataChecks.check(d).split("data");
    Issue exact = s.issue("exact_duplicates");
    assertThat(exact.count()).isEqualTo(2);
    assertThat(exact.groups()).isEqualTo(2);
    assertThat(exact.samples().get(0).refs()).extracting(Ref::line).containsExactly(1L, 3L);
    Issue norm = s.issue("normalized_duplicates");
    assertThat(norm.count()).isEqualTo(4);
    assertThat(norm.groups()).isEqualTo(2);
    assertThat(norm.samples().get(0).refs()).extracting(Ref::line)
        .containsExactly(1L, 3L, 4L, 5L);
    assertThat(s.issue("conflicting_labels").found()).isFalse();
  }

  @Test
  void normalization() {
    assertThat(DataChecks.normalize("  Hello,\tWORLD!! \u00bfQu\u00e9? "))
        .isEqualTo("hello world qu\u00e9");
    assertThat(DataChecks.normalize("...")).isEmpty();
  }

  @Test
  void conflictingLabels() throws IOException {
    LoadedDataset d = load("d.jsonl",
        row("same text", "a"), row("same text", "b"), row("same text", "a"),
        row("agreeing", "a", "b"), row("agreeing", "b", "a"));
    Issue i = DataChecks.check(d).split("data").issue("conflicting_labels");
    assertThat(i.groups()).isEqualTo(1);
    assertThat(i.count()).isEqualTo(3);
    assertThat(i.samples().get(0).note()).isEqualTo("labels [a] vs [b]");
    assertThat(i.samples().get(0).refs()).extracting(Ref::line).containsExactly(1L, 2L, 3L);
  }

  @Test
  void trainTestLeakageAndUnseenLabels() throws IOException {
    LoadedDataset train = load("train.jsonl",
        row("alpha beta", "x"), row("gamma", "y"), row("Delta!", "y"));
    LoadedDataset test = load("test.jsonl",
        row("new text", "x"), row("alpha beta", "x"), row("delta", "y"), row("zeta", "z"),
        row("eta", "z", "w"));
    DataCheckReport r = DataChecks.check(train, test);
    PairReport p = r.pair().orElseThrow();
    assertThat(p.issue("exact_overlap").count()).isEqualTo(1);
    assertThat(p.issue("exact_overlap").samples().get(0).refs())
        .containsExactly(new Ref("test", "line-2", 2), new Ref("train", "line-1", 1));
    assertThat(p.issue("normalized_overlap").count()).isEqualTo(2);
    assertThat(p.testLabelsMissingInTrain())
        .containsExactly(new LabelCount("z", 2), new LabelCount("w", 1));
    assertThat(p.testExamplesWithUnseenLabels()).isEqualTo(2);
    assertThat(r.splits()).extracting(SplitReport::name).containsExactly("train", "test");
    String text = r.toText();
    assertThat(text).contains("== train vs test")
        .contains("e.g. test:line 2 = train:line 1")
        .contains("test labels not in train")
        .contains("z (2), w (1)");
  }

  @Test
  void lengthStatistics() {
    List<Example> ex = new java.util.ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      ex.add(Example.of("e" + i, "w".repeat(i), "a"));
    }
    ex.add(Example.of("multi", "two words", "a"));
    SplitReport s = DataChecks.check(Dataset.of(ex)).split("data");
    LengthStats c = s.chars();
    assertThat(c.min()).isEqualTo(1);
    assertThat(c.max()).isEqualTo(100);
    assertThat(c.p50()).isEqualTo(50);
    assertThat(c.p90()).isEqualTo(90);
    assertThat(c.p99()).isEqualTo(99);
    assertThat(s.words().max()).isEqualTo(2);
    assertThat(s.words().p50()).isEqualTo(1);
    // code points, not UTF-16 units
    SplitReport emoji = DataChecks.check(Dataset.of(List.of(Example.of("e", "\ud83d\ude00", "a"))))
        .split("data");
    assertThat(emoji.chars().max()).isEqualTo(1);
  }

  @Test
  void jsonReportCarriesEveryCount() throws IOException {
    LoadedDataset train = load("train.jsonl", row("a a", "x"), row("a a", "y"), row("", "x"));
    LoadedDataset test = load("test.jsonl", row("a a", "x"));
    JsonNode j = DataChecks.check(train, test).toJson();
    JsonNode s = j.get("splits").get(0);
    assertThat(s.get("name").asText()).isEqualTo("train");
    assertThat(s.get("examples").asInt()).isEqualTo(3);
    assertThat(s.get("labelCounts").get("x").asInt()).isEqualTo(2);
    assertThat(s.get("issues").get("empty_texts").get("count").asInt()).isEqualTo(1);
    assertThat(s.get("issues").get("conflicting_labels").get("groups").asInt()).isEqualTo(1);
    JsonNode ref = s.get("issues").get("exact_duplicates").get("samples").get(0).get("examples")
        .get(1);
    assertThat(ref.get("line").asLong()).isEqualTo(2);
    assertThat(ref.get("id").asText()).isEqualTo("line-2");
    assertThat(j.get("pair").get("issues").get("exact_overlap").get("count").asInt()).isEqualTo(1);
    assertThat(s.get("chars").get("max").asInt()).isEqualTo(3);
  }

  @Test
  void textReportIsAlignedAndShowsIdsAndLinesNotTexts() throws IOException {
    LoadedDataset d = load("d.jsonl",
        "{\"id\":\"q1\",\"text\":\"secret words\",\"labels\":[\"a\"]}",
        "{\"id\":\"q2\",\"text\":\"secret words\",\"labels\":[\"b\"]}");
    String text = DataChecks.check(d).toText();
    assertThat(text).doesNotContain("secret");
    assertThat(text).contains("e.g. data:q1 (line 1) = data:q2 (line 2) (2 copies)");
    assertThat(text).contains("e.g. data:q1 (line 1) = data:q2 (line 2) (labels [a] vs [b])");
    // every key/value row starts its value in the same column
    List<String> rows = text.lines().filter(l -> l.startsWith("  ") && !l.isBlank()
        && !l.strip().startsWith("e.g.")).toList();
    assertThat(rows).isNotEmpty();
    assertThat(rows).allSatisfy(l -> {
      assertThat(l.charAt(28)).isEqualTo(' ');
      assertThat(l.charAt(29)).isNotEqualTo(' ');
    });
  }
}
