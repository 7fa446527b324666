package org.classify4j.embed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.Classify4jException;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.Resources;
import org.classify4j.persist.SavableModel;

/**
 * Averages the scores of several classifiers fitted on the same data (for example centroid, kNN
 * and a linear head on the same embeddings): each member scores every label in [0, 1], the
 * ensemble's score is their weighted mean. Members that share a {@link CachingTextEmbedder}
 * embed each text once. The fitted ensemble is savable when every fitted member is: each member's
 * parts are saved in the ensemble's directory under {@code mN.}, and loading wraps each embedder
 * the members share so that a batch of texts is embedded once, not once per member.
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
    boolean savable = fitted.stream().allMatch(m -> m instanceof SavableModel);
    return savable
        ? new Savable(train.labels(), train.multiLabel(), fitted, weights)
        : new Model(train.labels(), train.multiLabel(), fitted, weights);
  }

  /** A fitted ensemble whose members are all savable: saved and loaded as {@value #TYPE}. */
  public static final class Savable extends Model implements SavableModel {
    Savable(LabelSpace classes, boolean multiLabel, List<ClassifierModel> members,
        List<Double> w) {
      super(classes, multiLabel, members, w);
    }

    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public void writeTo(ModelWriter out) {
      List<Object> described = new ArrayList<>();
      List<Double> w = new ArrayList<>();
      for (int m = 0; m < members().size(); m++) {
        described.add(out.member("m" + m + ".", (SavableModel) members().get(m)));
        w.add(weights()[m]);
      }
      out.param("members", described);
      out.param("weights", w);
    }
  }

  /** Reads saved ensembles; the members' embedders are shared through a per-batch cache. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public ClassifierModel load(ModelReader in, Resources context) {
      JsonNode ms = in.param("members");
      JsonNode ws = in.param("weights");
      if (!ms.isArray() || ms.isEmpty() || !ws.isArray() || ws.size() != ms.size()) {
        throw new Classify4jException(in.directory().resolve(ModelStore.MANIFEST)
            + ": fields 'params.members' and 'params.weights': expected two arrays of one"
            + " entry per member");
      }
      Resources shared = new SharedEmbedders(context);
      List<ClassifierModel> members = new ArrayList<>();
      List<Double> w = new ArrayList<>();
      for (int m = 0; m < ms.size(); m++) {
        members.add(in.member(ms.get(m), shared));
        w.add(ws.get(m).asDouble());
      }
      return new Savable(in.classes(), in.multiLabel(), members, w);
    }
  }

  /**
   * The members of a loaded ensemble score the same batch one after the other: each embedder they
   * ask for is wrapped once in a small cache, so the batch is embedded once.
   */
  private static final class SharedEmbedders implements Resources {
    private final Resources inner;
    private final Map<String, TextEmbedder> wrapped = new HashMap<>();

    SharedEmbedders(Resources inner) {
      this.inner = inner;
    }

    @Override
    public synchronized <T> T get(Class<T> type, String id) {
      T r = inner.get(type, id);
      if (type == TextEmbedder.class) {
        return type.cast(wrapped.computeIfAbsent(id,
            k -> new CachingTextEmbedder((TextEmbedder) r, BATCH_CACHE)));
      }
      return r;
    }
  }

  /** Texts remembered per shared embedder of a loaded ensemble (a few prediction batches). */
  static final int BATCH_CACHE = 20_000;

  /** The fitted members and their weights. */
  public static class Model implements ClassifierModel {
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

    /** The members' weights, normalised to sum to 1. */
    public double[] weights() {
      return weights.clone();
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
