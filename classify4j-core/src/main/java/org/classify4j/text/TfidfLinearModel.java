package org.classify4j.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classify4j.Classify4jException;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.linear.LogisticHeads;
import org.classify4j.linear.LogisticModel;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;

/**
 * A fitted {@link TfidfLinearClassifier}: the TF-IDF vocabulary and a multinomial (single-label) or
 * one-vs-rest (multi-label) logistic model over it. Saved as the terms (JSON), the idf weights,
 * the k×d weights and the k intercepts (float32).
 */
public final class TfidfLinearModel implements SavableModel {
  private final LabelSpace classes;
  private final boolean multiLabel;
  private final TfidfModel tfidf;
  private final LogisticModel head;

  TfidfLinearModel(LabelSpace classes, boolean multiLabel, TfidfModel tfidf, LogisticModel head) {
    this.classes = Objects.requireNonNull(classes, "classes");
    this.multiLabel = multiLabel;
    this.tfidf = Objects.requireNonNull(tfidf, "tfidf");
    this.head = Objects.requireNonNull(head, "head");
    if (head.outputs() != classes.size() || head.dim() != tfidf.size()) {
      throw new IllegalArgumentException("the linear model has " + head.outputs() + "x"
          + head.dim() + " weights, expected " + classes.size() + "x" + tfidf.size());
    }
    if (multiLabel != (head.link() == LogisticModel.Link.SIGMOID)) {
      throw new IllegalArgumentException(
          multiLabel ? "multi-label needs a one-vs-rest model" : "single-label needs softmax");
    }
  }

  /** The vocabulary and idf weights. */
  public TfidfModel tfidf() {
    return tfidf;
  }

  /** The logistic model over the TF-IDF features. */
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
    List<String> texts = new ArrayList<>(documents.size());
    for (Document d : documents) {
      texts.add(d.text());
    }
    org.classify4j.linear.SparseFeatures x = tfidf.transform(texts);
    float[] p = head.probabilities(x);
    int k = classes.size();
    int[] rowPtr = x.rowPtr();
    for (int i = 0; i < documents.size(); i++) {
      if (rowPtr[i + 1] == rowPtr[i]) {
        // no known word: the intercepts alone would be a guess; all zeros abstain instead
        java.util.Arrays.fill(p, i * k, (i + 1) * k, 0f);
      }
    }
    return ScoreMatrix.ofFlat(classes, documents.size(), p);
  }

  @Override
  public String modelType() {
    return TfidfLinearClassifier.TYPE;
  }

  @Override
  public void writeTo(ModelWriter out) {
    for (Map.Entry<String, Object> e :
        TfidfLinearClassifier.vectorizerParams(tfidf.params()).entrySet()) {
      out.param(e.getKey(), e.getValue());
    }
    out.param("head", multiLabel ? "one_vs_rest" : "multinomial");
    out.strings("terms", tfidf.terms());
    out.floats("idf", tfidf.idf(), tfidf.size());
    LogisticHeads.write(out, head);
  }

  @Override
  public String toString() {
    return "TfidfLinearModel[" + classes.size() + " labels, " + tfidf.size() + " terms, "
        + (multiLabel ? "one-vs-rest" : "multinomial") + "]";
  }

  /** Reads saved TF-IDF linear models. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TfidfLinearClassifier.TYPE;
    }

    @Override
    public TfidfLinearModel load(ModelReader in, Resources context) {
      TfidfVectorizer v = new TfidfVectorizer(
          in.param("min_df").asInt(),
          in.param("max_df").asDouble(),
          in.param("max_features").asInt(),
          in.param("sublinear_tf").asBoolean(),
          in.param("ngram_max").asInt(),
          TfidfVectorizer.Norm.valueOf(in.param("norm").asText()));
      List<String> terms = in.strings("terms");
      TfidfModel tfidf = TfidfModel.of(terms, in.floats("idf"), v);
      LabelSpace classes = in.classes();
      int k = classes.size();
      int d = terms.size();
      int[] shape = in.shape("weights");
      if (shape.length != 2 || shape[0] != k || shape[1] != d) {
        throw new Classify4jException(in.directory() + ": array 'weights' should be " + k + "x"
            + d + " (labels x terms)");
      }
      float[] w = in.floats("weights");
      float[] b = in.floats("intercepts");
      JsonNode head = in.param("head");
      boolean ovr = "one_vs_rest".equals(head.asText());
      if (ovr != in.multiLabel()) {
        throw new Classify4jException(in.directory() + ": field 'params.head' is '"
            + head.asText() + "' but multi_label is " + in.multiLabel());
      }
      LogisticModel m = ovr
          ? LogisticModel.oneVsRest(k, d, w, b)
          : LogisticModel.multinomial(k, d, w, b);
      return new TfidfLinearModel(classes, ovr, tfidf, m);
    }
  }
}
