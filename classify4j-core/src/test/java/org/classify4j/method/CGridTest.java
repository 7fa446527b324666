package org.classify4j.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.classify4j.embed.LinearHeadClassifier;
import org.junit.jupiter.api.Test;

/** {@code C=auto}, {@code C=1,10,100} and {@code C=5} as the linear and setfit methods read them. */
class CGridTest {
  @Test
  void autoListAndSingleValue() {
    assertThat(CoreMethods.cGrid(MethodParams.of(Map.of("C", "auto")))).isEqualTo(LinearHeadClassifier.AUTO_C);
    assertThat(CoreMethods.cGrid(MethodParams.of(Map.of("C", "3, 30,300")))).containsExactly(3.0, 30.0, 300.0);
    assertThat(CoreMethods.cGrid(MethodParams.of(Map.of("C", "5")))).isEmpty();
    assertThat(CoreMethods.cGrid(MethodParams.empty())).isEmpty();
    assertThatThrownBy(() -> CoreMethods.cGrid(MethodParams.of(Map.of("C", "1,x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1,x");
  }

  @Test
  void setfitIsARegisteredMethodWithItsParameters() {
    assertThat(new CoreMethods().methods()).anySatisfy(m -> {
      assertThat(m.name()).isEqualTo("setfit");
      assertThat(m.params()).contains("model", "C", "label_texts", "iterations", "lr");
    });
  }
}
