package org.classify4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
  @Test
  void tableAndJsonCarryTheNumbers() {
    EvalData d = EvalFixtures.single();
    ClassificationReport r = ClassificationReport.of(d);
    assertThat(r.labels()).extracting(ClassificationReport.LabelRow::label).containsExactly("A", "B", "C");
    assertThat(r.labels().get(0).support()).isEqualTo(2);
    String text = r.toText();
    assertThat(text).contains("precision").contains("macro avg").contains("samples avg");
    // A: P 1, R .5, F1 2/3, support 2
    assertThat(text).containsPattern("A\\s+1\\.0000\\s+0\\.5000\\s+0\\.6667\\s+2");
    assertThat(text).containsPattern("macro_f1\\s+0\\.6111");
    // columns aligned: every label line has the same length
    String[] lines = text.split("\n");
    assertThat(lines[2].length()).isEqualTo(lines[3].length()).isEqualTo(lines[4].length());

    ObjectNode json = r.toJson();
    for (String name : Metrics.names()) {
      // the hierarchical metrics only over a label tree
      assertThat(json.has(name)).as(name).isEqualTo(!Metrics.HIERARCHICAL.contains(name));
    }
    assertThat(json.get("macro_f1").asDouble()).isCloseTo(11.0 / 18, within(1e-9));
    assertThat(json.get("averages").get("micro").get("f1").asDouble()).isCloseTo(0.6, within(1e-9));
    assertThat(json.get("labels").get(2).get("label").asText()).isEqualTo("C");
    assertThat(json.get("documents").asInt()).isEqualTo(5);
  }

  @Test
  void unusedLabelsAreLeftOutOfTheTable() {
    EvalData d = EvalFixtures.multi();
    ClassificationReport r = ClassificationReport.of(d);
    // all three labels occur somewhere (Z is gold in d3 and decided in d0)
    assertThat(r.labels()).hasSize(3);
    assertThat(r.multiLabel()).isTrue();
    assertThat(r.headline().get("hamming_loss")).isCloseTo(1.0 / 3, within(1e-9));
  }
}
