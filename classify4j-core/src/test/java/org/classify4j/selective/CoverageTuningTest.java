package org.classify4j.selective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.eval.EvalData;
import org.classify4j.select.TunedRule;
import org.junit.jupiter.api.Test;

class CoverageTuningTest {
  private static final LabelSpace AB = LabelSpace.of(List.of(Label.of("a"), Label.of("b")));

  /** Ten documents, all gold "a"; top scores 0.95, 0.91, … 0.59; the three least sure are wrong. */
  private static EvalData data() {
    List<Example> ex = new ArrayList<>();
    float[][] s = new float[10][];
    for (int i = 0; i < 10; i++) {
      ex.add(Example.of("d" + i, "text " + i, "a"));
      float top = 0.95f - 0.04f * i;
      s[i] = i < 7 ? new float[] {top, 1 - top} : new float[] {1 - top, top};
    }
    Dataset d = new Dataset(AB, ex, false);
    return EvalData.of(d, ScoreMatrix.of(AB, s));
  }

  @Test
  void keepsTheTargetCoverageWithTheHighestThreshold() {
    TunedRule r = CoverageTuning.forCoverage(data(), 0.7);
    assertThat(r.details().get("coverage")).isCloseTo(0.7, within(1e-9));
    assertThat(r.details().get("risk")).isCloseTo(0.0, within(1e-9));
    assertThat(r.details().get("threshold")).isCloseTo(0.71, within(1e-6));
    TunedRule all = CoverageTuning.forCoverage(data(), 1.0);
    assertThat(all.details().get("coverage")).isEqualTo(1.0);
    assertThat(all.details().get("risk")).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void curveReportsRiskAtEachCoverage() {
    List<CoverageTuning.Point> pts = CoverageTuning.curve(data(), 0.5, 0.8, 1.0);
    assertThat(pts).hasSize(3);
    assertThat(pts.get(0).risk()).isCloseTo(0.0, within(1e-9));
    assertThat(pts.get(1).risk()).isCloseTo(1.0 / 8, within(1e-9));
    assertThat(pts.get(2).risk()).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void rejectsBadTargets() {
    assertThatThrownBy(() -> CoverageTuning.forCoverage(data(), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CoverageTuning.forCoverage(data(), 1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
