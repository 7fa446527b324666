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
import org.classify4j.linear.MultinomialLogisticModel;
import org.classify4j.linear.OneVsRestLogisticModel;
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
 */
public record LinearHeadClassifier(TextEmbedder embedder, LogisticRegression regression)
    implements Classifier {

  public static final String TYPE = "linear";
  private static final Logger LOG = LoggerFactory.getLogger(LinearHeadClassifier.class);

  public static LinearHeadClassifier of(TextEmbedder embedder) {
    return new LinearHeadClassifier(embedder, LogisticRegression.defaults());
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("embedder", embedder.id());
    p.put("C", regression.c());
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
    LogisticModel m;
    LogisticFit<?> fit;
    if (train.multiLabel()) {
      LogisticFit<OneVsRestLogisticModel> f =
          regression.fitOneVsRest(DenseFeatures.of(x, d), gold, k);
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
      LogisticFit<MultinomialLogisticModel> f =
          regression.fitMultinomial(DenseFeatures.of(xs, d), y, k);
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
          .param("head", multiLabel ? "one-vs-rest" : "multinomial")
          .floats("weights", head.weights(), head.outputs(), head.dim())
          .floats("intercepts", head.intercepts(), head.outputs());
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
      int[] shape = in.shape("weights");
      float[] w = in.floats("weights");
      float[] b = in.floats("intercepts");
      LogisticModel head =
          in.multiLabel()
              ? OneVsRestLogisticModel.of(shape[0], shape[1], w, b)
              : MultinomialLogisticModel.of(shape[0], shape[1], w, b);
      return new Model(in.classes(), in.multiLabel(), e, head);
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
