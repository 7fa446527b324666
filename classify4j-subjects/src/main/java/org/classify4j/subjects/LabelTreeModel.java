package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;

/**
 * A fitted {@link LabelTreeClassifier}: one or more trees over the same TF-IDF features; a label's
 * score is the mean of its scores in the trees (0 in a tree whose beam did not reach it), as
 * Omikuji averages its trees. Immutable and thread-safe.
 */
public final class LabelTreeModel extends SubjectModel {

  /**
   * The tree in arrays: node 0 is the root, node v's children are childStart[v] ..
   * childStart[v]+childCount[v]-1, labelOf[v] is the label column of a label node (−1 otherwise);
   * node v's classifier has weights wIdx/wVal[wStart[v] .. wStart[v+1]) and bias[v].
   */
  record Tree(int[] childStart, int[] childCount, int[] labelOf, int[] wStart, int[] wIdx,
      float[] wVal, float[] bias) {
    int nodes() {
      return labelOf.length;
    }
  }

  private final Analysis analysis;
  private final Tfidf tfidf;
  private final Tree[] trees;
  private final int beam;
  private final ThreadLocal<float[]> scratch;

  LabelTreeModel(LabelSpace classes, boolean multiLabel, Map<String, Object> params,
      Analysis analysis, Tfidf tfidf, Tree[] trees, int beam) {
    super(classes, multiLabel, params);
    this.analysis = analysis;
    this.tfidf = tfidf;
    this.trees = trees.clone();
    this.beam = beam;
    this.scratch = ThreadLocal.withInitial(() -> new float[tfidf.dimension()]);
  }

  @Override
  public SparseScores scoreSparse(Document document) {
    SparseRow x = tfidf.transform(analysis.tokens(document.text()));
    float[] dense = scratch.get();
    for (int q = 0; q < x.idx.length; q++) {
      dense[x.idx[q]] = x.val[q];
    }
    try {
      Map<Integer, Float> labels = new HashMap<>();
      for (Tree tree : trees) {
        search(tree, dense, labels);
      }
      if (trees.length > 1) {
        float inv = 1f / trees.length;
        labels.replaceAll((c, v) -> v * inv);
      }
      return SparseScores.of(labels);
    } finally {
      for (int q = 0; q < x.idx.length; q++) {
        dense[x.idx[q]] = 0f;
      }
    }
  }

  /** Beam search in one tree; adds each reached label's path score to {@code labels}. */
  private void search(Tree tree, float[] dense, Map<Integer, Float> labels) {
    Map<Integer, Float> found = new HashMap<>();
    List<double[]> frontier = new ArrayList<>(); // {node, score}
    frontier.add(new double[] {0, 1.0});
    while (!frontier.isEmpty()) {
      List<double[]> next = new ArrayList<>();
      for (double[] e : frontier) {
        int v = (int) e[0];
        int end = tree.childStart()[v] + tree.childCount()[v];
        for (int ch = tree.childStart()[v]; ch < end; ch++) {
          double s = e[1] * LinearSvm.score(margin(tree, ch, dense));
          int label = tree.labelOf()[ch];
          if (label >= 0) {
            found.merge(label, (float) s, Math::max);
          } else {
            next.add(new double[] {ch, s});
          }
        }
      }
      next.sort(Comparator.comparingDouble((double[] e) -> -e[1]).thenComparingDouble(e -> e[0]));
      frontier = next.size() > beam ? new ArrayList<>(next.subList(0, beam)) : next;
    }
    found.forEach((label, s) -> labels.merge(label, s, Float::sum));
  }

  private static double margin(Tree tree, int v, float[] dense) {
    double s = tree.bias()[v];
    int[] idx = tree.wIdx();
    float[] val = tree.wVal();
    for (int q = tree.wStart()[v]; q < tree.wStart()[v + 1]; q++) {
      s += val[q] * dense[idx[q]];
    }
    return s;
  }

  /** Nodes of all trees together. */
  int nodes() {
    int n = 0;
    for (Tree t : trees) {
      n += t.nodes();
    }
    return n;
  }

  int trees() {
    return trees.length;
  }

  @Override
  public String modelType() {
    return LabelTreeClassifier.TYPE;
  }

  @Override
  protected void writeArrays(ModelWriter out, String prefix) {
    out.param(prefix + "beam", beam);
    out.strings(prefix + "vocabulary", tfidf.terms());
    out.floats(prefix + "idf", nonEmpty(tfidf.idf()), Math.max(1, tfidf.dimension()));
    for (int t = 0; t < trees.length; t++) {
      // the first tree under the names a one-tree model has always used, the others suffixed
      String p = prefix;
      String sfx = t == 0 ? "" : "_" + t;
      Tree tree = trees[t];
      int v = tree.nodes();
      out.ints(p + "child_start" + sfx, tree.childStart(), v);
      out.ints(p + "child_count" + sfx, tree.childCount(), v);
      out.ints(p + "label_of" + sfx, tree.labelOf(), v);
      out.ints(p + "w_start" + sfx, tree.wStart(), v + 1);
      out.ints(p + "w_idx" + sfx, nonEmpty(tree.wIdx()), Math.max(1, tree.wIdx().length));
      out.floats(p + "w_val" + sfx, nonEmpty(tree.wVal()), Math.max(1, tree.wVal().length));
      out.floats(p + "bias" + sfx, tree.bias(), v);
    }
  }

  static LabelTreeModel readParts(ModelReader in, String prefix, LabelSpace classes,
      boolean multiLabel) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (String p : List.of("analyzer", "ngram_max", "min_df", "max_leaf", "arity", "trees", "C",
        "max_iter", "prune", "threads", "seed")) {
      if (p.equals("trees") && !in.params().has(prefix + p)) {
        params.put(p, 1); // saved before there could be several trees
        continue;
      }
      params.put(p, in.param(prefix + p).isNumber() ? in.param(prefix + p).numberValue()
          : in.param(prefix + p).asText());
    }
    int beam = in.param(prefix + "beam").asInt();
    params.put("beam", beam);
    int titleWeight = in.params().path(prefix + "title_weight").asInt(1); // 1 before it existed
    params.put("title_weight", titleWeight);
    List<String> vocab = in.strings(prefix + "vocabulary");
    float[] idf = java.util.Arrays.copyOf(in.floats(prefix + "idf"), vocab.size());
    Tfidf tfidf = Tfidf.restore(vocab, idf, in.param(prefix + "ngram_max").asInt());
    Tree[] trees = new Tree[((Number) params.get("trees")).intValue()];
    for (int t = 0; t < trees.length; t++) {
      String sfx = t == 0 ? "" : "_" + t;
      int[] wStart = in.ints(prefix + "w_start" + sfx);
      int total = wStart[wStart.length - 1];
      int[] wIdx = java.util.Arrays.copyOf(in.ints(prefix + "w_idx" + sfx), total);
      float[] wVal = java.util.Arrays.copyOf(in.floats(prefix + "w_val" + sfx), total);
      trees[t] = new Tree(in.ints(prefix + "child_start" + sfx),
          in.ints(prefix + "child_count" + sfx), in.ints(prefix + "label_of" + sfx), wStart,
          wIdx, wVal, in.floats(prefix + "bias" + sfx));
    }
    return new LabelTreeModel(classes, multiLabel, params,
        Analysis.of(in.param(prefix + "analyzer").asText(), titleWeight), tfidf, trees, beam);
  }

  /** Reads {@code label-tree} model directories. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return LabelTreeClassifier.TYPE;
    }

    @Override
    public ClassifierModel load(ModelReader in, Resources context) {
      return readParts(in, "", in.classes(), in.multiLabel());
    }
  }
}
