package org.classify4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.classify.HierarchyMode;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

/** How the hierarchy options combine with saved rules and the threshold/limit flags. */
class HierarchyRulesTest {
  static final LabelSpace TREE = LabelSpace.of(List.of(Label.of("A"),
      new Label("A1", "", List.of(), "A")));
  static final LabelSpace FLAT = LabelSpace.ofNames("x", "y");

  @Test
  void modesWrapReplaceOrDropTheRule() {
    DecisionRule argmax = DecisionRule.argmax();
    assertThat(Rules.withHierarchy(argmax, Rules.Hierarchy.NONE, TREE)).isSameAs(argmax);
    DecisionRule td = Rules.withHierarchy(argmax, Rules.Hierarchy.of("top-down", null), TREE);
    assertThat(td).isEqualTo(DecisionRule.hierarchical(argmax, HierarchyMode.TOP_DOWN, false));
    // --ancestors alone keeps the saved mode and turns ancestors on
    assertThat(Rules.withHierarchy(td, Rules.Hierarchy.of(null, true), TREE))
        .isEqualTo(DecisionRule.hierarchical(argmax, HierarchyMode.TOP_DOWN, true));
    // ... and on a flat rule means consistent
    assertThat(Rules.withHierarchy(argmax, Rules.Hierarchy.of(null, true), TREE))
        .isEqualTo(DecisionRule.hierarchical(argmax, HierarchyMode.CONSISTENT, true));
    assertThat(Rules.withHierarchy(td, Rules.Hierarchy.of("flat", null), TREE)).isEqualTo(argmax);
  }

  @Test
  void badUsesAreErrorsNamingTheOption() {
    assertThatThrownBy(() -> Rules.withHierarchy(DecisionRule.argmax(),
        Rules.Hierarchy.of("consistent", null), FLAT))
        .isInstanceOf(AppException.class)
        .hasMessageContaining("--hierarchy consistent: the labels have no hierarchy");
    assertThatThrownBy(() -> Rules.Hierarchy.of("upward", null))
        .isInstanceOf(AppException.class).hasMessageContaining("unknown mode 'upward'");
    assertThatThrownBy(() -> Rules.withHierarchy(DecisionRule.argmax(),
        Rules.Hierarchy.of("flat", true), TREE))
        .isInstanceOf(AppException.class).hasMessageContaining("--ancestors needs");
    LabelSpace broken = LabelSpace.of(List.of(new Label("a", "", List.of(), "b"),
        new Label("b", "", List.of(), "a")));
    assertThatThrownBy(() -> Rules.withHierarchy(DecisionRule.argmax(),
        Rules.Hierarchy.of("consistent", null), broken))
        .isInstanceOf(AppException.class).hasMessageContaining("cycle");
  }

  @Test
  void thresholdAndLimitFlagsKeepASavedHierarchy() {
    DecisionRule saved = DecisionRule.hierarchical(DecisionRule.argmax(),
        HierarchyMode.CONSISTENT, true);
    DecisionRule chosen = Rules.choose(saved, Optional.empty(), null, 3);
    assertThat(chosen).isEqualTo(DecisionRule.hierarchical(DecisionRule.limit(3, 0.0),
        HierarchyMode.CONSISTENT, true));
    assertThat(Rules.choose(DecisionRule.argmax(), Optional.of(saved), 0.4, null))
        .isEqualTo(DecisionRule.hierarchical(DecisionRule.threshold(0.4),
            HierarchyMode.CONSISTENT, true));
    assertThat(Rules.override(DecisionRule.argmax(), DecisionRule.threshold(0.2)))
        .isEqualTo(DecisionRule.threshold(0.2));
    assertThat(Rules.override(saved, saved)).isInstanceOf(DecisionRules.Hierarchy.class);
  }
}
