package org.classify4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metrics;
import org.classify4j.linear.LogisticRegression;
import org.junit.jupiter.api.Test;

/**
 * The adapter does what SetFit's contrastive step is for: on vectors where a weak label signal is
 * buried under strong label-free variation, the learned projection pulls same-label pairs
 * together and pushes others apart, and the head on the projected vectors beats the same head on
 * the frozen ones (24 examples per label, 16 dimensions).
 */
class SetFitClassifierTest {
  private static final int DIM = 16;
  private static final LabelSpace AB = LabelSpace.of(List.of(Label.of("a"), Label.of("b")));

  /** Label signal ±0.35 on axis 0, noise of sd 1 on the other 15 axes; text = prefix (one char) + label + index. */
  private static Map<String, float[]> vectors(int perLabel, String prefix, Random rnd) {
    Map<String, float[]> m = new HashMap<>();
    for (String label : List.of("a", "b")) {
      for (int i = 0; i < perLabel; i++) {
        float[] v = new float[DIM];
        v[0] = label.equals("a") ? 0.35f : -0.35f;
        for (int j = 1; j < DIM; j++) {
          v[j] = (float) rnd.nextGaussian();
        }
        m.put(prefix + label + i, v);
      }
    }
    return m;
  }

  private static Dataset data(Map<String, float[]> m) {
    List<Example> ex = new ArrayList<>();
    m.keySet().stream().sorted().forEach(t -> ex.add(Example.of(t, t, t.substring(1, 2))));
    return new Dataset(AB, ex, false);
  }

  private static double meanCos(float[][] z, Dataset d, boolean same) {
    double s = 0;
    int n = 0;
    for (int i = 0; i < z.length; i++) {
      for (int j = i + 1; j < z.length; j++) {
        boolean eq = d.goldIndices(i)[0] == d.goldIndices(j)[0];
        if (eq == same) {
          s += Vectors.dot(z[i], z[j]);
          n++;
        }
      }
    }
    return s / n;
  }

  @Test
  void adapterSeparatesLabelsThatTheFrozenVectorsHardlySeparate() {
    Random rnd = new Random(5);
    Map<String, float[]> train = vectors(24, "t", rnd);
    Map<String, float[]> test = vectors(200, "h", rnd);
    Map<String, float[]> all = new HashMap<>(train);
    all.putAll(test);
    MapEmbedder e = new MapEmbedder("map", DIM, all, "");
    Dataset tr = data(train);
    Dataset te = data(test);

    SetFitClassifier adapter = new SetFitClassifier(e, LogisticRegression.defaults(), List.of(), false,
        20, 4, 1e-2, 0.0, 16, 40_000, false, 1);
    SetFitClassifier.Model m = adapter.fit(tr);

    float[][] frozen = e.embed(te.texts());
    SetFitClassifier.Projected p = new SetFitClassifier.Projected(e, m.projection());
    float[][] projected = p.embed(te.texts());
    double gapBefore = meanCos(frozen, te, true) - meanCos(frozen, te, false);
    double gapAfter = meanCos(projected, te, true) - meanCos(projected, te, false);
    // seed 5: gap 0.018 → 0.758
    assertThat(gapAfter).isGreaterThan(gapBefore + 0.5);

    double accFrozen = Metrics.accuracy(EvalData.of(te,
        LinearHeadClassifier.of(e).fit(tr).predictProba(te.documents()), DecisionRule.argmax()));
    double accAdapter = Metrics.accuracy(EvalData.of(te, m.predictProba(te.documents()), DecisionRule.argmax()));
    // seed 5: 0.683 → 0.995
    assertThat(accAdapter).isGreaterThan(accFrozen + 0.2);
  }

  @Test
  void pairsFollowSetFitsDrawing() {
    Map<String, float[]> train = vectors(3, "t", new Random(1));
    MapEmbedder e = new MapEmbedder("map", DIM, train, "");
    SetFitClassifier s = SetFitClassifier.of(e, 3);
    List<int[]> labels = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      labels.add(new int[] {i < 3 ? 0 : 1});
    }
    int[][] pairs = s.pairs(labels, 2, new java.util.SplittableRandom(3));
    // every example: one positive and one negative per round
    assertThat(pairs).hasNumberOfRows(2 * 6 * SetFitClassifier.DEFAULT_ITERATIONS);
    for (int[] p : pairs) {
      assertThat(p[0]).isNotEqualTo(p[1]);
      boolean same = labels.get(p[0])[0] == labels.get(p[1])[0];
      assertThat(p[2]).isEqualTo(same ? 1 : 0);
    }
    SetFitClassifier capped = new SetFitClassifier(e, LogisticRegression.defaults(), List.of(), false,
        20, 1, 1e-4, 0, 16, 50, false, 3);
    assertThat(capped.pairs(labels, 2, new java.util.SplittableRandom(3))).hasNumberOfRows(50);
  }

  @Test
  void rejectsBadSettings() {
    MapEmbedder e = new MapEmbedder("map", DIM, Map.of(), "");
    assertThatThrownBy(() -> new SetFitClassifier(e, LogisticRegression.defaults(), List.of(), false,
        0, 1, 1e-4, 0, 16, 10, false, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SetFitClassifier(e, LogisticRegression.defaults(), List.of(), false,
        1, 1, -1, 0, 16, 10, false, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
