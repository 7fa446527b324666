package org.classify4j.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.classify4j.data.LabelSpace;

/**
 * Counts of (gold label, decided label) pairs of single-label data, stored sparsely so spaces of
 * thousands of labels are fine. A document whose decision has several labels counts its
 * highest-scored one; documents abstained on or decided with no label count in {@link
 * #undecided(int)}; documents without a gold label are left out.
 */
public final class ConfusionMatrix {
  private final LabelSpace labels;
  private final Map<Long, Integer> counts;
  private final long[] undecided;

  /** One off-diagonal cell: {@code count} documents of {@code gold} were decided as {@code predicted}. */
  public record Confusion(String gold, String predicted, long count) {}

  private ConfusionMatrix(LabelSpace labels, Map<Long, Integer> counts, long[] undecided) {
    this.labels = labels;
    this.counts = counts;
    this.undecided = undecided;
  }

  public static ConfusionMatrix of(EvalData d) {
    if (d.multiLabel()) {
      throw new IllegalArgumentException(
          "a confusion matrix needs single-label data; use per-label statistics for multi-label");
    }
    int k = d.labels().size();
    Map<Long, Integer> counts = new HashMap<>();
    long[] undecided = new long[k];
    for (int i = 0; i < d.size(); i++) {
      int[] g = d.goldRef(i);
      if (g.length == 0) {
        continue;
      }
      int[] p = d.predRef(i);
      if (p.length == 0) {
        undecided[g[0]]++;
        continue;
      }
      int best = p[0];
      for (int c : p) {
        if (d.score(i, c) > d.score(i, best)) {
          best = c;
        }
      }
      counts.merge((long) g[0] * k + best, 1, Integer::sum);
    }
    return new ConfusionMatrix(d.labels(), counts, undecided);
  }

  public LabelSpace labels() {
    return labels;
  }

  public int size() {
    return labels.size();
  }

  /** Documents of gold label {@code gold} decided as {@code predicted}. */
  public long count(int gold, int predicted) {
    Integer c = counts.get((long) gold * size() + predicted);
    return c == null ? 0 : c;
  }

  /** Documents of gold label {@code gold} that got no label (abstained or empty decision). */
  public long undecided(int gold) {
    return undecided[gold];
  }

  /** Every non-zero cell as {gold, predicted, count}, in no particular order. */
  public List<long[]> cells() {
    List<long[]> out = new ArrayList<>(counts.size());
    int k = size();
    counts.forEach((key, c) -> out.add(new long[] {key / k, key % k, c}));
    return out;
  }

  /** The n largest off-diagonal cells, largest first (ties: gold then predicted label order). */
  public List<Confusion> topConfusions(int n) {
    int k = size();
    List<long[]> off = new ArrayList<>();
    counts.forEach((key, c) -> {
      if (key / k != key % k) {
        off.add(new long[] {key / k, key % k, c});
      }
    });
    off.sort(Comparator.<long[]>comparingLong(a -> -a[2])
        .thenComparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
    List<Confusion> out = new ArrayList<>();
    for (int i = 0; i < Math.min(n, off.size()); i++) {
      long[] a = off.get(i);
      out.add(new Confusion(labels.name((int) a[0]), labels.name((int) a[1]), a[2]));
    }
    return out;
  }

  /**
   * Up to n label columns to show in a heatmap: all labels when there are at most n, else the
   * labels involved in the largest confusions (then by support), sorted in label-space order.
   */
  public int[] focusLabels(int n) {
    int k = size();
    if (k <= n) {
      return java.util.stream.IntStream.range(0, k).toArray();
    }
    LinkedHashSet<Integer> chosen = new LinkedHashSet<>();
    for (Confusion c : topConfusions(Integer.MAX_VALUE)) {
      if (chosen.size() >= n) {
        break;
      }
      chosen.add(labels.requireIndex(c.gold()));
      if (chosen.size() < n) {
        chosen.add(labels.requireIndex(c.predicted()));
      }
    }
    if (chosen.size() < n) {
      long[] support = new long[k];
      counts.forEach((key, c) -> support[(int) (key / k)] += c);
      Integer[] order = new Integer[k];
      for (int j = 0; j < k; j++) {
        order[j] = j;
      }
      java.util.Arrays.sort(order, (a, b) -> Long.compare(support[b], support[a]));
      for (int j = 0; j < k && chosen.size() < n; j++) {
        chosen.add(order[j]);
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
  }
}
