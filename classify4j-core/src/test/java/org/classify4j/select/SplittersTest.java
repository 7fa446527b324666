package org.classify4j.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

class SplittersTest {

  /** Single-label: 20 a, 10 b, 5 c, 3 unlabeled. */
  static Dataset single() {
    List<Example> ex = new ArrayList<>();
    int id = 0;
    for (int i = 0; i < 20; i++) {
      ex.add(Example.of("d" + id++, "text", "a"));
    }
    for (int i = 0; i < 10; i++) {
      ex.add(Example.of("d" + id++, "text", "b"));
    }
    for (int i = 0; i < 5; i++) {
      ex.add(Example.of("d" + id++, "text", "c"));
    }
    for (int i = 0; i < 3; i++) {
      ex.add(Example.of("d" + id++, "text"));
    }
    return new Dataset(LabelSpace.ofNames("a", "b", "c"), ex, false);
  }

  /** Multi-label: 200 documents, 6 labels with very different frequencies, seeded. */
  static Dataset multi() {
    Random r = new Random(5);
    String[] names = {"l0", "l1", "l2", "l3", "l4", "l5"};
    double[] p = {0.5, 0.3, 0.2, 0.1, 0.05, 0.02};
    List<Example> ex = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      List<String> ls = new ArrayList<>();
      for (int j = 0; j < names.length; j++) {
        if (r.nextDouble() < p[j]) {
          ls.add(names[j]);
        }
      }
      ex.add(new Example(org.classify4j.data.Document.of("m" + i, "t"), ls));
    }
    return new Dataset(LabelSpace.ofNames(names), ex, true);
  }

  static void assertPartition(List<Fold> folds, int n) {
    int[] seen = new int[n];
    for (Fold f : folds) {
      for (int i : f.test()) {
        seen[i]++;
      }
      assertThat(f.train().length + f.test().length).isEqualTo(n);
      assertThat(IntStream.concat(Arrays.stream(f.train()), Arrays.stream(f.test())).sorted().toArray())
          .isEqualTo(IntStream.range(0, n).toArray());
    }
    assertThat(seen).containsOnly(1);
  }

  static int count(Dataset d, int[] rows, String label) {
    int c = 0;
    for (int i : rows) {
      if (d.get(i).labels().contains(label)) {
        c++;
      }
    }
    return c;
  }

  @Test
  void stratifiedKFoldPartitionsAndStratifies() {
    Dataset d = single();
    List<Fold> folds = new StratifiedKFold(5, 1).split(d);
    assertThat(folds).hasSize(5);
    assertPartition(folds, d.size());
    for (Fold f : folds) {
      // 38 examples / 5 → 7 or 8 per fold
      assertThat(f.test().length).isBetween(7, 8);
      assertThat(count(d, f.test(), "a")).isEqualTo(4); // 20 / 5
      assertThat(count(d, f.test(), "b")).isEqualTo(2); // 10 / 5
      assertThat(count(d, f.test(), "c")).isEqualTo(1); // 5 / 5
    }
    assertThat(new StratifiedKFold(5, 1).split(d)).isEqualTo(folds);
    assertThat(new StratifiedKFold(5, 2).split(d)).isNotEqualTo(folds);
    assertThatThrownBy(() -> new StratifiedKFold(1, 1)).hasMessageContaining("2 folds");
    assertThatThrownBy(() -> new StratifiedKFold(50, 1).split(d)).hasMessageContaining("38");
  }

  @Test
  void iterativeStratificationKeepsRareLabelsInEveryFold() {
    Dataset d = multi();
    int[] counts = d.labelCounts();
    List<Fold> folds = new IterativeStratification(4, 3).split(d);
    assertPartition(folds, d.size());
    for (Fold f : folds) {
      assertThat(f.test().length).isBetween(48, 52);
      for (int j = 0; j < counts.length; j++) {
        double expected = counts[j] / 4.0;
        // each label's share is within one example of a quarter
        assertThat((double) count(d, f.test(), d.labels().name(j)))
            .as("label %s", d.labels().name(j)).isBetween(expected - 1, expected + 1);
      }
    }
    assertThat(new IterativeStratification(4, 3).split(d)).isEqualTo(folds);
    // StratifiedKFold delegates for multi-label data
    assertThat(new StratifiedKFold(4, 3).split(d)).isEqualTo(folds);
  }

  @Test
  void trainValidationSplitIsStratifiedAndSeeded() {
    Dataset d = single();
    Fold f = new TrainValidationSplit(0.2, 9).fold(d);
    assertPartition(List.of(f, new Fold(f.test(), f.train())), d.size());
    // 38 · .2 = 7.6 → 7 or 8; a 4, b 2, c 1 (each within one)
    assertThat(f.test().length).isBetween(7, 8);
    assertThat(count(d, f.test(), "a")).isBetween(3, 5);
    assertThat(count(d, f.test(), "b")).isBetween(1, 3);
    assertThat(count(d, f.test(), "c")).isBetween(0, 2);
    assertThat(new TrainValidationSplit(0.2, 9).fold(d)).isEqualTo(f);

    Dataset m = multi();
    Fold fm = new TrainValidationSplit(0.25, 9).fold(m);
    assertThat(fm.test().length).isBetween(48, 52);
    assertThat(count(m, fm.test(), "l0")).isBetween(m.labelCounts()[0] / 4 - 1, m.labelCounts()[0] / 4 + 1);
    assertThatThrownBy(() -> new TrainValidationSplit(1.0, 1)).hasMessageContaining("(0,1)");
  }

  @Test
  void fewShotSamplerDrawsNPerLabel() {
    Dataset d = single();
    List<Fold> runs = new FewShotSampler(3, 4, 11).split(d);
    assertThat(runs).hasSize(4);
    for (Fold f : runs) {
      assertThat(f.train()).hasSize(9);
      assertThat(count(d, f.train(), "a")).isEqualTo(3);
      assertThat(count(d, f.train(), "b")).isEqualTo(3);
      assertThat(count(d, f.train(), "c")).isEqualTo(3);
      assertThat(f.test()).hasSize(d.size() - 9);
    }
    assertThat(runs.get(0)).isNotEqualTo(runs.get(1));
    assertThat(new FewShotSampler(3, 4, 11).split(d)).isEqualTo(runs);
    // c has only 5 examples: asking for 8 gives all 5
    Fold big = new FewShotSampler(8, 1, 1).split(d).get(0);
    assertThat(count(d, big.train(), "c")).isEqualTo(5);
    assertThat(count(d, big.train(), "a")).isEqualTo(8);
    // multi-label: every label reaches its quota (or all its examples)
    Dataset m = multi();
    Fold fm = new FewShotSampler(2, 1, 1).split(m).get(0);
    for (int j = 0; j < m.labels().size(); j++) {
      assertThat(count(m, fm.train(), m.labels().name(j)))
          .isGreaterThanOrEqualTo(Math.min(2, m.labelCounts()[j]));
    }
  }
}
