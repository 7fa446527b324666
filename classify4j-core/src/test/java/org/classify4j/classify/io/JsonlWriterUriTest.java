package org.classify4j.classify.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

class JsonlWriterUriTest {

  private static String written(LabelSpace space) {
    ScoreMatrix s = ScoreMatrix.of(space, new float[][] {{0.9f, 0.1f, 0.7f}});
    Prediction p = DecisionRule.limit(2, 0.5).decideAll(s).get(0);
    StringWriter out = new StringWriter();
    try (JsonlWriter w = new JsonlWriter(out, 2, 2)) {
      w.write("d1", p, s, 0);
    }
    return out.toString();
  }

  @Test
  void vocabularyLabelsAlsoWriteTheirUris() {
    LabelSpace space = LabelSpace.of(List.of(
        Label.ofSubject("http://d-nb.info/gnd/1", "Alpha"),
        Label.ofSubject("http://d-nb.info/gnd/2", "Beta"),
        Label.ofSubject("http://d-nb.info/gnd/3", "Gamma")));
    assertThat(written(space)).isEqualTo("{\"id\":\"d1\",\"labels\":[\"Alpha\",\"Gamma\"],"
        + "\"uris\":[\"http://d-nb.info/gnd/1\",\"http://d-nb.info/gnd/3\"],"
        + "\"scores\":{\"Alpha\":0.9,\"Gamma\":0.7},\"abstained\":false}\n");
  }

  @Test
  void plainLabelsWriteNoUris() {
    assertThat(written(LabelSpace.ofNames("Alpha", "Beta", "Gamma")))
        .isEqualTo("{\"id\":\"d1\",\"labels\":[\"Alpha\",\"Gamma\"],"
            + "\"scores\":{\"Alpha\":0.9,\"Gamma\":0.7},\"abstained\":false}\n");
  }
}
