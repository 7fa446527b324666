package org.classify4j.calibrate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.classify4j.cascade.CascadeMethods;
import org.classify4j.classify.Classifier;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.MethodProvider;

/**
 * The method {@code calibrated}: {@code base=} a saved model directory (calibrated on the whole
 * training file, which should then be a validation file) or a method (its parameters as {@code
 * base.KEY=VALUE}; calibrated on a held-out {@code validation} share); {@code calibration=}
 * temperature, platt or isotonic.
 */
public final class CalibrationMethods implements MethodProvider {
  static final Set<String> OWN = Set.of("base", "calibration", "validation", "seed");

  @Override
  public List<MethodInfo> methods() {
    return List.of(new MethodInfo(CalibratedModel.TYPE,
        "a model's scores calibrated (temperature, platt, isotonic) on validation texts",
        List.of("base", "base.*", "calibration", "validation", "seed")));
  }

  @Override
  public Optional<Classifier> create(String method, MethodParams p, LoadContext context) {
    if (!method.equals(CalibratedModel.TYPE)) {
      return Optional.empty();
    }
    Map<String, String> own = new LinkedHashMap<>();
    Map<String, String> sub = new LinkedHashMap<>();
    p.values().forEach((k, v) -> {
      if (k.startsWith("base.")) {
        sub.put(k.substring(5), v);
      } else {
        own.put(k, v);
      }
    });
    MethodParams mine = MethodParams.of(own).requireOnly(method, OWN);
    String base = mine.string("base", "");
    if (base.isEmpty()) {
      throw new IllegalArgumentException(
          "calibrated needs base=MODEL_DIR|METHOD (e.g. -p base=models/llm -p calibration=isotonic)");
    }
    return Optional.of(new CalibratedClassifier(
        CascadeMethods.stage("base", base, sub, context),
        ScoreCalibrator.Kind.parse(mine.string("calibration", "isotonic")),
        mine.number("validation", 0.2), mine.integer("seed", 42)));
  }
}
