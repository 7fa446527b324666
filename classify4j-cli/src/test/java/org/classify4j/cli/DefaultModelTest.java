package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.classify4j.Json;
import org.junit.jupiter.api.Test;

/** The real bundled default embedder (e5-small-v2-q from classify4j-onnx), no --model. */
class DefaultModelTest {

  @Test
  void classifyWithTheBundledDefaultModel() throws Exception {
    CliRun.Result r = cli().run("classify", "-q", "--labels", "sports,politics,cooking",
        "The football team won the match",
        "Parliament passed the budget after a long debate",
        "Whisk the eggs with sugar and bake for twenty minutes");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.outLines()).hasSize(3);
    String[] expected = {"sports", "politics", "cooking"};
    for (int i = 0; i < 3; i++) {
      JsonNode n = Json.mapper().readTree(r.outLines().get(i));
      assertThat(n.get("labels").get(0).asText()).isEqualTo(expected[i]);
    }
  }
}
