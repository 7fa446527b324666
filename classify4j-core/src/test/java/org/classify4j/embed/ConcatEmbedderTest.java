package org.classify4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.classify4j.Classify4jException;
import org.junit.jupiter.api.Test;

class ConcatEmbedderTest {
  private final MapEmbedder a = new MapEmbedder("a", 2,
      Map.of("x", new float[] {3, 4}, "y", new float[] {0, 1}, "q: x", new float[] {1, 0}), "q: ");
  private final MapEmbedder b = new MapEmbedder("b", 3,
      Map.of("x", new float[] {0, 0, 2}, "y", new float[] {0, 0, 1}), "");

  @Test
  void partsAreUnitVectorsScaledSoTheWholeIsUnitAndCosineIsTheMeanOfThePartsCosines() {
    ConcatEmbedder c = new ConcatEmbedder(List.of(a, b));
    assertThat(c.id()).isEqualTo("concat:a+b");
    assertThat(c.dimension()).isEqualTo(5);
    float[][] v = c.embed(List.of("x", "y"));
    float s = (float) Math.sqrt(0.5);
    assertThat(v[0]).containsExactly(new float[] {0.6f * s, 0.8f * s, 0, 0, s}, within(1e-6f));
    assertThat(Vectors.dot(v[0], v[0])).isCloseTo(1f, within(1e-6f));
    float cosA = Vectors.dot(a.embed(List.of("x"))[0], a.embed(List.of("y"))[0]);
    float cosB = 1f;
    assertThat(Vectors.dot(v[0], v[1])).isCloseTo((cosA + cosB) / 2, within(1e-6f));
  }

  @Test
  void labelTextsGoToEachPartsEmbedLabels() {
    float[][] v = new ConcatEmbedder(List.of(a, b)).embedLabels(List.of("x"));
    float s = (float) Math.sqrt(0.5);
    // a adds its "q: " prefix (vector 1,0); b has none (vector of "x")
    assertThat(v[0]).containsExactly(new float[] {s, 0, 0, 0, s}, within(1e-6f));
  }

  @Test
  void givenPartsStayTheCallers() {
    new ConcatEmbedder(List.of(a, b)).close();
    assertThat(a.closed).isFalse();
    assertThat(b.closed).isFalse();
  }

  @Test
  void needsTwoPartsWithoutPlusInTheirIds() {
    assertThatThrownBy(() -> new ConcatEmbedder(List.of(a))).isInstanceOf(IllegalArgumentException.class);
    MapEmbedder plus = new MapEmbedder("p+q", 1, Map.of(), "");
    assertThatThrownBy(() -> new ConcatEmbedder(List.of(a, plus)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void providerAnswersOnlyItsPrefixAndRejectsOnePart() {
    ConcatEmbedder.Provider p = new ConcatEmbedder.Provider();
    assertThat(p.create("all-minilm-l6-v2")).isEmpty();
    assertThatThrownBy(() -> p.create("concat:")).isInstanceOf(Classify4jException.class);
    assertThatThrownBy(() -> Embedders.create("concat:no-such-model-xyz+also-none"))
        .isInstanceOf(Classify4jException.class)
        .hasMessageContaining("no-such-model-xyz");
  }
}
