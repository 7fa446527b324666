package org.classify4j.cascade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.classify4j.classify.Classifier;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.MethodProvider;
import org.classify4j.method.Methods;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;

/**
 * The method {@code cascade}. Its stages are named by {@code stage1=} and {@code stage2=}: a
 * method name ({@code linear}, {@code llm-zero-shot}, …) whose own parameters follow with the
 * stage's prefix ({@code stage1.model=…}, {@code stage2.chat=openai}), or the directory of a saved
 * model (used as it is, with its saved decision rule). The cascade's own parameters: {@code route}
 * (margin, max, abstain), one of {@code threshold}, {@code target_share}, {@code target_accuracy},
 * and {@code validation}, {@code seed}, {@code refit}.
 */
public final class CascadeMethods implements MethodProvider {
  static final Set<String> OWN = Set.of("stage1", "stage2", "route", "threshold", "target_share",
      "target_accuracy", "validation", "seed", "refit");

  @Override
  public List<MethodInfo> methods() {
    return List.of(new MethodInfo(CascadeModel.TYPE,
        "stage 1 answers the texts it is sure of, stage 2 (usually an LLM) the rest; threshold"
            + " tuned on validation for a target share sent on or a target accuracy",
        List.of("stage1", "stage2", "stage1.*", "stage2.*", "route", "threshold", "target_share",
            "target_accuracy", "validation", "seed", "refit")));
  }

  @Override
  public Optional<Classifier> create(String method, MethodParams p, LoadContext context) {
    if (!method.equals(CascadeModel.TYPE)) {
      return Optional.empty();
    }
    Map<String, String> own = new LinkedHashMap<>();
    Map<String, String> p1 = new LinkedHashMap<>();
    Map<String, String> p2 = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : p.values().entrySet()) {
      if (e.getKey().startsWith("stage1.")) {
        p1.put(e.getKey().substring(7), e.getValue());
      } else if (e.getKey().startsWith("stage2.")) {
        p2.put(e.getKey().substring(7), e.getValue());
      } else {
        own.put(e.getKey(), e.getValue());
      }
    }
    MethodParams mine = MethodParams.of(own).requireOnly(method, OWN);
    String s1 = mine.string("stage1", "");
    String s2 = mine.string("stage2", "");
    if (s1.isEmpty() || s2.isEmpty()) {
      throw new IllegalArgumentException("cascade needs stage1=METHOD|MODEL_DIR and"
          + " stage2=METHOD|MODEL_DIR (e.g. -p stage1=linear -p stage2=llm-zero-shot)");
    }
    CascadeClassifier.Builder b = CascadeClassifier.builder(
        stage("stage1", s1, p1, context), stage("stage2", s2, p2, context))
        .route(Route.parse(mine.string("route", "margin")))
        .validation(mine.number("validation", 0.2))
        .seed(mine.integer("seed", 42))
        .refit(mine.flag("refit", true));
    if (own.containsKey("threshold")) {
      b.threshold(mine.number("threshold", 0));
    }
    if (own.containsKey("target_share")) {
      b.targetShare(mine.number("target_share", CascadeClassifier.DEFAULT_TARGET_SHARE));
    }
    if (own.containsKey("target_accuracy")) {
      b.targetAccuracy(mine.number("target_accuracy", 0.9));
    }
    return Optional.of(b.build());
  }

  /**
   * A stage named by {@code value}: a saved model directory (used as it is) or a method fitted
   * with {@code params}.
   */
  public static CascadeClassifier.Stage stage(String which, String value,
      Map<String, String> params, LoadContext context) {
    Path dir = Path.of(value);
    if (Files.isRegularFile(dir.resolve(ModelStore.MANIFEST))) {
      if (!params.isEmpty()) {
        throw new IllegalArgumentException(which + " is a saved model (" + value + "): it takes no "
            + which + ".* parameters, got " + params.keySet());
      }
      LoadedModel m = ModelStore.load(dir, context);
      return new CascadeClassifier.FittedStage(m.model(), m.decisionRule(), value);
    }
    if (value.equals(CascadeModel.TYPE)) {
      throw new IllegalArgumentException(which + ": a cascade inside a cascade is not supported");
    }
    return new CascadeClassifier.FitStage(Methods.create(value, MethodParams.of(params), context));
  }
}
