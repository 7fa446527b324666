package org.classify4j.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
  @Test
  void findsSlotsAndRenders() {
    PromptTemplate t = PromptTemplate.of("Classify {{text}} into {{ options }}; again {{text}}.");
    assertThat(t.slots()).containsExactlyInAnyOrder("text", "options");
    assertThat(t.render(Map.of("text", "T", "options", "O"))).isEqualTo("Classify T into O; again T.");
  }

  @Test
  void valuesAreNotExpandedAgain() {
    PromptTemplate t = PromptTemplate.of("[{{text}}]");
    assertThat(t.render(Map.of("text", "{{options}}"))).isEqualTo("[{{options}}]");
  }

  @Test
  void missingValuesAndUnknownSlotsFail() {
    PromptTemplate t = PromptTemplate.of("{{a}} {{b}}");
    assertThatThrownBy(() -> t.render(Map.of("a", "x"))).hasMessageContaining("{{b}}");
    assertThatThrownBy(() -> t.render(Map.of("a", "x", "b", "y", "c", "z")))
        .hasMessageContaining("{{c}}");
    assertThat(t.renderSome(Map.of("a", "x", "b", "y", "c", "z"))).isEqualTo("x y");
  }

  @Test
  void malformedSlotsAreRejectedWhenMade() {
    assertThatThrownBy(() -> PromptTemplate.of("Hello {{ not a slot }}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
    assertThatThrownBy(() -> PromptTemplate.of("{{text}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requireSlotsChecksBothWays() {
    PromptTemplate t = PromptTemplate.of("{{text}} {{typo}}");
    assertThatThrownBy(() -> t.requireSlots(Set.of("text", "options"), Set.of("text")))
        .hasMessageContaining("{{typo}}");
    assertThatThrownBy(() -> PromptTemplate.of("{{text}}")
        .requireSlots(Set.of("text", "options"), Set.of("text", "options")))
        .hasMessageContaining("{{options}}");
  }
}
