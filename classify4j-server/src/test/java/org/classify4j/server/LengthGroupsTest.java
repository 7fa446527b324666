package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LengthGroupsTest {
  @TempDir Path tmp;

  static List<Document> docs(int... lengths) {
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      out.add(Document.of("d" + i, "x".repeat(lengths[i])));
    }
    return out;
  }

  @Test
  void textsOfSimilarLengthGoTogetherAndLongOnesApart() {
    // sorted: 5 (0), 6 (2), 7 (3), 98 (4), 100 (1); 3 × (98 − 7) > 64 cuts before 98
    List<int[]> g = LengthGroups.groups(docs(5, 100, 6, 7, 98), 64);
    assertThat(g).hasSize(2);
    assertThat(g.get(0)).containsExactly(0, 2, 3);
    assertThat(g.get(1)).containsExactly(4, 1);
    // a large budget keeps one group; budget 0 cuts at every change of length
    assertThat(LengthGroups.groups(docs(5, 100, 6, 7, 98), 10_000)).hasSize(1);
    assertThat(LengthGroups.groups(docs(5, 5, 5, 6), 0)).hasSize(2);
    assertThat(LengthGroups.groups(docs(), 64)).isEmpty();
  }

  @Test
  void rowsComeBackInTheBatchOrderFromOneCallPerGroup() {
    LabelSpace labels = LabelSpace.of(List.of(Label.of("length")));
    List<List<Integer>> calls = new ArrayList<>();
    List<Document> batch = docs(40, 3, 200, 41, 4, 199);
    List<float[]> rows = LengthGroups.score(batch, 64, part -> {
      List<Integer> lens = part.stream().map(d -> d.text().length()).toList();
      calls.add(lens);
      float[][] r = new float[part.size()][];
      for (int i = 0; i < r.length; i++) {
        r[i] = new float[] {lens.get(i) / 1000f}; // scores lie in [0, 1]
      }
      return ScoreMatrix.of(labels, r);
    });
    assertThat(calls).containsExactly(List.of(3, 4), List.of(40, 41), List.of(199, 200));
    for (int i = 0; i < batch.size(); i++) {
      assertThat(rows.get(i)[0]).isEqualTo(batch.get(i).text().length() / 1000f);
    }
  }

  @Test
  void aRealModelScoresTheSameGroupedAsInOneCall() {
    Path dir = TestService.model(tmp.resolve("topics"), "centroid");
    List<Document> batch = new ArrayList<>();
    String[] texts = {"bread", "a long text about baking sourdough bread with rye flour and time",
        "goal", "the match ended with a late goal after a long and tiring second half", "vote"};
    for (int i = 0; i < texts.length; i++) {
      batch.add(Document.of("d" + i, texts[i]));
    }
    try (LoadContext ctx = LoadContext.standard()) {
      ClassifierModel m = ModelStore.load(dir, ctx).model();
      ScoreMatrix whole = m.predictProba(batch);
      List<float[]> grouped = ClassificationService.batchFunction(m).apply(batch);
      assertThat(LengthGroups.groups(batch, LengthGroups.DEFAULT_BUDGET)).hasSizeGreaterThan(1);
      for (int i = 0; i < batch.size(); i++) {
        assertThat(grouped.get(i)).containsExactly(whole.row(i),
            org.assertj.core.data.Offset.offset(1e-6f));
      }
    }
  }
}
