package org.classify4j.onnx.nli;

import org.classify4j.nli.Hypotheses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.linear.DenseFeatures;
import org.classify4j.linear.LogisticFit;
import org.classify4j.linear.LogisticHeads;
import org.classify4j.linear.LogisticModel;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.Resources;
import org.classify4j.persist.SavableModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A head trained on a frozen NLI cross-encoder: each text's features are its entailment logits
 * against every label's hypotheses (one per label, the mean over the templates), and the project's
 * logistic regression ({@link LogisticRegression}: multinomial for single-label data, one-vs-rest
 * for multi-label) learns from the labelled examples how those logits map to the labels — a
 * label whose hypothesis the model over- or under-rates, or two labels it confuses, get their
 * weights. Costs one pair per label and text, as zero-shot, for training and prediction.
 */
public record NliHeadClassifier(NliCrossEncoder encoder, Hypotheses hypotheses, LogisticRegression regression)
    implements Classifier {
  public static final String TYPE = "nli-head";
  private static final Logger LOG = LoggerFactory.getLogger(NliHeadClassifier.class);

  public NliHeadClassifier {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(hypotheses, "hypotheses");
    Objects.requireNonNull(regression, "regression");
  }

  public static NliHeadClassifier of(NliCrossEncoder encoder) {
    return new NliHeadClassifier(encoder, Hypotheses.DEFAULT, LogisticRegression.defaults());
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = NliScoring.params(encoder, hypotheses);
    p.put("C", regression.c());
    p.put("max_iter", regression.maxIterations());
    return p;
  }

  /** The features of these texts for these labels: entailment logits, n × labels. */
  public float[][] features(List<String> texts, LabelSpace labels) {
    if (texts.isEmpty()) {
      return new float[0][];
    }
    return NliScoring.entailmentLogits(encoder, texts, hypotheses.of(labels));
  }

  @Override
  public Model fit(Dataset train) {
    LabelSpace labels = train.labels();
    int k = labels.size();
    if (k == 0) {
      throw new IllegalArgumentException("nli-head needs at least one label");
    }
    int[][] gold = train.goldIndices();
    LogisticFit fit;
    if (train.multiLabel()) {
      float[][] x = features(train.texts(), labels);
      fit = regression.fitOneVsRest(DenseFeatures.of(x, k), gold, k);
    } else {
      List<String> texts = new ArrayList<>();
      List<Integer> ys = new ArrayList<>();
      for (int i = 0; i < gold.length; i++) {
        if (gold[i].length == 1) {
          texts.add(train.get(i).document().text());
          ys.add(gold[i][0]);
        }
      }
      if (texts.isEmpty()) {
        throw new IllegalArgumentException("nli-head needs labelled training examples");
      }
      float[][] x = features(texts, labels);
      fit = regression.fitMultinomial(
          DenseFeatures.of(x, k), ys.stream().mapToInt(Integer::intValue).toArray(), k);
    }
    if (!fit.converged()) {
      LOG.warn("logistic regression stopped before converging ({} iterations); raise max_iter or lower C",
          fit.totalIterations());
    }
    return new Model(this, labels, train.multiLabel(), fit.model());
  }

  /** A fitted head: the spec's cross-encoder and hypotheses and the logistic model. */
  public static final class Model implements SavableModel {
    private final NliHeadClassifier spec;
    private final LabelSpace classes;
    private final boolean multiLabel;
    private final String[][] hyps;
    private final LogisticModel head;

    Model(NliHeadClassifier spec, LabelSpace classes, boolean multiLabel, LogisticModel head) {
      this.spec = spec;
      this.classes = classes;
      this.multiLabel = multiLabel;
      this.hyps = spec.hypotheses().of(classes);
      this.head = head;
    }

    public LogisticModel head() {
      return head;
    }

    @Override
    public LabelSpace classes() {
      return classes;
    }

    @Override
    public boolean multiLabel() {
      return multiLabel;
    }

    @Override
    public ScoreMatrix predictProba(List<Document> documents) {
      int k = classes.size();
      if (documents.isEmpty()) {
        return ScoreMatrix.of(classes, new float[0][k]);
      }
      List<String> texts = new ArrayList<>(documents.size());
      for (Document d : documents) {
        texts.add(d.text());
      }
      float[][] x = NliScoring.entailmentLogits(spec.encoder(), texts, hyps);
      return ScoreMatrix.ofFlat(classes, x.length, head.probabilities(DenseFeatures.of(x, k)));
    }

    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public void writeTo(ModelWriter out) {
      spec.params().forEach(out::param);
      out.param("head", multiLabel ? "one-vs-rest" : "multinomial");
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
      NliCrossEncoder enc = NliResources.encoder(in, context);
      NliHeadClassifier spec = new NliHeadClassifier(enc, NliResources.hypotheses(in),
          LogisticRegression.defaults().withC(in.param("C").asDouble())
              .withMaxIterations(in.param("max_iter").asInt()));
      return new Model(spec, in.classes(), in.multiLabel(),
          LogisticHeads.read(in, in.multiLabel(), in.classes().size()));
    }
  }
}
