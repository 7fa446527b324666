package org.classify4j.calibrate;

import java.util.List;
import org.classify4j.Classify4jException;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.IsotonicMap;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.Resources;
import org.classify4j.persist.SavableModel;

/**
 * A model whose scores go through a {@link ScoreCalibrator} fitted on validation texts. A wrapping
 * model rather than a calibration stored next to the decision rule: every face (predict, eval,
 * the server, Spark, a cascade stage) then sees calibrated scores without knowing about
 * calibration, and a decision rule tuned afterwards refers to the calibrated scale. Saved with the
 * base model (and its decision rule) in the subdirectory {@code base/}.
 */
public final class CalibratedModel implements SavableModel {
  public static final String TYPE = "calibrated";

  private final ClassifierModel base;
  private final DecisionRule baseRule;
  private final ScoreCalibrator calibrator;

  public CalibratedModel(ClassifierModel base, DecisionRule baseRule, ScoreCalibrator calibrator) {
    this.base = base;
    this.baseRule = baseRule;
    this.calibrator = calibrator;
  }

  public ClassifierModel base() {
    return base;
  }

  public ScoreCalibrator calibrator() {
    return calibrator;
  }

  @Override
  public LabelSpace classes() {
    return base.classes();
  }

  @Override
  public boolean multiLabel() {
    return base.multiLabel();
  }

  /** The base model's rule, applied to calibrated scores. */
  @Override
  public DecisionRule defaultRule() {
    return baseRule;
  }

  @Override
  public ScoreMatrix predictProba(List<Document> documents) {
    return calibrator.apply(base.predictProba(documents));
  }

  @Override
  public String modelType() {
    return TYPE;
  }

  @Override
  public void writeTo(ModelWriter out) {
    if (!(base instanceof SavableModel s)) {
      throw new Classify4jException("the base model (" + base.getClass().getSimpleName()
          + ") cannot be saved, so neither can its calibration");
    }
    out.param("calibration", calibrator.name());
    if (calibrator instanceof ScoreCalibrator.Temperature t) {
      out.param("temperature", t.t());
    } else if (calibrator instanceof ScoreCalibrator.Platt p) {
      out.param("a", p.a()).param("b", p.b());
    } else if (calibrator instanceof ScoreCalibrator.Isotonic i) {
      float[] xs = i.map().xs();
      out.floats("isotonic_x", xs, xs.length);
      float[] ys = i.map().ys();
      out.floats("isotonic_y", ys, ys.length);
    }
    out.nested("base", s, baseRule);
  }

  /** Reads calibrated models: the base from {@code base/}, then the calibration. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public CalibratedModel load(ModelReader in, Resources context) {
      LoadedModel base = in.nested("base", context);
      boolean multi = in.multiLabel();
      String kind = in.param("calibration").asText();
      ScoreCalibrator c = switch (ScoreCalibrator.Kind.parse(kind)) {
        case TEMPERATURE -> new ScoreCalibrator.Temperature(
            in.param("temperature").asDouble(), multi);
        case PLATT -> new ScoreCalibrator.Platt(in.param("a").asDouble(),
            in.param("b").asDouble(), multi);
        case ISOTONIC -> new ScoreCalibrator.Isotonic(
            new IsotonicMap(in.floats("isotonic_x"), in.floats("isotonic_y")), multi);
      };
      return new CalibratedModel(base.model(), base.decisionRule(), c);
    }
  }
}
