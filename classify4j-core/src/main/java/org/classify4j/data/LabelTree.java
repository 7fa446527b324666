package org.classify4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hierarchy of a {@link LabelSpace}: each label's {@link Label#parent()} names another label of
 * the same space, or nothing (a root). A forest: several roots are fine. Built and validated by
 * {@link LabelSpace#tree()}: a parent that is not a label of the space, or a cycle, is an error that
 * names the labels. Lookups are by column index (the space's order) or by name. Immutable.
 */
public final class LabelTree {
  private final LabelSpace space;
  private final int[] parent; // -1 for a root
  private final int[][] children; // in label-space order
  private final int[] depth; // 0 for a root
  private final int[] roots;
  private final int maxDepth;
  private final int[] bottomUp; // deepest labels first

  private LabelTree(LabelSpace space, int[] parent) {
    this.space = space;
    this.parent = parent;
    int k = parent.length;
    int[] count = new int[k];
    int nRoots = 0;
    for (int j = 0; j < k; j++) {
      if (parent[j] < 0) {
        nRoots++;
      } else {
        count[parent[j]]++;
      }
    }
    this.children = new int[k][];
    for (int j = 0; j < k; j++) {
      children[j] = new int[count[j]];
    }
    int[] fill = new int[k];
    this.roots = new int[nRoots];
    int r = 0;
    for (int j = 0; j < k; j++) {
      if (parent[j] < 0) {
        roots[r++] = j;
      } else {
        children[parent[j]][fill[parent[j]]++] = j;
      }
    }
    this.depth = new int[k];
    int max = 0;
    for (int j = 0; j < k; j++) {
      int d = 0;
      for (int p = parent[j]; p >= 0; p = parent[p]) {
        d++;
      }
      depth[j] = d;
      max = Math.max(max, d);
    }
    this.maxDepth = max;
    int[] byDepth = new int[max + 2];
    for (int j = 0; j < k; j++) {
      byDepth[max - depth[j] + 1]++;
    }
    for (int d = 1; d < byDepth.length; d++) {
      byDepth[d] += byDepth[d - 1];
    }
    this.bottomUp = new int[k];
    for (int j = 0; j < k; j++) {
      bottomUp[byDepth[max - depth[j]]++] = j;
    }
  }

  /**
   * The labels ordered deepest first (each label before its parent), for sums that flow up the
   * tree. A copy.
   */
  public int[] bottomUp() {
    return bottomUp.clone();
  }

  /** The {@code i}-th label of {@link #bottomUp()}. */
  public int bottomUp(int i) {
    return bottomUp[i];
  }

  /**
   * The tree of {@code space}.
   *
   * @throws IllegalArgumentException when a parent is not a label of the space, a label is its own
   *     parent, or parents form a cycle
   */
  static LabelTree of(LabelSpace space) {
    int k = space.size();
    int[] parent = new int[k];
    for (int j = 0; j < k; j++) {
      String p = space.get(j).parent();
      if (p.isEmpty()) {
        parent[j] = -1;
        continue;
      }
      int i = space.indexOf(p).orElse(-1);
      if (i < 0) {
        throw new IllegalArgumentException("label '" + space.name(j) + "': parent '" + p
            + "' is not a label (expected the name of another label, or no parent)");
      }
      if (i == j) {
        throw new IllegalArgumentException("label '" + space.name(j) + "' is its own parent");
      }
      parent[j] = i;
    }
    List<String> cycle = findCycle(space, parent);
    if (!cycle.isEmpty()) {
      throw new IllegalArgumentException("labels form a cycle of parents: "
          + String.join(" → ", cycle) + " (expected a tree: follow parents and reach a root)");
    }
    return new LabelTree(space, parent);
  }

  /**
   * A cycle of parents in {@code space} as names, the first repeated at the end ({@code a → b →
   * a}), or empty when there is none. Parents that are not labels of the space are ignored here.
   */
  public static List<String> cycleIn(LabelSpace space) {
    int[] parent = new int[space.size()];
    for (int j = 0; j < parent.length; j++) {
      String p = space.get(j).parent();
      parent[j] = p.isEmpty() ? -1 : space.indexOf(p).orElse(-1);
    }
    return findCycle(space, parent);
  }

  static List<String> findCycle(LabelSpace space, int[] parent) {
    int k = parent.length;
    byte[] state = new byte[k]; // 0 unseen, 1 on the current path, 2 done
    for (int s = 0; s < k; s++) {
      if (state[s] != 0) {
        continue;
      }
      int v = s;
      while (v >= 0 && state[v] == 0) {
        state[v] = 1;
        v = parent[v];
      }
      if (v >= 0 && state[v] == 1) {
        List<String> names = new ArrayList<>();
        int u = v;
        do {
          names.add(space.name(u));
          u = parent[u];
        } while (u != v);
        names.add(space.name(v));
        return names;
      }
      for (int u = s; u >= 0 && state[u] == 1; u = parent[u]) {
        state[u] = 2;
      }
    }
    return List.of();
  }

  /** The label space this tree orders. */
  public LabelSpace space() {
    return space;
  }

  /** Whether no label has a parent. */
  public boolean isFlat() {
    return maxDepth == 0;
  }

  /** The largest depth: 0 for a flat space, 1 when labels have parents but no grandparents. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The parent's column of label {@code j}, or -1 for a root. */
  public int parent(int j) {
    return parent[j];
  }

  /** The children of label {@code j}, in label-space order (a copy). */
  public int[] children(int j) {
    return children[j].clone();
  }

  /** The number of children of label {@code j}. */
  public int childCount(int j) {
    return children[j].length;
  }

  /** The i-th child of label {@code j}. */
  public int child(int j, int i) {
    return children[j][i];
  }

  /** The labels without a parent, in label-space order (a copy). */
  public int[] roots() {
    return roots.clone();
  }

  /** 0 for a root, 1 for its children, and so on. */
  public int depth(int j) {
    return depth[j];
  }

  /** The root above label {@code j} ({@code j} itself when it is a root). */
  public int root(int j) {
    int v = j;
    while (parent[v] >= 0) {
      v = parent[v];
    }
    return v;
  }

  /** The ancestors of label {@code j}, nearest first (empty for a root). */
  public int[] ancestors(int j) {
    int[] out = new int[depth[j]];
    int i = 0;
    for (int p = parent[j]; p >= 0; p = parent[p]) {
      out[i++] = p;
    }
    return out;
  }

  /** The descendants of label {@code j}, depth first in label-space order (empty for a leaf). */
  public int[] descendants(int j) {
    List<Integer> out = new ArrayList<>();
    collect(j, out);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private void collect(int j, List<Integer> out) {
    for (int c : children[j]) {
      out.add(c);
      collect(c, out);
    }
  }

  /** Whether {@code a} is a proper ancestor of {@code j}. */
  public boolean isAncestor(int a, int j) {
    for (int p = parent[j]; p >= 0; p = parent[p]) {
      if (p == a) {
        return true;
      }
    }
    return false;
  }

  /** The ancestors of the label named {@code name}, nearest first. */
  public List<String> ancestors(String name) {
    return names(ancestors(space.requireIndex(name)));
  }

  /** The descendants of the label named {@code name}. */
  public List<String> descendants(String name) {
    return names(descendants(space.requireIndex(name)));
  }

  /**
   * The given columns with every ancestor of each added: sorted, distinct. What hierarchical
   * precision and recall compare.
   */
  public int[] withAncestors(int[] columns) {
    boolean[] in = new boolean[parent.length];
    int n = 0;
    for (int j : columns) {
      for (int v = j; v >= 0 && !in[v]; v = parent[v]) {
        in[v] = true;
        n++;
      }
    }
    int[] out = new int[n];
    int i = 0;
    for (int j = 0; j < in.length; j++) {
      if (in[j]) {
        out[i++] = j;
      }
    }
    return out;
  }

  /** The distinct roots above the given columns, sorted. */
  public int[] rootsOf(int[] columns) {
    return Arrays.stream(columns).map(this::root).distinct().sorted().toArray();
  }

  private List<String> names(int[] cols) {
    List<String> out = new ArrayList<>(cols.length);
    for (int c : cols) {
      out.add(space.name(c));
    }
    return List.copyOf(out);
  }
}
