package org.classify4j.calibrate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.classify4j.cascade.CascadeClassifier;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.data.Dataset;
import org.classify4j.select.Fold;
import org.classify4j.select.TrainValidationSplit;

/**
 * Calibrates a model's scores. With a model fitted before (a saved directory), every training
 * example is a calibration example (give it a validation file); with a method, a seeded stratified
 * {@code validation} share of the training data is held out, the method is fitted on the rest and
 * the calibration on the held-out texts (the base is not fitted again: its scores on all data would
 * be sharper than those the calibration saw).
 */
public record CalibratedClassifier(CascadeClassifier.Stage base, ScoreCalibrator.Kind kind,
    double validation, long seed) implements Classifier {

  public CalibratedClassifier {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(kind, "kind");
    if (!(validation > 0 && validation < 1)) {
      throw new IllegalArgumentException("validation must be in (0,1), got " + validation);
    }
  }

  @Override
  public String method() {
    return CalibratedModel.TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("base", base.describe());
    p.put("calibration", kind.paramName());
    p.put("validation", validation);
    p.put("seed", seed);
    return p;
  }

  @Override
  public CalibratedModel fit(Dataset train) {
    Dataset calib = train;
    ClassifierModel m;
    if (base instanceof CascadeClassifier.FittedStage f) {
      m = f.model();
    } else {
      Fold fold = new TrainValidationSplit(validation, seed).fold(train);
      m = base.fit(train.subset(fold.train()));
      calib = train.subset(fold.test());
    }
    ScoreCalibrator c = ScoreCalibrator.fit(kind, m.predictProba(calib.documents()), calib);
    return new CalibratedModel(m, base.rule(m), c);
  }
}
