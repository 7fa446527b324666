package org.classify4j.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.data.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakageTest {
  @TempDir Path dir;

  @Test
  void filesNamedAsTestDataAreRecognizedByWholeWords() {
    assertThat(Leakage.namedAsTest(Path.of("test.jsonl"))).isTrue();
    assertThat(Leakage.namedAsTest(Path.of("data/gold_test.csv"))).isTrue();
    assertThat(Leakage.namedAsTest(Path.of("holdout-2024.jsonl"))).isTrue();
    assertThat(Leakage.namedAsTest(Path.of("Heldout.Gold.jsonl"))).isTrue();
    assertThat(Leakage.namedAsTest(Path.of("contest.jsonl"))).isFalse();
    assertThat(Leakage.namedAsTest(Path.of("test/audit.jsonl"))).isFalse();
    assertThat(Leakage.namedAsTest(Path.of("latest.jsonl"))).isFalse();
  }

  @Test
  void testDataIsRefusedForTrainingAndTuning() {
    List<Document> docs = List.of(Document.of("1", "a"));
    assertThatThrownBy(() -> Leakage.refuseTestData("--audit", "choosing the threshold",
        Optional.of(Path.of("test.jsonl")), docs))
        .isInstanceOf(LeakageException.class).hasMessageContaining("--audit test.jsonl")
        .hasMessageContaining("choosing the threshold");
    List<Document> marked = List.of(Document.of("1", "a"),
        new Document("2", "b", Map.of("split", "Test")));
    assertThatThrownBy(() -> Leakage.refuseTestData("--train", "training",
        Optional.of(Path.of("train.jsonl")), marked))
        .isInstanceOf(LeakageException.class).hasMessageContaining("id '2'");
    Leakage.refuseTestData("--train", "training", Optional.of(Path.of("train.jsonl")), docs);
  }

  @Test
  void theAuditSampleMustNotBeTheTestSet() throws Exception {
    Path a = dir.resolve("audit.jsonl");
    Path b = dir.resolve("copy.jsonl");
    Files.writeString(a, "{\"id\":\"1\",\"text\":\"x\",\"labels\":[\"yes\"]}\n");
    Files.copy(a, b);
    List<Document> docs = List.of(Document.of("1", "x"));
    assertThatThrownBy(() -> Leakage.requireDistinct("--audit", Optional.of(a), docs, "--test",
        Optional.of(a), docs)).isInstanceOf(LeakageException.class)
        .hasMessageContaining("same file");
    assertThatThrownBy(() -> Leakage.requireDistinct("--audit", Optional.of(a), docs, "--test",
        Optional.of(b), docs)).hasMessageContaining("same file");
    assertThatThrownBy(() -> Leakage.requireDistinct("--audit", Optional.empty(),
        List.of(Document.of("1", "x"), Document.of("2", "y")), "--test", Optional.empty(),
        List.of(Document.of("2", "other text")))).isInstanceOf(LeakageException.class)
        .hasMessageContaining("share 1 document id").hasMessageContaining("2");
    Leakage.requireDistinct("--audit", Optional.empty(), docs, "--test", Optional.empty(),
        List.of(Document.of("9", "x")));
  }

  @Test
  void overlapCountsIdsExactAndNormalizedTexts() {
    Leakage.Overlap o = Leakage.overlap("train",
        List.of(Document.of("1", "Safety walk!"), Document.of("2", "party")),
        "audit", List.of(Document.of("1", "other"), Document.of("x", "safety walk"),
            Document.of("y", "party"), Document.of("z", "new")));
    assertThat(o.ids()).isEqualTo(1);
    assertThat(o.exactTexts()).isEqualTo(1);
    assertThat(o.normalizedTexts()).isEqualTo(2);
    assertThat(o.sampleIds()).containsExactly("1", "x", "y");
    assertThat(o.any()).isTrue();
  }

  @Test
  void idsGeneratedFromLineNumbersAreNotComparedAcrossFiles() {
    List<Document> audit = List.of(Document.of("line-1", "a"), Document.of("line-2", "b"));
    List<Document> test = List.of(Document.of("line-1", "c"), Document.of("line-2", "b"));
    Leakage.requireDistinct("--audit", Optional.empty(), audit, "--test", Optional.empty(), test);
    Leakage.Overlap o = Leakage.overlap("audit", audit, "test", test);
    assertThat(o.ids()).isZero();
    assertThat(o.exactTexts()).isEqualTo(1);
    assertThat(Leakage.generatedId("line-12")).isTrue();
    assertThat(Leakage.generatedId("line-0")).isFalse();
    assertThat(Leakage.generatedId("a1")).isFalse();
  }
}
