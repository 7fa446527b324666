package org.classify4j.subjects;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.classify4j.Classify4jException;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A label tree over TF-IDF, the idea of Parabel and of Bonsai as Omikuji implements them: labels
 * are represented by the normalized sum of their training documents' TF-IDF vectors and split
 * recursively by balanced spherical 2-means (Parabel; {@code arity} 2) or plain spherical k-means
 * with {@code arity} clusters (Bonsai's shallow, wide trees) until a leaf holds at most {@code
 * maxLeaf} labels; every
 * node has a linear classifier (squared-hinge SVM, dual coordinate descent, pruned weights) trained
 * on the documents that reach its parent; prediction is a beam search whose path scores multiply.
 * Labels without training examples are not in the tree and score 0.
 */
public record LabelTreeClassifier(
    String analyzer, int ngramMax, int minDf, int maxLeaf, int arity, int trees, double c,
    int beam, int maxIter, double prune, int threads, long seed, int titleWeight)
    implements Classifier {
  public static final String TYPE = "label-tree";
  private static final Logger LOG = LoggerFactory.getLogger(LabelTreeClassifier.class);

  public LabelTreeClassifier {
    Analysis.of(analyzer, titleWeight);
    if (ngramMax < 1 || minDf < 1 || maxLeaf < 2 || arity < 2 || trees < 1 || c <= 0 || beam < 1
        || maxIter < 1 || prune < 0 || threads < 1) {
      throw new IllegalArgumentException("label-tree: ngram_max, min_df ≥ 1, max_leaf ≥ 2,"
          + " arity ≥ 2, trees ≥ 1, C > 0, beam ≥ 1, max_iter ≥ 1, prune ≥ 0, threads ≥ 1");
    }
  }

  /** Without title weighting ({@code title_weight=1}). */
  public LabelTreeClassifier(String analyzer, int ngramMax, int minDf, int maxLeaf, int arity,
      int trees, double c, int beam, int maxIter, double prune, int threads, long seed) {
    this(analyzer, ngramMax, minDf, maxLeaf, arity, trees, c, beam, maxIter, prune, threads, seed,
        1);
  }

  /**
   * Defaults: English analysis, every word seen in a training document (no bigrams, no document
   * frequency floor: on tib-sid-en dev one tree's F1@5 0.2223 against 0.2075 with bigrams seen in
   * ≥ 2 documents, at 65 % of the model size and 4× the speed), 16-way k-means splits down to
   * leaves of ≤ 100 labels (0.2075 against 0.2029 for balanced 2-means, both with bigrams), C = 1
   * (4 and 16: 0.2206, 0.2167), beam 15 (50 gave the same F1@5), weights below 0.1 pruned (0.05:
   * 0.2212), three trees as in Omikuji (0.2359 against one tree's 0.2223; 70 MB, fit in 78 s
   * on two cores), and the first line of a text of several lines (a record's title) counted twice
   * (0.2491 against 0.2359; 3: 0.2498; no effect on texts of one line).
   */
  public static LabelTreeClassifier defaults() {
    return new LabelTreeClassifier("english", 1, 1, 100, 16, 3, 1.0, 15, 20, 0.1,
        Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 42, 2);
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analyzer", analyzer);
    m.put("ngram_max", ngramMax);
    m.put("min_df", minDf);
    m.put("max_leaf", maxLeaf);
    m.put("arity", arity);
    m.put("trees", trees);
    m.put("C", c);
    m.put("beam", beam);
    m.put("max_iter", maxIter);
    m.put("prune", prune);
    m.put("threads", threads);
    m.put("seed", seed);
    m.put("title_weight", titleWeight);
    return m;
  }

  @Override
  public LabelTreeModel fit(Dataset train) {
    long t0 = System.nanoTime();
    Analysis an = Analysis.of(analyzer, titleWeight);
    int n = train.size();
    List<String[]> tokens = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tokens.add(an.tokens(train.get(i).document().text()));
    }
    Tfidf tfidf = Tfidf.fit(tokens, ngramMax, minDf);
    List<SparseRow> rows = new ArrayList<>(n);
    for (String[] t : tokens) {
      rows.add(tfidf.transform(t));
    }
    tokens = null;
    int k = train.labels().size();
    int f = tfidf.dimension();
    int[][] gold = train.goldIndices();
    // documents of each label
    int[] count = new int[k];
    for (int[] g : gold) {
      for (int j : g) {
        count[j]++;
      }
    }
    int[][] labelDocs = new int[k][];
    for (int j = 0; j < k; j++) {
      labelDocs[j] = new int[count[j]];
    }
    int[] fill = new int[k];
    for (int i = 0; i < n; i++) {
      for (int j : gold[i]) {
        labelDocs[j][fill[j]++] = i;
      }
    }
    List<Integer> used = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      if (count[j] > 0) {
        used.add(j);
      }
    }
    // label representations
    SparseRow[] labelVec = new SparseRow[k];
    float[] acc = new float[f];
    for (int j : used) {
      labelVec[j] = normalizedSum(rows, labelDocs[j], acc);
    }
    LabelTreeModel.Tree[] forest = new LabelTreeModel.Tree[trees];
    for (int t = 0; t < trees; t++) {
      // each tree its own clustering: k-means (or 2-means) started from other random labels
      forest[t] = grow(rows, labelDocs, labelVec, used, f, seed + 1_000_003L * t, t0);
    }
    return new LabelTreeModel(train.labels(), train.multiLabel(), params(), an, tfidf, forest,
        beam);
  }

  /** One tree: the clustering of the labels, then a classifier per node. */
  private LabelTreeModel.Tree grow(List<SparseRow> rows, int[][] labelDocs, SparseRow[] labelVec,
      List<Integer> used, int f, long treeSeed, long t0) {
    int n = rows.size();
    SplittableRandom rnd = new SplittableRandom(treeSeed);
    Builder root = build(used.stream().mapToInt(Integer::intValue).toArray(), labelVec, f, rnd);
    Flat flat = flatten(root);
    LOG.info("label-tree: {} docs, {} features, {} labels in the tree, {} nodes ({}s so far)",
        n, f, used.size(), flat.labelOf.length, (System.nanoTime() - t0) / 1_000_000_000L);
    // documents reaching each node
    int nodes = flat.labelOf.length;
    int[][] nodeDocs = new int[nodes][];
    for (int v = nodes - 1; v >= 0; v--) {
      if (flat.labelOf[v] >= 0) {
        nodeDocs[v] = labelDocs[flat.labelOf[v]];
      } else {
        int[] u = new int[0];
        for (int ch = flat.childStart[v]; ch < flat.childStart[v] + flat.childCount[v]; ch++) {
          u = union(u, nodeDocs[ch]);
        }
        nodeDocs[v] = u;
      }
    }
    int[] parent = new int[nodes];
    parent[0] = -1;
    for (int v = 0; v < nodes; v++) {
      for (int ch = flat.childStart[v]; ch < flat.childStart[v] + flat.childCount[v]; ch++) {
        parent[ch] = v;
      }
    }
    LinearSvm.Weights[] weights = new LinearSvm.Weights[nodes];
    ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[f]);
    ThreadLocal<boolean[]> marks = ThreadLocal.withInitial(() -> new boolean[n]);
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> IntStream.range(1, nodes).parallel().forEach(v -> {
        int[] docs = nodeDocs[parent[v]];
        boolean[] mark = marks.get();
        for (int d : nodeDocs[v]) {
          mark[d] = true;
        }
        List<SparseRow> xs = new ArrayList<>(docs.length);
        boolean[] pos = new boolean[docs.length];
        for (int i = 0; i < docs.length; i++) {
          xs.add(rows.get(docs[i]));
          pos[i] = mark[docs[i]];
        }
        for (int d : nodeDocs[v]) {
          mark[d] = false;
        }
        weights[v] = LinearSvm.train(xs, pos, c, 0.1, maxIter, treeSeed * 31 + v, prune,
            scratch.get());
      })).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Classify4jException("label-tree training interrupted", e);
    } catch (ExecutionException e) {
      throw new Classify4jException("label-tree training failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
    int[] wStart = new int[nodes + 1];
    for (int v = 0; v < nodes; v++) {
      wStart[v + 1] = wStart[v] + (weights[v] == null ? 0 : weights[v].idx().length);
    }
    int[] wIdx = new int[wStart[nodes]];
    float[] wVal = new float[wStart[nodes]];
    float[] bias = new float[nodes];
    for (int v = 1; v < nodes; v++) {
      System.arraycopy(weights[v].idx(), 0, wIdx, wStart[v], weights[v].idx().length);
      System.arraycopy(weights[v].val(), 0, wVal, wStart[v], weights[v].val().length);
      bias[v] = weights[v].bias();
    }
    LOG.info("label-tree: trained {} classifiers, {} weights, in {}s", nodes - 1, wIdx.length,
        (System.nanoTime() - t0) / 1_000_000_000L);
    return new LabelTreeModel.Tree(flat.childStart, flat.childCount, flat.labelOf, wStart, wIdx,
        wVal, bias);
  }

  static SparseRow normalizedSum(List<SparseRow> rows, int[] docs, float[] acc) {
    List<Integer> touched = new ArrayList<>();
    for (int d : docs) {
      SparseRow r = rows.get(d);
      for (int q = 0; q < r.idx.length; q++) {
        if (acc[r.idx[q]] == 0f) {
          touched.add(r.idx[q]);
        }
        acc[r.idx[q]] += r.val[q];
      }
    }
    int[] idx = touched.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(idx);
    float[] val = new float[idx.length];
    double norm = 0;
    for (int q = 0; q < idx.length; q++) {
      val[q] = acc[idx[q]];
      norm += (double) val[q] * val[q];
      acc[idx[q]] = 0f;
    }
    float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
    for (int q = 0; q < val.length; q++) {
      val[q] *= inv;
    }
    return new SparseRow(idx, val);
  }

  private static int[] union(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int o = 0;
    while (i < a.length || j < b.length) {
      int x;
      if (j >= b.length || (i < a.length && a[i] < b[j])) {
        x = a[i++];
      } else if (i >= a.length || b[j] < a[i]) {
        x = b[j++];
      } else {
        x = a[i++];
        j++;
      }
      if (o == 0 || out[o - 1] != x) {
        out[o++] = x;
      }
    }
    return Arrays.copyOf(out, o);
  }

  /** A node while building: its labels, and its two children unless it is a leaf. */
  private static final class Builder {
    final int[] labels;
    final List<Builder> children = new ArrayList<>();

    Builder(int[] labels) {
      this.labels = labels;
    }
  }

  private Builder build(int[] labels, SparseRow[] vec, int dim, SplittableRandom rnd) {
    Builder b = new Builder(labels);
    if (labels.length <= maxLeaf) {
      return b;
    }
    int[][] parts = arity == 2 ? balancedTwoMeans(labels, vec, dim, rnd)
        : kMeans(labels, vec, dim, Math.min(arity, labels.length), rnd);
    if (parts.length < 2) {
      return b; // nothing to split: a (large) leaf
    }
    for (int[] part : parts) {
      b.children.add(build(part, vec, dim, rnd));
    }
    return b;
  }

  /** Parabel's split: spherical 2-means where each step sorts labels by their preference. */
  static int[][] balancedTwoMeans(int[] labels, SparseRow[] vec, int dim, SplittableRandom rnd) {
    int m = labels.length;
    int a = rnd.nextInt(m);
    int b = rnd.nextInt(m - 1);
    if (b >= a) {
      b++;
    }
    float[] c0 = new float[dim];
    float[] c1 = new float[dim];
    add(c0, vec[labels[a]], 1f);
    add(c1, vec[labels[b]], 1f);
    double[] pref = new double[m];
    Integer[] order = new Integer[m];
    boolean[] first = new boolean[m];
    double last = Double.NEGATIVE_INFINITY;
    for (int iter = 0; iter < 15; iter++) {
      for (int i = 0; i < m; i++) {
        SparseRow x = vec[labels[i]];
        pref[i] = x.dot(c0) - x.dot(c1);
        order[i] = i;
      }
      Arrays.sort(order, (p, q) -> {
        int cmp = Double.compare(pref[q], pref[p]);
        return cmp != 0 ? cmp : Integer.compare(labels[p], labels[q]);
      });
      double objective = 0;
      for (int r = 0; r < m; r++) {
        first[order[r]] = r < m / 2;
        objective += r < m / 2 ? pref[order[r]] : -pref[order[r]];
      }
      objective /= m;
      // recompute centroids over the labels' features only
      clear(c0, labels, vec);
      clear(c1, labels, vec);
      for (int i = 0; i < m; i++) {
        add(first[i] ? c0 : c1, vec[labels[i]], 1f);
      }
      normalize(c0, labels, vec);
      normalize(c1, labels, vec);
      if (objective - last < 1e-4) {
        break;
      }
      last = objective;
    }
    int[] h0 = new int[m / 2];
    int[] h1 = new int[m - m / 2];
    int i0 = 0;
    int i1 = 0;
    for (int i = 0; i < m; i++) {
      if (first[i]) {
        h0[i0++] = labels[i];
      } else {
        h1[i1++] = labels[i];
      }
    }
    return new int[][] {h0, h1};
  }

  /** Bonsai's split: plain (unbalanced) spherical k-means; empty clusters are dropped. */
  static int[][] kMeans(int[] labels, SparseRow[] vec, int dim, int k, SplittableRandom rnd) {
    int m = labels.length;
    // k distinct random labels as the first centroids
    int[] pick = new int[m];
    for (int i = 0; i < m; i++) {
      pick[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + rnd.nextInt(m - i);
      int t = pick[i];
      pick[i] = pick[j];
      pick[j] = t;
    }
    float[][] cent = new float[k][dim];
    for (int c = 0; c < k; c++) {
      add(cent[c], vec[labels[pick[c]]], 1f);
    }
    int[] assign = new int[m];
    Arrays.fill(assign, -1);
    for (int iter = 0; iter < 10; iter++) {
      boolean changed = false;
      for (int i = 0; i < m; i++) {
        SparseRow x = vec[labels[i]];
        int best = 0;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double s = x.dot(cent[c]);
          if (s > bestSim) {
            bestSim = s;
            best = c;
          }
        }
        if (assign[i] != best) {
          assign[i] = best;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
      for (float[] c : cent) {
        clear(c, labels, vec);
      }
      for (int i = 0; i < m; i++) {
        add(cent[assign[i]], vec[labels[i]], 1f);
      }
      for (float[] c : cent) {
        normalize(c, labels, vec);
      }
    }
    List<int[]> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      int n = 0;
      for (int a : assign) {
        n += a == c ? 1 : 0;
      }
      if (n == 0) {
        continue;
      }
      int[] part = new int[n];
      int p = 0;
      for (int i = 0; i < m; i++) {
        if (assign[i] == c) {
          part[p++] = labels[i];
        }
      }
      out.add(part);
    }
    return out.toArray(new int[0][]);
  }

  private static void add(float[] c, SparseRow x, float w) {
    for (int q = 0; q < x.idx.length; q++) {
      c[x.idx[q]] += w * x.val[q];
    }
  }

  private static void clear(float[] c, int[] labels, SparseRow[] vec) {
    for (int l : labels) {
      for (int q : vec[l].idx) {
        c[q] = 0f;
      }
    }
  }

  private static void normalize(float[] c, int[] labels, SparseRow[] vec) {
    // each feature once: a feature's value is final after the sums; mark visited by sign trick
    double norm = 0;
    java.util.BitSet seen = new java.util.BitSet();
    for (int l : labels) {
      for (int q : vec[l].idx) {
        if (!seen.get(q)) {
          seen.set(q);
          norm += (double) c[q] * c[q];
        }
      }
    }
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int q = seen.nextSetBit(0); q >= 0; q = seen.nextSetBit(q + 1)) {
        c[q] *= inv;
      }
    }
  }

  /** The tree in arrays, breadth first: node 0 is the root; a node's children are contiguous. */
  private record Flat(int[] childStart, int[] childCount, int[] labelOf) {}

  private static Flat flatten(Builder root) {
    List<int[]> out = new ArrayList<>(); // {childStart, childCount, labelOf}
    Deque<Object> queue = new ArrayDeque<>();
    queue.add(root);
    int next = 1;
    while (!queue.isEmpty()) {
      Object o = queue.poll();
      if (o instanceof Integer label) {
        out.add(new int[] {0, 0, label});
        continue;
      }
      Builder b = (Builder) o;
      int kids = b.children.isEmpty() ? b.labels.length : b.children.size();
      out.add(new int[] {next, kids, -1});
      next += kids;
      if (b.children.isEmpty()) {
        for (int l : b.labels) {
          queue.add(l);
        }
      } else {
        queue.addAll(b.children);
      }
    }
    int v = out.size();
    int[] cs = new int[v];
    int[] cc = new int[v];
    int[] lo = new int[v];
    for (int i = 0; i < v; i++) {
      cs[i] = out.get(i)[0];
      cc[i] = out.get(i)[1];
      lo[i] = out.get(i)[2];
    }
    return new Flat(cs, cc, lo);
  }
}
