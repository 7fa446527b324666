package org.classify4j.llm.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Dataset;
import org.classify4j.data.io.DatasetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFileTest {
  @TempDir Path dir;

  static LlmLabel label(String id, String text, String label, double p) {
    Map<String, Double> s = new LinkedHashMap<>();
    double q = Math.round((1 - p) * 1e6) / 1e6;
    s.put("no", label.equals("no") ? p : q);
    s.put("yes", label.equals("yes") ? p : q);
    return new LlmLabel(id, text, Map.of(), List.of(label), p, s, false, "scored");
  }

  @Test
  void writesAndReadsBackEveryField() {
    Path f = dir.resolve("out.jsonl");
    LlmLabel a = label("1", "helmet on", "yes", 0.9);
    LlmLabel b = new LlmLabel("2", "party", Map.of("team", "x"), List.of(), 0.5,
        Map.of("no", 0.5, "yes", 0.5), true, "abstained_low_mass");
    try (LabelFile.Output out = LabelFile.openForResume(f, true)) {
      out.write(a);
      out.write(b);
      assertThat(out.written()).isEqualTo(2);
    }
    List<LlmLabel> back = LabelFile.read(f);
    assertThat(back).hasSize(2);
    assertThat(back.get(0)).isEqualTo(a);
    assertThat(back.get(1).abstained()).isTrue();
    assertThat(back.get(1).metadata()).containsEntry("team", "x");
    assertThat(back.get(1).outcome()).isEqualTo("abstained_low_mass");
    assertThat(LabelFile.labelSpace(back).names()).containsExactly("no", "yes");
  }

  @Test
  void aLabelFileIsAlsoATrainingFile() {
    Path f = dir.resolve("out.jsonl");
    try (LabelFile.Output out = LabelFile.openForResume(f, false)) {
      out.write(label("1", "helmet on", "yes", 0.9));
      out.write(label("2", "cake day", "no", 0.8));
    }
    Dataset d = DatasetReader.read(f);
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.get(0).labels()).containsExactly("yes");
    assertThat(d.get(1).document().text()).isEqualTo("cake day");
  }

  @Test
  void resumeSkipsDoneIdsAndCutsATornLastLine() throws Exception {
    Path f = dir.resolve("out.jsonl");
    String good = LabelFile.toJsonLine(label("1", "a", "yes", 0.9)) + "\n";
    String torn = LabelFile.toJsonLine(label("2", "b", "no", 0.7));
    Files.writeString(f, good + torn.substring(0, torn.length() / 2), StandardCharsets.UTF_8);
    assertThat(LabelFile.readContents(f).tornLastLine()).isTrue();
    assertThat(LabelFile.read(f)).extracting(LlmLabel::id).containsExactly("1");
    try (LabelFile.Output out = LabelFile.openForResume(f, true)) {
      assertThat(out.done()).containsExactly("1");
      assertThat(out.cutTornLine()).isTrue();
      out.write(label("2", "b", "no", 0.7));
    }
    assertThat(Files.readString(f)).isEqualTo(good + torn + "\n");
    assertThat(LabelFile.read(f)).extracting(LlmLabel::id).containsExactly("1", "2");
  }

  @Test
  void aBadLineInTheMiddleIsAnErrorWithItsLine() throws Exception {
    Path f = dir.resolve("out.jsonl");
    Files.writeString(f, "{\"id\":\"1\"}\n" + LabelFile.toJsonLine(label("2", "b", "no", 0.7))
        + "\n");
    assertThatThrownBy(() -> LabelFile.read(f)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(":1:").hasMessageContaining("text");
  }

  @Test
  void withoutResumeAnExistingFileIsReplaced() throws Exception {
    Path f = dir.resolve("out.jsonl");
    Files.writeString(f, LabelFile.toJsonLine(label("1", "a", "yes", 0.9)) + "\n");
    try (LabelFile.Output out = LabelFile.openForResume(f, false)) {
      assertThat(out.done()).isEmpty();
      out.write(label("9", "z", "no", 0.6));
    }
    assertThat(LabelFile.read(f)).extracting(LlmLabel::id).containsExactly("9");
  }

  @Test
  void invalidValuesAreRejected() {
    assertThatThrownBy(() -> new LlmLabel("1", "t", Map.of(), List.of("yes"), 1.5,
        Map.of("yes", 1.0), false, "scored")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LlmLabel("1", "t", Map.of(), List.of("yes"), 0.5,
        Map.of("yes", 0.5), true, "scored")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LlmLabel("1", "t", Map.of(), List.of("maybe"), 0.5,
        Map.of("yes", 0.5), false, "scored")).isInstanceOf(IllegalArgumentException.class);
  }
}
