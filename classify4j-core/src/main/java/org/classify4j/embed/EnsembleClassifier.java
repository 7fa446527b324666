package org.classify4j.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;

/**
 * Averages the scores of several classifiers fitted on the same data (for example centroid, kNN
 * and a linear head on the same embeddings): each member scores every label in [0, 1], the
 * ensemble's score is their weighted mean. Members that share a {@link CachingTextEmbedder}
 * embed each text once. The fitted ensemble is not savable (its members are kept in memory).
 *
 * @param members the classifiers, at least one
 * @param weights one non-negative weight per member, not all zero
 */
public record EnsembleClassifier(List<Classifier> members, List<Double> weights)
    implements Classifier {

  public static final String TYPE = "ensemble";

  public EnsembleClassifier {
    members = List.copyOf(members);
    weights = List.copyOf(weights);
    if (members.isEmpty() || weights.size() != members.size()) {
      throw new IllegalArgumentException("need one weight per member and at least one member");
    }
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weights must be finite and ≥ 0");
      }
      sum += w;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("weights must not all be 0");
    }
  }

  /** Equal weights. */
  public static EnsembleClassifier of(List<Classifier> members) {
    List<Double> w = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      w.add(1.0);
    }
    return new EnsembleClassifier(members, w);
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    List<Object> m = new ArrayList<>();
    for (Classifier c : members) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("method", c.method());
      one.put("params", c.params());
      m.add(one);
    }
    p.put("members", m);
    p.put("weights", weights);
    return p;
  }

  @Override
  public Model fit(Dataset train) {
    List<ClassifierModel> fitted = new ArrayList<>();
    for (Classifier c : members) {
      fitted.add(c.fit(train));
    }
    return new Model(train.labels(), train.multiLabel(), fitted, weights);
  }

  /** The fitted members and their weights. */
  public static final class Model implements ClassifierModel {
    private final LabelSpace classes;
    private final boolean multiLabel;
    private final List<ClassifierModel> members;
    private final double[] weights;

    Model(LabelSpace classes, boolean multiLabel, List<ClassifierModel> members, List<Double> w) {
      this.classes = classes;
      this.multiLabel = multiLabel;
      this.members = List.copyOf(members);
      double sum = w.stream().mapToDouble(Double::doubleValue).sum();
      this.weights = w.stream().mapToDouble(x -> x / sum).toArray();
    }

    @Override
    public LabelSpace classes() {
      return classes;
    }

    @Override
    public boolean multiLabel() {
      return multiLabel;
    }

    public List<ClassifierModel> members() {
      return members;
    }

    @Override
    public ScoreMatrix predictProba(List<Document> documents) {
      float[][] out = new float[documents.size()][classes.size()];
      for (int m = 0; m < members.size(); m++) {
        float[][] s = members.get(m).predictProba(documents).toArray();
        for (int i = 0; i < s.length; i++) {
          for (int j = 0; j < s[i].length; j++) {
            out[i][j] += (float) (weights[m] * s[i][j]);
          }
        }
      }
      for (float[] row : out) {
        for (int j = 0; j < row.length; j++) {
          row[j] = Math.min(1f, Math.max(0f, row[j]));
        }
      }
      return ScoreMatrix.of(classes, out);
    }
  }
}
