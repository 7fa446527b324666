package org.classify4j.select;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.classify4j.data.Dataset;

/** Shared helpers of the splitters. */
final class Stratify {
  private Stratify() {}

  /**
   * Single-label data: example positions grouped by label (label-space order, unlabeled examples
   * last), each group shuffled with {@code rnd}, concatenated. Taking every k-th position of this
   * order spreads each label evenly.
   */
  static int[] groupedOrder(Dataset data, SplittableRandom rnd) {
    int k = data.labels().size();
    List<List<Integer>> groups = new ArrayList<>();
    for (int j = 0; j <= k; j++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < data.size(); i++) {
      int[] g = data.goldIndices(i);
      groups.get(g.length == 0 ? k : g[0]).add(i);
    }
    int[] out = new int[data.size()];
    int m = 0;
    for (List<Integer> g : groups) {
      int[] a = g.stream().mapToInt(Integer::intValue).toArray();
      shuffle(a, rnd);
      for (int v : a) {
        out[m++] = v;
      }
    }
    return out;
  }

  static void shuffle(int[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Folds from a fold number per example: fold f tests on the examples assigned f. */
  static List<Fold> folds(int[] assignment, int count) {
    List<Fold> out = new ArrayList<>(count);
    for (int f = 0; f < count; f++) {
      int nt = 0;
      for (int a : assignment) {
        if (a == f) {
          nt++;
        }
      }
      int[] test = new int[nt];
      int[] train = new int[assignment.length - nt];
      int x = 0, y = 0;
      for (int i = 0; i < assignment.length; i++) {
        if (assignment[i] == f) {
          test[x++] = i;
        } else {
          train[y++] = i;
        }
      }
      out.add(new Fold(train, test));
    }
    return out;
  }
}
