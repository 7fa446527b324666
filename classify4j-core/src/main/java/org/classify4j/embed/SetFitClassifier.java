package org.classify4j.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.linear.LogisticModel;
import org.classify4j.linear.LogisticHeads;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.Resources;
import org.classify4j.persist.SavableModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SetFit's two steps on a frozen embedder: first a contrastive adapter, then a head. SetFit
 * fine-tunes the transformer body on pairs of training examples (same label: cosine pulled to 1,
 * different labels: pushed to 0, mean squared error) and then fits logistic regression on the
 * tuned embeddings. classify4j's embedders are frozen ONNX graphs, so the pairs train a square
 * projection {@code W = I + A} of the frozen vectors instead (A starts at 0: before training the
 * projected vectors are the frozen ones); the head is {@link LinearHeadClassifier} on the unit
 * projected vectors. The objective differs from the head's: pairs of examples, not labels, so 8
 * examples per label give 28 positive pairs per label.
 *
 * <p>Pairs are drawn as SetFit does: {@code iterations} rounds, each pairing every example with one
 * random example of its label and one of another label (multi-label: sharing a label / sharing
 * none; unlabelled examples take no part), at most {@code maxPairs} in all. Training is Adam on
 * mini-batches of {@code batchSize} pairs for {@code epochs} passes, with L2 decay of A ({@code
 * weightDecay}, towards the identity map). With {@code labelTexts} each label's templated texts
 * join the pairs and the head as one more example of that label.
 *
 * @param embedder the frozen embedder (the caller's)
 * @param regression the head's logistic regression; its C is used when {@code cGrid} is empty
 * @param cGrid the head's candidate C values, chosen by cross-validation on the training set
 * @param labelTexts add label texts as examples
 * @param iterations rounds of pair drawing (SetFit's {@code num_iterations})
 * @param epochs passes over the pairs
 * @param learningRate Adam's step size
 * @param weightDecay L2 strength on A
 * @param batchSize pairs per step
 * @param maxPairs cap on pairs (for large training sets)
 * @param diagonal train only A's diagonal (a per-dimension reweighting: d parameters, not d²)
 * @param seed seeds pair drawing and order
 */
public record SetFitClassifier(
    TextEmbedder embedder,
    LogisticRegression regression,
    List<Double> cGrid,
    boolean labelTexts,
    int iterations,
    int epochs,
    double learningRate,
    double weightDecay,
    int batchSize,
    int maxPairs,
    boolean diagonal,
    long seed)
    implements Classifier {

  public static final String TYPE = "setfit";
  private static final Logger LOG = LoggerFactory.getLogger(SetFitClassifier.class);

  public static final int DEFAULT_ITERATIONS = 20;
  public static final double DEFAULT_LEARNING_RATE = 1e-4;
  public static final int DEFAULT_BATCH = 16;
  public static final int DEFAULT_MAX_PAIRS = 40_000;

  public SetFitClassifier {
    cGrid = List.copyOf(cGrid);
    if (iterations < 1 || epochs < 1 || batchSize < 1 || maxPairs < 1) {
      throw new IllegalArgumentException("iterations, epochs, batch and max_pairs must be ≥ 1");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be ≥ 0, got " + weightDecay);
    }
  }

  /** Defaults: SetFit's 20 rounds of pairs, one epoch, Adam 1e-4, batches of 16, head C = 1. */
  public static SetFitClassifier of(TextEmbedder embedder, long seed) {
    return new SetFitClassifier(embedder, LogisticRegression.defaults(), List.of(), false,
        DEFAULT_ITERATIONS, 1, DEFAULT_LEARNING_RATE, 0.0, DEFAULT_BATCH, DEFAULT_MAX_PAIRS, false, seed);
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
    p.put("class_weight", regression.classWeighting().name().toLowerCase(Locale.ROOT));
    p.put("label_texts", labelTexts);
    p.put("iterations", iterations);
    p.put("epochs", epochs);
    p.put("lr", learningRate);
    p.put("weight_decay", weightDecay);
    p.put("batch", batchSize);
    p.put("max_pairs", maxPairs);
    p.put("diagonal", diagonal);
    p.put("seed", seed);
    return p;
  }

  @Override
  public Model fit(Dataset train) {
    int d = embedder.dimension();
    float[][] x = train.size() == 0 ? new float[0][] : embedder.embed(train.texts());
    int[][] gold = train.goldIndices();
    int k = train.labels().size();
    // examples that take part in pairs: labelled documents, then (optionally) the label texts
    List<float[]> px = new ArrayList<>();
    List<int[]> py = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (gold[i].length > 0) {
        px.add(Vectors.normalized(x[i]));
        py.add(gold[i]);
      }
    }
    if (labelTexts && k > 0) {
      float[][] lv = LabelTexts.embed(embedder, train.labels(), ZeroShotClassifier.DEFAULT_TEMPLATES);
      for (int j = 0; j < k; j++) {
        px.add(lv[j]);
        py.add(new int[] {j});
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[][] pairs = pairs(py, k, rnd);
    float[] a = new float[d * d];
    if (pairs.length > 0) {
      train(a, d, px, pairs, rnd);
    }
    Projected projected = new Projected(embedder, a);
    float[][] z = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      z[i] = projected.project(x[i]);
    }
    LinearHeadClassifier.Model head =
        new LinearHeadClassifier(projected, regression, cGrid, 3, labelTexts).fitEmbedded(train, z);
    return new Model(train.labels(), train.multiLabel(), embedder, a, head.head());
  }

  /**
   * SetFit's pair drawing: per round, each example with a random partner sharing a label (target
   * 1) and one sharing none (target 0). Rows: {i, j, target}.
   */
  int[][] pairs(List<int[]> labels, int k, SplittableRandom rnd) {
    int n = labels.size();
    List<List<Integer>> byLabel = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      byLabel.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int j : labels.get(i)) {
        byLabel.get(j).add(i);
      }
    }
    List<int[]> out = new ArrayList<>();
    for (int r = 0; r < iterations; r++) {
      for (int i = 0; i < n; i++) {
        int[] li = labels.get(i);
        List<Integer> same = byLabel.get(li[rnd.nextInt(li.length)]);
        if (same.size() > 1) {
          int j;
          do {
            j = same.get(rnd.nextInt(same.size()));
          } while (j == i);
          out.add(new int[] {i, j, 1});
        }
        for (int attempt = 0; attempt < 32; attempt++) {
          int j = rnd.nextInt(n);
          if (disjoint(li, labels.get(j))) {
            out.add(new int[] {i, j, 0});
            break;
          }
        }
      }
    }
    int[][] all = out.toArray(new int[0][]);
    shuffle(all, rnd);
    return all.length > maxPairs ? Arrays.copyOf(all, maxPairs) : all;
  }

  private static boolean disjoint(int[] a, int[] b) {
    for (int x : a) {
      for (int y : b) {
        if (x == y) {
          return false;
        }
      }
    }
    return true;
  }

  private static void shuffle(int[][] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int[] t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Adam on the cosine MSE of the pairs; {@code a} (d×d, row-major) is trained in place. */
  private void train(float[] a, int d, List<float[]> xs, int[][] pairs, SplittableRandom rnd) {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    float[] m = new float[d * d];
    float[] v = new float[d * d];
    float[] g = new float[d * d];
    float[] u = new float[d];
    float[] w = new float[d];
    float[] du = new float[d];
    float[] dw = new float[d];
    int step = 0;
    for (int e = 0; e < epochs; e++) {
      if (e > 0) {
        shuffle(pairs, rnd);
      }
      double lossSum = 0;
      for (int start = 0; start < pairs.length; start += batchSize) {
        int end = Math.min(pairs.length, start + batchSize);
        Arrays.fill(g, 0f);
        for (int p = start; p < end; p++) {
          float[] xa = xs.get(pairs[p][0]);
          float[] xb = xs.get(pairs[p][1]);
          apply(a, d, xa, u);
          apply(a, d, xb, w);
          double nu = Math.sqrt(dot(u, u));
          double nw = Math.sqrt(dot(w, w));
          if (nu == 0 || nw == 0) {
            continue;
          }
          double cos = dot(u, w) / (nu * nw);
          double err = cos - pairs[p][2];
          lossSum += err * err;
          // d cos / du = w / (|u||w|) − cos · u / |u|²
          double s = 2 * err / (end - start);
          for (int i = 0; i < d; i++) {
            du[i] = (float) (s * (w[i] / (nu * nw) - cos * u[i] / (nu * nu)));
            dw[i] = (float) (s * (u[i] / (nu * nw) - cos * w[i] / (nw * nw)));
          }
          // u = (I + A) xa, so dL/dA += du ⊗ xa + dw ⊗ xb
          if (diagonal) {
            for (int i = 0; i < d; i++) {
              g[i * d + i] += du[i] * xa[i] + dw[i] * xb[i];
            }
            continue;
          }
          for (int i = 0; i < d; i++) {
            float dui = du[i];
            float dwi = dw[i];
            int row = i * d;
            for (int j = 0; j < d; j++) {
              g[row + j] += dui * xa[j] + dwi * xb[j];
            }
          }
        }
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float lr = (float) (learningRate * Math.sqrt(bc2) / bc1);
        for (int q = 0; q < g.length; q++) {
          float gq = g[q] + (float) weightDecay * a[q];
          m[q] = (float) (beta1 * m[q] + (1 - beta1) * gq);
          v[q] = (float) (beta2 * v[q] + (1 - beta2) * gq * gq);
          a[q] -= lr * m[q] / ((float) Math.sqrt(v[q]) + (float) eps);
        }
      }
      LOG.info("setfit adapter epoch {}: {} pairs, mean squared cosine error {}", e + 1,
          pairs.length, String.format(Locale.ROOT, "%.4f", lossSum / pairs.length));
    }
  }

  /** out = (I + A) x. */
  static void apply(float[] a, int d, float[] x, float[] out) {
    for (int i = 0; i < d; i++) {
      float s = x[i];
      int row = i * d;
      for (int j = 0; j < d; j++) {
        s += a[row + j] * x[j];
      }
      out[i] = s;
    }
  }

  private static double dot(float[] p, float[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += (double) p[i] * q[i];
    }
    return s;
  }

  /** The frozen embedder followed by the learned projection (unit vectors). */
  static final class Projected implements TextEmbedder {
    private final TextEmbedder inner;
    private final float[] a;

    Projected(TextEmbedder inner, float[] a) {
      int d = inner.dimension();
      if (a.length != d * d) {
        throw new IllegalArgumentException(
            "projection has " + a.length + " entries; expected " + d + "×" + d);
      }
      this.inner = inner;
      this.a = a;
    }

    float[] project(float[] x) {
      float[] out = new float[x.length];
      apply(a, x.length, Vectors.normalized(x), out);
      return Vectors.normalized(out);
    }

    private float[][] projectAll(float[][] x) {
      float[][] out = new float[x.length][];
      java.util.stream.IntStream.range(0, x.length).parallel().forEach(i -> out[i] = project(x[i]));
      return out;
    }

    @Override
    public String id() {
      return inner.id() + "#setfit";
    }

    @Override
    public int dimension() {
      return inner.dimension();
    }

    @Override
    public float[][] embed(List<String> texts) {
      return projectAll(inner.embed(texts));
    }

    @Override
    public float[][] embedLabels(List<String> texts) {
      return projectAll(inner.embedLabels(texts));
    }
  }

  /** The fitted adapter and head. */
  public static final class Model implements SavableModel {
    private final LabelSpace classes;
    private final boolean multiLabel;
    private final TextEmbedder embedder;
    private final float[] projection;
    private final LinearHeadClassifier.Model head;

    Model(LabelSpace classes, boolean multiLabel, TextEmbedder embedder, float[] projection,
        LogisticModel head) {
      this.classes = classes;
      this.multiLabel = multiLabel;
      this.embedder = embedder;
      this.projection = projection.clone();
      this.head = new LinearHeadClassifier.Model(classes, multiLabel,
          new Projected(embedder, this.projection), head);
    }

    @Override
    public LabelSpace classes() {
      return classes;
    }

    @Override
    public boolean multiLabel() {
      return multiLabel;
    }

    /** {@code A} of the projection {@code I + A}, d×d row-major (a copy). */
    public float[] projection() {
      return projection.clone();
    }

    @Override
    public ScoreMatrix predictProba(List<Document> documents) {
      return head.predictProba(documents);
    }

    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public void writeTo(ModelWriter out) {
      int d = embedder.dimension();
      out.param("embedder", embedder.id())
          .param("head", multiLabel ? "one-vs-rest" : "multinomial")
          .floats("projection", projection, d, d);
      LogisticHeads.write(out, head.head());
    }
  }

  /** Loads saved adapters. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public Model load(ModelReader in, Resources context) {
      TextEmbedder e = context.get(TextEmbedder.class, in.param("embedder").asText());
      return new Model(in.classes(), in.multiLabel(), e, in.floats("projection"),
          LogisticHeads.read(in, in.multiLabel(), e.dimension()));
    }
  }
}
