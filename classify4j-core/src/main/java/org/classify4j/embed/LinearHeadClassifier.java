package org.classify4j.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.linear.ClassWeighting;
import org.classify4j.linear.DenseFeatures;
import org.classify4j.linear.LogisticFit;
import org.classify4j.linear.LogisticModel;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.linear.LogisticHeads;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained linear head on frozen embeddings (SetFit's head, MTEB's classification protocol):
 * multinomial logistic regression for single-label data, one-vs-rest for multi-label, L2 with
 * strength {@code 1/C}, optional balanced class weights. Training documents without a label are
 * left out of single-label fits (they are negatives for every label in one-vs-rest). Labels with
 * no training example score 0.
 *
 * <p>Two options for little data: {@code cGrid} picks C by stratified k-fold cross-validation on
 * the training set only (accuracy, ties to the smaller C; single-label data), and {@code
 * labelTexts} adds each label's templated texts ({@link ZeroShotClassifier#DEFAULT_TEMPLATES}) as
 * one more training example of that label.
 *
 * @param embedder the embedder (the caller's)
 * @param regression the logistic regression; its C is used when {@code cGrid} is empty
 * @param cGrid candidate values of C chosen by cross-validation; empty: none
 * @param cvFolds folds of that cross-validation (≥ 2)
 * @param labelTexts add the label texts as training examples
 */
public record LinearHeadClassifier(
    TextEmbedder embedder,
    LogisticRegression regression,
    List<Double> cGrid,
    int cvFolds,
    boolean labelTexts)
    implements Classifier {

  public static final String TYPE = "linear";
  private static final Logger LOG = LoggerFactory.getLogger(LinearHeadClassifier.class);

  /** The grid {@code C=auto} searches. */
  public static final List<Double> AUTO_C = List.of(0.1, 1.0, 10.0, 100.0, 1000.0);

  public LinearHeadClassifier {
    cGrid = List.copyOf(cGrid);
    for (double c : cGrid) {
      if (!(c > 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("every C must be > 0, got " + c);
      }
    }
    if (cvFolds < 2) {
      throw new IllegalArgumentException("cvFolds must be ≥ 2");
    }
  }

  public LinearHeadClassifier(TextEmbedder embedder, LogisticRegression regression) {
    this(embedder, regression, List.of(), 5, false);
  }

  public static LinearHeadClassifier of(TextEmbedder embedder) {
    return new LinearHeadClassifier(embedder, LogisticRegression.defaults());
  }

  /** C chosen from these candidates by cross-validation on the training set. */
  public LinearHeadClassifier withCGrid(List<Double> grid) {
    return new LinearHeadClassifier(embedder, regression, grid, cvFolds, labelTexts);
  }

  public LinearHeadClassifier withLabelTexts(boolean on) {
    return new LinearHeadClassifier(embedder, regression, cGrid, cvFolds, on);
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("embedder", embedder.id());
    p.put("C", cGrid.isEmpty() ? regression.c() : "cv " + cGrid);
    p.put("label_texts", labelTexts);
    p.put("class_weight", regression.classWeighting().name().toLowerCase(Locale.ROOT));
    p.put("max_iter", regression.maxIterations());
    p.put("tol", regression.tolerance());
    return p;
  }

  @Override
  public Model fit(Dataset train) {
    return fitEmbedded(train, train.size() == 0 ? new float[0][] : embedder.embed(train.texts()));
  }

  /** Fits on embeddings computed elsewhere (row i embeds {@code train.get(i)}), e.g. a cache. */
  public Model fitEmbedded(Dataset train, float[][] x) {
    if (x.length != train.size()) {
      throw new IllegalArgumentException(x.length + " embeddings for " + train.size() + " examples");
    }
    int k = train.labels().size();
    int d = embedder.dimension();
    int[][] gold = train.goldIndices();
    if (labelTexts && k > 0) {
      float[][] lv = LabelTexts.embed(embedder, train.labels(), ZeroShotClassifier.DEFAULT_TEMPLATES);
      float[][] xx = java.util.Arrays.copyOf(x, x.length + k);
      int[][] gg = java.util.Arrays.copyOf(gold, gold.length + k);
      for (int j = 0; j < k; j++) {
        xx[x.length + j] = lv[j];
        gg[x.length + j] = new int[] {j};
      }
      x = xx;
      gold = gg;
    }
    LogisticModel m;
    LogisticFit fit;
    if (train.multiLabel()) {
      LogisticRegression lr = cGrid.isEmpty() ? regression : regression.withC(chooseCMultiLabel(x, gold, k));
      LogisticFit f =
          lr.fitOneVsRest(DenseFeatures.of(x, d), gold, k);
      fit = f;
      m = f.model();
    } else {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < gold.length; i++) {
        if (gold[i].length == 1) {
          rows.add(i);
        }
      }
      float[][] xs = new float[rows.size()][];
      int[] y = new int[rows.size()];
      for (int r = 0; r < y.length; r++) {
        xs[r] = x[rows.get(r)];
        y[r] = gold[rows.get(r)][0];
      }
      LogisticRegression lr = cGrid.isEmpty() ? regression : regression.withC(chooseC(xs, y, k));
      LogisticFit f = lr.fitMultinomial(DenseFeatures.of(xs, d), y, k);
      fit = f;
      m = f.model();
    }
    if (!fit.converged()) {
      LOG.warn(
          "logistic regression stopped before converging ({} iterations); raise max_iter or lower C",
          fit.totalIterations());
    }
    return new Model(train.labels(), train.multiLabel(), embedder, m);
  }

  /**
   * The C of {@code cGrid} with the best mean accuracy over stratified folds of (xs, y); the
   * first (smallest) on ties. With too few examples per label for the folds, the regression's C.
   */
  double chooseC(float[][] xs, int[] y, int k) {
    int[] counts = new int[k];
    for (int c : y) {
      counts[c]++;
    }
    int folds = cvFolds;
    int minCount = Integer.MAX_VALUE;
    for (int c : counts) {
      if (c > 0) {
        minCount = Math.min(minCount, c);
      }
    }
    folds = Math.min(folds, minCount);
    if (folds < 2 || cGrid.size() == 1) {
      return cGrid.size() == 1 ? cGrid.get(0) : regression.c();
    }
    // stratified: each label's rows shuffled (seeded) and dealt round-robin
    int[] fold = new int[y.length];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(17);
    int[] next = new int[k];
    int[] perm = new int[y.length];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    for (int i = perm.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    for (int i : perm) {
      fold[i] = next[y[i]]++ % folds;
    }
    int d = embedder.dimension();
    return bestC(folds, y.length, "accuracy", (c, f) -> {
      List<float[]> trX = new ArrayList<>();
      List<Integer> trY = new ArrayList<>();
      List<float[]> teX = new ArrayList<>();
      List<Integer> teY = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        (fold[i] == f ? teX : trX).add(xs[i]);
        (fold[i] == f ? teY : trY).add(y[i]);
      }
      LogisticModel mm =
          regression
              .withC(c)
              .fitMultinomial(
                  DenseFeatures.of(trX.toArray(new float[0][]), d),
                  trY.stream().mapToInt(Integer::intValue).toArray(),
                  k)
              .model();
      float[] p = mm.probabilities(DenseFeatures.of(teX.toArray(new float[0][]), d));
      int correct = 0;
      for (int r = 0; r < teY.size(); r++) {
        int arg = 0;
        for (int j = 1; j < k; j++) {
          if (p[r * k + j] > p[r * k + arg]) {
            arg = j;
          }
        }
        correct += arg == teY.get(r) ? 1 : 0;
      }
      return correct;
    });
  }

  /**
   * Multi-label: the C of {@code cGrid} with the best label-ranking average precision (for each
   * held-out document with gold labels, the mean over its gold labels of the precision of the
   * ranking at that label; threshold-free, as the decision rule is tuned separately) over seeded
   * random folds of the one-vs-rest fits.
   */
  double chooseCMultiLabel(float[][] x, int[][] gold, int k) {
    int folds = Math.min(cvFolds, x.length);
    if (folds < 2 || cGrid.size() == 1) {
      return cGrid.size() == 1 ? cGrid.get(0) : regression.c();
    }
    int[] fold = new int[x.length];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(17);
    int scored = 0;
    for (int i = 0; i < x.length; i++) {
      fold[i] = rnd.nextInt(folds);
      scored += gold[i].length > 0 ? 1 : 0;
    }
    int d = embedder.dimension();
    return bestC(folds, Math.max(1, scored), "label-ranking average precision", (c, f) -> {
      List<float[]> trX = new ArrayList<>();
      List<int[]> trY = new ArrayList<>();
      List<float[]> teX = new ArrayList<>();
      List<int[]> teY = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        (fold[i] == f ? teX : trX).add(x[i]);
        (fold[i] == f ? teY : trY).add(gold[i]);
      }
      LogisticModel mm = regression.withC(c)
          .fitOneVsRest(DenseFeatures.of(trX.toArray(new float[0][]), d), trY.toArray(new int[0][]), k)
          .model();
      float[] p = mm.probabilities(DenseFeatures.of(teX.toArray(new float[0][]), d));
      double sum = 0;
      for (int r = 0; r < teY.size(); r++) {
        sum += rankingAveragePrecision(p, r * k, k, teY.get(r));
      }
      return sum;
    });
  }

  /** Label-ranking average precision of one row of scores (0 when the row has no gold label). */
  static double rankingAveragePrecision(float[] p, int offset, int k, int[] gold) {
    if (gold.length == 0) {
      return 0;
    }
    // one sort per row: the labels scoring at least s are those from lower bound of s upward
    float[] sorted = java.util.Arrays.copyOfRange(p, offset, offset + k);
    java.util.Arrays.sort(sorted);
    double sum = 0;
    for (int g : gold) {
      float s = p[offset + g];
      int lo = 0;
      int hi = k;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sorted[mid] < s) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      int above = k - lo;
      int goldAbove = 0;
      for (int h : gold) {
        goldAbove += p[offset + h] >= s ? 1 : 0;
      }
      sum += (double) goldAbove / above;
    }
    return sum / gold.length;
  }

  /** The C whose summed fold scores, divided by {@code rows}, is highest; the smallest on ties. */
  private double bestC(int folds, int rows, String metric,
      java.util.function.ToDoubleBiFunction<Double, Integer> foldScore) {
    double best = Double.NEGATIVE_INFINITY;
    double bestC = cGrid.get(0);
    for (double c : cGrid) {
      double sum = 0;
      for (int f = 0; f < folds; f++) {
        sum += foldScore.applyAsDouble(c, f);
      }
      double score = sum / rows;
      LOG.debug("C={}: {}-fold CV {} {}", c, folds, metric, score);
      if (score > best + 1e-12) {
        best = score;
        bestC = c;
      }
    }
    LOG.info("C={} chosen by {}-fold cross-validation ({} {})", bestC, folds, metric, best);
    return bestC;
  }

  /** The fitted head. */
  public static final class Model implements SavableModel {
    private final LabelSpace classes;
    private final boolean multiLabel;
    private final TextEmbedder embedder;
    private final LogisticModel head;

    Model(LabelSpace classes, boolean multiLabel, TextEmbedder embedder, LogisticModel head) {
      if (head.outputs() != classes.size() || head.dim() != embedder.dimension()) {
        throw new IllegalArgumentException(
            "head has " + head.outputs() + " outputs × " + head.dim() + " features; expected "
                + classes.size() + " × " + embedder.dimension());
      }
      this.classes = classes;
      this.multiLabel = multiLabel;
      this.embedder = embedder;
      this.head = head;
    }

    @Override
    public LabelSpace classes() {
      return classes;
    }

    @Override
    public boolean multiLabel() {
      return multiLabel;
    }

    public LogisticModel head() {
      return head;
    }

    @Override
    public ScoreMatrix predictProba(List<Document> documents) {
      if (documents.isEmpty()) {
        return ScoreMatrix.of(classes, new float[0][]);
      }
      float[][] x = embedder.embed(documents.stream().map(Document::text).toList());
      return scoreEmbedded(x);
    }

    /** Scores embeddings computed elsewhere. */
    public ScoreMatrix scoreEmbedded(float[][] x) {
      float[] p = head.probabilities(DenseFeatures.of(x, embedder.dimension()));
      return ScoreMatrix.ofFlat(classes, x.length, p);
    }

    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public void writeTo(ModelWriter out) {
      out.param("embedder", embedder.id())
          .param("head", multiLabel ? "one-vs-rest" : "multinomial");
      LogisticHeads.write(out, head);
    }
  }

  /** Loads saved heads. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public Model load(ModelReader in, Resources context) {
      TextEmbedder e = context.get(TextEmbedder.class, in.param("embedder").asText());
      return new Model(in.classes(), in.multiLabel(), e,
          LogisticHeads.read(in, in.multiLabel(), e.dimension()));
    }
  }

  public static ClassWeighting weighting(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "none":
        return ClassWeighting.NONE;
      case "balanced":
        return ClassWeighting.BALANCED;
      default:
        throw new org.classify4j.Classify4jException(
            "parameter 'class_weight': expected none or balanced, got '" + s + "'");
    }
  }
}
