package org.classify4j.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.classify4j.Json;
import org.junit.jupiter.api.Test;

/** Decision rules are saved as decision.json: every kind round-trips, with one key per name. */
class DecisionRuleJsonTest {

  @Test
  void everyRuleRoundTrips() throws Exception {
    List<DecisionRule> rules =
        List.of(
            DecisionRule.argmax(),
            DecisionRule.threshold(0.25),
            DecisionRule.limit(5, 0.1),
            new DecisionRules.PerLabelThresholds(Map.of("a", 0.3, "b", 0.7), 0.5, 2),
            new DecisionRules.Abstain(DecisionRule.limit(3, 0.2), 0.4, 0.05));
    for (DecisionRule r : rules) {
      String json = Json.mapper().writeValueAsString(r);
      assertThat(Json.mapper().readValue(json, DecisionRule.class)).as(json).isEqualTo(r);
    }
  }

  @Test
  void abstainNamesItsInnerRuleThen() throws Exception {
    String json =
        Json.mapper()
            .writeValueAsString(new DecisionRules.Abstain(DecisionRule.argmax(), 0.5, 0.0));
    // {"rule":"abstain","then":{"rule":"argmax"},...}: "rule" must appear once at the top level,
    // or readers that keep the last duplicate key (Python's json) see the inner rule
    assertThat(Json.mapper().readTree(json).get("rule").asText()).isEqualTo("abstain");
    assertThat(Json.mapper().readTree(json).get("then").get("rule").asText()).isEqualTo("argmax");
    assertThat(json.indexOf("\"rule\":\"abstain\"")).isEqualTo(json.lastIndexOf("\"rule\":\"abstain\""));
    assertThat(json.split("\"rule\"", -1)).hasSize(3);
  }
}
