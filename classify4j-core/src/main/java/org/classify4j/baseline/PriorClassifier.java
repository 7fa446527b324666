package org.classify4j.baseline;

import java.util.List;
import java.util.Map;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;

/**
 * The baseline that ignores the text: every document gets the training label frequencies
 * (add-one smoothed). Like scikit-learn's DummyClassifier(strategy="prior") and Annif's dummy
 * backend: a floor every real method must beat, and a fixture.
 */
public record PriorClassifier() implements Classifier {

  public static final String TYPE = "prior";

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    return Map.of();
  }

  @Override
  public Model fit(Dataset train) {
    int k = train.labels().size();
    int[] counts = train.labelCounts();
    float[] p = new float[k];
    if (train.multiLabel()) {
      // fraction of documents carrying each label, smoothed: (c + 1) / (n + 2)
      for (int j = 0; j < k; j++) {
        p[j] = (float) ((counts[j] + 1.0) / (train.size() + 2.0));
      }
    } else {
      long total = 0;
      for (int c : counts) {
        total += c;
      }
      for (int j = 0; j < k; j++) {
        p[j] = (float) ((counts[j] + 1.0) / (total + k));
      }
    }
    return new Model(train.labels(), train.multiLabel(), p);
  }

  /** The fitted prior. */
  public static final class Model implements SavableModel {
    private final LabelSpace classes;
    private final boolean multiLabel;
    private final float[] prior;

    Model(LabelSpace classes, boolean multiLabel, float[] prior) {
      this.classes = classes;
      this.multiLabel = multiLabel;
      this.prior = prior.clone();
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
      float[][] rows = new float[documents.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = prior.clone();
      }
      return ScoreMatrix.of(classes, rows);
    }

    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public void writeTo(ModelWriter out) {
      out.floats("prior", prior, prior.length);
    }
  }

  /** Reads saved priors. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public Model load(ModelReader in, Resources context) {
      return new Model(in.classes(), in.multiLabel(), in.floats("prior"));
    }
  }
}
