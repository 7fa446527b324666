package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.Json;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;

/**
 * A fitted {@link SubjectEnsembleClassifier}: components, their calibrations and weights, the
 * calibration of the combined score and the tuned decision rule (its {@link #defaultRule()}).
 */
public final class SubjectEnsembleModel implements SavableModel, SubjectScorer {
  private final LabelSpace classes;
  private final boolean multiLabel;
  private final Map<String, Object> params;
  private final List<String> names;
  private final List<SubjectComponent> components;
  private final double[] weights;
  private final Isotonic[] calibration;
  private final Isotonic finalCalibration;
  private final int limit;
  private final double threshold;
  private final int candidates;
  private final Map<String, Object> tuning;
  private final Stack stack;

  /**
   * The learned combiner ({@code combine=stack}): the regression over the candidates' features,
   * the training label frequencies it reads, the candidate depth, whether frequency features are
   * used. Null for the weighted combiner.
   */
  record Stack(LexicalModel.Logistic lr, int[] freq, int depth, boolean freqFeatures) {}

  SubjectEnsembleModel(LabelSpace classes, boolean multiLabel, Map<String, Object> params,
      List<String> names, List<SubjectComponent> components, double[] weights,
      Isotonic[] calibration, Isotonic finalCalibration, int limit, double threshold,
      int candidates, Map<String, Object> tuning) {
    this(classes, multiLabel, params, names, components, weights, calibration, finalCalibration,
        limit, threshold, candidates, tuning, null);
  }

  SubjectEnsembleModel(LabelSpace classes, boolean multiLabel, Map<String, Object> params,
      List<String> names, List<SubjectComponent> components, double[] weights,
      Isotonic[] calibration, Isotonic finalCalibration, int limit, double threshold,
      int candidates, Map<String, Object> tuning, Stack stack) {
    this.classes = classes;
    this.multiLabel = multiLabel;
    this.params = new LinkedHashMap<>(params);
    this.names = List.copyOf(names);
    this.components = List.copyOf(components);
    this.weights = weights.clone();
    this.calibration = calibration.clone();
    this.finalCalibration = finalCalibration;
    this.limit = limit;
    this.threshold = threshold;
    this.candidates = candidates;
    this.tuning = new LinkedHashMap<>(tuning);
    this.stack = stack;
  }

  /** {@code stack} or {@code weights}: how the components' scores are combined. */
  public String combine() {
    return stack == null ? "weights" : "stack";
  }

  @Override
  public LabelSpace classes() {
    return classes;
  }

  @Override
  public boolean multiLabel() {
    return multiLabel;
  }

  /** The tuned rule: at most {@code limit} labels scoring at least {@code threshold}. */
  @Override
  public DecisionRule defaultRule() {
    return multiLabel ? DecisionRule.limit(limit, threshold) : DecisionRule.argmax();
  }

  Map<String, Object> paramsMap() {
    return new LinkedHashMap<>(params);
  }

  List<SubjectComponent> componentList() {
    return components;
  }

  /** How many top labels of each component are combined. */
  int candidates() {
    return candidates;
  }

  double[] weights() {
    return weights.clone();
  }

  /** The fitted components by name, in ensemble order (each can be used and saved alone). */
  public Map<String, SavableModel> components() {
    Map<String, SavableModel> out = new LinkedHashMap<>();
    for (int q = 0; q < names.size(); q++) {
      out.put(names.get(q), (SavableModel) components.get(q));
    }
    return out;
  }

  /** What tuning found: weights, documents, F1 on the tuning data, fit seconds per component. */
  public Map<String, Object> tuning() {
    return new LinkedHashMap<>(tuning);
  }

  static List<SparseScores> scoreAll(SubjectComponent c, List<Document> docs) {
    return c.scoreAll(docs); // the dense ones embed the batch at once
  }

  @Override
  public ScoreMatrix predictProba(List<Document> documents) {
    return SparseScores.matrix(classes, multiLabel, scoreAll(documents));
  }

  @Override
  public SparseScores scoreSparse(Document document) {
    return scoreAll(List.of(document)).get(0);
  }

  @Override
  public List<SparseScores> scoreAll(List<Document> documents) {
    List<List<SparseScores>> parts = new ArrayList<>();
    // one embedding of the batch per embedder and clipping, shared by the dense components
    Map<String, float[][]> embedded = new HashMap<>();
    for (int q = 0; q < components.size(); q++) {
      SubjectComponent c = components.get(q);
      if (weights[q] == 0) {
        parts.add(null); // not combined below
      } else if (c instanceof DenseScorer d && !documents.isEmpty()) {
        float[][] v = embedded.computeIfAbsent(d.embedder().id() + "\u0000" + d.maxChars(),
            k -> d.embed(documents));
        parts.add(d.scoreVectors(v));
      } else {
        parts.add(scoreAll(c, documents));
      }
    }
    List<SparseScores> out = new ArrayList<>(documents.size());
    if (stack != null) {
      for (int i = 0; i < documents.size(); i++) {
        List<SparseScores> rows = new ArrayList<>(components.size());
        for (List<SparseScores> p : parts) {
          rows.add(SubjectEnsembleClassifier.top(p.get(i), candidates));
        }
        out.add(Stacker.apply(finalCalibration, Stacker.score(Stacker.candidates(rows,
            calibration, stack.freq(), stack.depth(), stack.freqFeatures()), stack.lr())));
      }
      return out;
    }
    for (int i = 0; i < documents.size(); i++) {
      int doc = i;
      out.add(SubjectEnsembleClassifier.Weighted.combine(
          q -> SubjectEnsembleClassifier.top(parts.get(q).get(doc), candidates),
          calibration, weights, finalCalibration));
    }
    return out;
  }

  @Override
  public String modelType() {
    return SubjectEnsembleClassifier.TYPE;
  }

  @Override
  public void writeTo(ModelWriter out) {
    for (Map.Entry<String, Object> e : params.entrySet()) {
      if (!e.getKey().contains(".") || e.getKey().startsWith("stack.")) {
        out.param(e.getKey(), e.getValue());
      }
    }
    out.param("limit", limit);
    out.param("threshold", threshold);
    List<Double> w = new ArrayList<>();
    for (double x : weights) {
      w.add(x);
    }
    out.param("weights", w);
    out.param("tuning", tuning);
    for (int q = 0; q < components.size(); q++) {
      String n = names.get(q);
      components.get(q).writeParts(out, n + ".");
      out.floats("calibration." + n + ".x", calibration[q].xs(), calibration[q].xs().length);
      out.floats("calibration." + n + ".y", calibration[q].ys(), calibration[q].ys().length);
    }
    out.floats("calibration.final.x", finalCalibration.xs(), finalCalibration.xs().length);
    out.floats("calibration.final.y", finalCalibration.ys(), finalCalibration.ys().length);
    if (stack != null) {
      out.ints("stack.label_freq", stack.freq(), stack.freq().length);
      double[][] lr = {stack.lr().w, stack.lr().mean, stack.lr().scale};
      String[] part = {"weights", "means", "scales"};
      for (int t = 0; t < 3; t++) {
        float[] f = new float[lr[t].length];
        for (int q = 0; q < f.length; q++) {
          f[q] = (float) lr[t][q];
        }
        out.floats("stack." + part[t], f, f.length);
      }
    }
  }

  /** Reads {@code subject-ensemble} model directories. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return SubjectEnsembleClassifier.TYPE;
    }

    @Override
    public ClassifierModel load(ModelReader in, Resources context) {
      LabelSpace classes = in.classes();
      boolean multi = in.multiLabel();
      Map<String, Object> params = new LinkedHashMap<>();
      for (String p : List.of("components", "dev", "holdout", "candidates", "seed")) {
        params.put(p, in.param(p).isNumber() ? in.param(p).numberValue() : in.param(p).asText());
      }
      // models saved before the stacker have no "combine": the weighted combiner
      boolean stacked = in.params().path("combine").asText("weights").equals("stack");
      params.put("combine", stacked ? "stack" : "weights");
      if (in.params().path("refit").asBoolean(false)) {
        params.put("refit", true);
      }
      if (stacked) {
        params.put("stack.depth", in.param("stack.depth").asInt());
        params.put("stack.folds", in.param("stack.folds").asInt());
        params.put("stack.l2", in.param("stack.l2").asDouble());
        params.put("stack.freq", in.param("stack.freq").asBoolean());
      }
      List<String> names = List.of(in.param("components").asText().split(","));
      List<SubjectComponent> comps = new ArrayList<>();
      Isotonic[] cal = new Isotonic[names.size()];
      double[] w = new double[names.size()];
      for (int q = 0; q < names.size(); q++) {
        String n = names.get(q);
        SubjectComponent c;
        switch (n) {
          case "tree":
            c = LabelTreeModel.readParts(in, "tree.", classes, multi);
            break;
          case "lexical":
            c = LexicalModel.readParts(in, "lexical.", classes, multi);
            break;
          case "sknn":
            c = TfidfKnnModel.readParts(in, "sknn.", classes, multi);
            break;
          case "knn":
            c = DenseKnnModel.readParts(in, "knn.", classes, multi, context);
            break;
          case "proto":
            c = DensePrototypeModel.readParts(in, "proto.", classes, multi, context);
            break;
          default:
            throw new IllegalArgumentException("unknown ensemble component '" + n + "'");
        }
        comps.add(c);
        c.params().forEach((k, v) -> params.put(n + "." + k, v));
        cal[q] = new Isotonic(in.floats("calibration." + n + ".x"),
            in.floats("calibration." + n + ".y"));
        w[q] = in.param("weights").get(q).asDouble();
      }
      Isotonic fin = new Isotonic(in.floats("calibration.final.x"), in.floats("calibration.final.y"));
      @SuppressWarnings("unchecked")
      Map<String, Object> tuning = Json.mapper().convertValue(in.param("tuning"), Map.class);
      Stack stack = null;
      if (stacked) {
        double[][] lr = new double[3][];
        String[] part = {"weights", "means", "scales"};
        for (int t = 0; t < 3; t++) {
          float[] f = in.floats("stack." + part[t]);
          lr[t] = new double[f.length];
          for (int q = 0; q < f.length; q++) {
            lr[t][q] = f[q];
          }
        }
        stack = new Stack(new LexicalModel.Logistic(lr[0], lr[1], lr[2]),
            in.ints("stack.label_freq"), in.param("stack.depth").asInt(),
            in.param("stack.freq").asBoolean());
      }
      return new SubjectEnsembleModel(classes, multi, params, names, comps, w, cal, fin,
          in.param("limit").asInt(), in.param("threshold").asDouble(),
          in.param("candidates").asInt(), tuning, stack);
    }
  }
}
