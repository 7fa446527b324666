package org.classify4j.select;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.classify4j.data.Dataset;

/**
 * Few-shot training sets: {@code runs} seeded draws of {@code perLabel} examples per label
 * ({@link Fold#train()}), the remaining examples being the test set. Labels are filled in
 * label-space order; in multi-label data an example already drawn for an earlier label counts
 * towards every label it carries, so a label gets exactly {@code perLabel} examples unless the
 * data has fewer (then all of them) or earlier draws already gave it more. Run r uses the r-th
 * split of one {@link SplittableRandom} seeded with {@code seed}.
 */
public record FewShotSampler(int perLabel, int runs, long seed) implements Splitter {
  public FewShotSampler {
    if (perLabel < 1) {
      throw new IllegalArgumentException("perLabel must be ≥ 1, got " + perLabel);
    }
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be ≥ 1, got " + runs);
    }
  }

  @Override
  public List<Fold> split(Dataset data) {
    SplittableRandom base = new SplittableRandom(seed);
    List<Fold> out = new ArrayList<>(runs);
    int k = data.labels().size();
    int[][] gold = data.goldIndices();
    List<List<Integer>> byLabel = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      byLabel.add(new ArrayList<>());
    }
    for (int i = 0; i < gold.length; i++) {
      for (int j : gold[i]) {
        byLabel.get(j).add(i);
      }
    }
    for (int r = 0; r < runs; r++) {
      SplittableRandom rnd = base.split();
      boolean[] chosen = new boolean[data.size()];
      int[] have = new int[k];
      for (int j = 0; j < k; j++) {
        int[] cand = byLabel.get(j).stream().mapToInt(Integer::intValue).toArray();
        Stratify.shuffle(cand, rnd);
        for (int i : cand) {
          if (have[j] >= perLabel) {
            break;
          }
          if (!chosen[i]) {
            chosen[i] = true;
            for (int l : gold[i]) {
              have[l]++;
            }
          }
        }
      }
      int[] assign = new int[data.size()];
      for (int i = 0; i < assign.length; i++) {
        assign[i] = chosen[i] ? 0 : 1;
      }
      out.add(Stratify.folds(assign, 2).get(1));
    }
    return out;
  }
}
