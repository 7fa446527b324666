package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.LoadContext;
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
  private final LabelTreeModel tree;
  private final LexicalModel lexical;
  private final double[] weights;
  private final Isotonic[] calibration;
  private final Isotonic finalCalibration;
  private final int limit;
  private final double threshold;
  private final int candidates;
  private final Map<String, Object> tuning;

  SubjectEnsembleModel(LabelSpace classes, boolean multiLabel, Map<String, Object> params,
      LabelTreeModel tree, LexicalModel lexical, double[] weights, Isotonic[] calibration,
      Isotonic finalCalibration, int limit, double threshold, int candidates,
      Map<String, Object> tuning) {
    this.classes = classes;
    this.multiLabel = multiLabel;
    this.params = new LinkedHashMap<>(params);
    this.tree = tree;
    this.lexical = lexical;
    this.weights = weights.clone();
    this.calibration = calibration.clone();
    this.finalCalibration = finalCalibration;
    this.limit = limit;
    this.threshold = threshold;
    this.candidates = candidates;
    this.tuning = new LinkedHashMap<>(tuning);
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

  double[] weights() {
    return weights.clone();
  }

  @Override
  public ScoreMatrix predictProba(List<Document> documents) {
    List<SparseScores> rows = new ArrayList<>(documents.size());
    for (Document d : documents) {
      rows.add(scoreSparse(d));
    }
    return SparseScores.matrix(classes, multiLabel, rows);
  }

  @Override
  public SparseScores scoreSparse(Document document) {
    SparseScores[] parts = {
      SubjectEnsembleClassifier.top(tree.scoreSparse(document), candidates),
      SubjectEnsembleClassifier.top(lexical.scoreSparse(document), candidates)};
    Map<Integer, Float> acc = new HashMap<>();
    for (int q = 0; q < parts.length; q++) {
      if (weights[q] == 0) {
        continue;
      }
      SparseScores r = parts[q];
      for (int x = 0; x < r.cols.length; x++) {
        float v = (float) calibration[q].apply(r.scores[x]);
        acc.merge(r.cols[x], (float) (weights[q] * v), Float::sum);
      }
    }
    SparseScores combined = SparseScores.of(acc);
    float[] v = new float[combined.cols.length];
    for (int x = 0; x < v.length; x++) {
      v[x] = (float) finalCalibration.apply(combined.scores[x]);
    }
    return new SparseScores(combined.cols, v);
  }

  @Override
  public String modelType() {
    return SubjectEnsembleClassifier.TYPE;
  }

  @Override
  public void writeTo(ModelWriter out) {
    for (Map.Entry<String, Object> e : params.entrySet()) {
      if (!e.getKey().startsWith("tree.") && !e.getKey().startsWith("lexical.")) {
        out.param(e.getKey(), e.getValue());
      }
    }
    out.param("limit", limit);
    out.param("threshold", threshold);
    out.param("weights", List.of(weights[0], weights[1]));
    out.param("tuning", tuning);
    tree.writeParts(out, "tree.");
    lexical.writeParts(out, "lexical.");
    String[] names = {"tree", "lexical"};
    for (int q = 0; q < calibration.length; q++) {
      out.floats("calibration." + names[q] + ".x", calibration[q].xs(), calibration[q].xs().length);
      out.floats("calibration." + names[q] + ".y", calibration[q].ys(), calibration[q].ys().length);
    }
    out.floats("calibration.final.x", finalCalibration.xs(), finalCalibration.xs().length);
    out.floats("calibration.final.y", finalCalibration.ys(), finalCalibration.ys().length);
  }

  /** Reads {@code subject-ensemble} model directories. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return SubjectEnsembleClassifier.TYPE;
    }

    @Override
    public ClassifierModel load(ModelReader in, LoadContext context) {
      LabelSpace classes = in.classes();
      boolean multi = in.multiLabel();
      Map<String, Object> params = new LinkedHashMap<>();
      for (String p : List.of("dev", "holdout", "candidates", "seed")) {
        params.put(p, in.param(p).isNumber() ? in.param(p).numberValue() : in.param(p).asText());
      }
      LabelTreeModel tree = LabelTreeModel.readParts(in, "tree.", classes, multi);
      LexicalModel lexical = LexicalModel.readParts(in, "lexical.", classes, multi);
      tree.params().forEach((k, v) -> params.put("tree." + k, v));
      lexical.params().forEach((k, v) -> params.put("lexical." + k, v));
      double[] w = {in.param("weights").get(0).asDouble(), in.param("weights").get(1).asDouble()};
      Isotonic[] cal = {
        new Isotonic(in.floats("calibration.tree.x"), in.floats("calibration.tree.y")),
        new Isotonic(in.floats("calibration.lexical.x"), in.floats("calibration.lexical.y"))};
      Isotonic fin = new Isotonic(in.floats("calibration.final.x"), in.floats("calibration.final.y"));
      @SuppressWarnings("unchecked")
      Map<String, Object> tuning = org.classify4j.Json.mapper().convertValue(in.param("tuning"),
          Map.class);
      return new SubjectEnsembleModel(classes, multi, params, tree, lexical, w, cal, fin,
          in.param("limit").asInt(), in.param("threshold").asDouble(),
          in.param("candidates").asInt(), tuning);
    }
  }
}
