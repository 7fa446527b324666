package org.classify4j.select;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.classify4j.data.Dataset;

/**
 * Iterative stratification for multi-label data (Sechidis, Tsoumakas and Vlahavas, "On the
 * Stratification of Multi-Label Data", ECML PKDD 2011), seeded.
 *
 * <p>Each fold wants a share of every label's examples. Repeatedly the label with the fewest
 * unassigned examples is taken (ties broken at random), and each of its unassigned examples goes
 * to the fold that most wants that label (ties: the fold that wants the most examples overall,
 * then at random); the fold's wants are lowered for all of the example's labels. Examples without
 * labels are dealt last to the folds that want the most examples.
 */
public record IterativeStratification(int folds, long seed) implements Splitter {
  public IterativeStratification {
    if (folds < 2) {
      throw new IllegalArgumentException("need at least 2 folds, got " + folds);
    }
  }

  @Override
  public List<Fold> split(Dataset data) {
    if (data.size() < folds) {
      throw new IllegalArgumentException(
          "cannot split " + data.size() + " examples into " + folds + " folds");
    }
    double[] r = new double[folds];
    java.util.Arrays.fill(r, 1.0 / folds);
    int[] assign = assign(data.goldIndices(), data.labels().size(), r, new SplittableRandom(seed));
    return Stratify.folds(assign, folds);
  }

  /**
   * The fold (0..proportions.length−1) of every example, given its label indices; fold f receives
   * about {@code proportions[f]} of the examples and of each label.
   */
  public static int[] assign(int[][] labels, int labelCount, double[] proportions, SplittableRandom rnd) {
    int n = labels.length;
    int k = proportions.length;
    List<List<Integer>> byLabel = new ArrayList<>(labelCount);
    for (int j = 0; j < labelCount; j++) {
      byLabel.add(new ArrayList<>());
    }
    int[] remaining = new int[labelCount];
    for (int i = 0; i < n; i++) {
      for (int j : labels[i]) {
        byLabel.get(j).add(i);
        remaining[j]++;
      }
    }
    double[] want = new double[k];
    double[][] wantLabel = new double[k][labelCount];
    for (int f = 0; f < k; f++) {
      want[f] = n * proportions[f];
      for (int j = 0; j < labelCount; j++) {
        wantLabel[f][j] = remaining[j] * proportions[f];
      }
    }
    int[] assign = new int[n];
    java.util.Arrays.fill(assign, -1);
    int[] ties = new int[Math.max(k, labelCount)];
    while (true) {
      // the label with the fewest (> 0) unassigned examples, ties at random
      int min = Integer.MAX_VALUE;
      int nt = 0;
      for (int j = 0; j < labelCount; j++) {
        if (remaining[j] > 0) {
          if (remaining[j] < min) {
            min = remaining[j];
            nt = 0;
          }
          if (remaining[j] == min) {
            ties[nt++] = j;
          }
        }
      }
      if (nt == 0) {
        break;
      }
      int l = ties[nt == 1 ? 0 : rnd.nextInt(nt)];
      int[] members = byLabel.get(l).stream().mapToInt(Integer::intValue).toArray();
      Stratify.shuffle(members, rnd);
      for (int i : members) {
        if (assign[i] >= 0) {
          continue;
        }
        // folds wanting label l the most, then examples overall the most, then random
        double best = Double.NEGATIVE_INFINITY;
        double bestAll = Double.NEGATIVE_INFINITY;
        int m = 0;
        for (int f = 0; f < k; f++) {
          double w = wantLabel[f][l];
          if (w > best || (w == best && want[f] > bestAll)) {
            best = w;
            bestAll = want[f];
            m = 0;
            ties[m++] = f;
          } else if (w == best && want[f] == bestAll) {
            ties[m++] = f;
          }
        }
        int f = ties[m == 1 ? 0 : rnd.nextInt(m)];
        assign[i] = f;
        want[f] -= 1;
        for (int j : labels[i]) {
          wantLabel[f][j] -= 1;
          remaining[j]--;
        }
      }
    }
    int[] unlabeled = java.util.stream.IntStream.range(0, n).filter(i -> assign[i] < 0).toArray();
    Stratify.shuffle(unlabeled, rnd);
    for (int i : unlabeled) {
      double best = Double.NEGATIVE_INFINITY;
      int m = 0;
      for (int f = 0; f < k; f++) {
        if (want[f] > best) {
          best = want[f];
          m = 0;
          ties[m++] = f;
        } else if (want[f] == best) {
          ties[m++] = f;
        }
      }
      int f = ties[m == 1 ? 0 : rnd.nextInt(m)];
      assign[i] = f;
      want[f] -= 1;
    }
    return assign;
  }
}
