package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IsotonicTest {
  @Test
  void poolsViolatorsAndIsMonotone() {
    float[] s = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
    boolean[] y = {false, true, false, false, true, true};
    Isotonic iso = Isotonic.fit(s, y);
    // blocks: {0.1}:0, {0.2,0.3,0.4}: 1/3, {0.5}:1, {0.6}:1 → merged {0.5,0.6}: 1
    assertThat(iso.apply(0.1)).isCloseTo(0.0, within(1e-5));
    assertThat(iso.apply(0.3)).isCloseTo(1.0 / 3, within(1e-5));
    assertThat(iso.apply(0.55)).isCloseTo(1.0, within(1e-5));
    double prev = -1;
    for (double x = 0; x <= 1; x += 0.01) {
      assertThat(iso.apply(x)).isGreaterThanOrEqualTo(prev);
      prev = iso.apply(x);
    }
  }

  @Test
  void interpolatesBetweenBlocks() {
    Isotonic iso = new Isotonic(new float[] {0.2f, 0.6f}, new float[] {0.1f, 0.5f});
    assertThat(iso.apply(0.4)).isCloseTo(0.3, within(1e-5));
    assertThat(iso.apply(0.0)).isCloseTo(0.1, within(1e-5));
    assertThat(iso.apply(1.0)).isCloseTo(0.5, within(1e-5));
  }
}
