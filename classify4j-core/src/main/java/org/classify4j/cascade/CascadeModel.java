package org.classify4j.cascade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.classify4j.Classify4jException;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
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
 * A fitted cascade: stage 1 scores every text; the texts it is unsure about (its {@link Route}
 * confidence below {@link #threshold()}) are scored again by stage 2, whose row replaces stage 1's.
 * Each row of {@link #predictProba} carries the note {@code stage} (1 or 2), which prediction
 * writers put into the output. {@link #sentOn()} / {@link #scored()} count the texts since the
 * model was made or loaded; stage 2's own usage (an LLM's requests and tokens) is counted where
 * its chat model is governed. Saved with each stage in its own subdirectory ({@code stage1/},
 * {@code stage2/}) with its own decision rule.
 */
public final class CascadeModel implements SavableModel {
  public static final String TYPE = "cascade";
  /** The note naming the stage that answered a row. */
  public static final String STAGE_NOTE = "stage";

  private final ClassifierModel stage1;
  private final DecisionRule stage1Rule;
  private final ClassifierModel stage2;
  private final DecisionRule stage2Rule;
  private final Route route;
  private final double threshold;
  private final Map<String, Object> tuning;
  private final AtomicLong scored = new AtomicLong();
  private final AtomicLong sentOn = new AtomicLong();

  public CascadeModel(ClassifierModel stage1, DecisionRule stage1Rule, ClassifierModel stage2,
      DecisionRule stage2Rule, Route route, double threshold, Map<String, Object> tuning) {
    if (!stage1.classes().names().equals(stage2.classes().names())) {
      throw new IllegalArgumentException("the stages of a cascade need the same labels in the same"
          + " order; stage 1 has " + stage1.classes().size() + ", stage 2 "
          + stage2.classes().size());
    }
    if (stage1.multiLabel() != stage2.multiLabel()) {
      throw new IllegalArgumentException("one stage is multi-label and the other is not");
    }
    this.stage1 = stage1;
    this.stage1Rule = stage1Rule;
    this.stage2 = stage2;
    this.stage2Rule = stage2Rule;
    this.route = route;
    this.threshold = threshold;
    this.tuning = Map.copyOf(new LinkedHashMap<>(tuning));
  }

  @Override
  public LabelSpace classes() {
    return stage2.classes();
  }

  @Override
  public boolean multiLabel() {
    return stage2.multiLabel();
  }

  public ClassifierModel stage1() {
    return stage1;
  }

  public ClassifierModel stage2() {
    return stage2;
  }

  public Route route() {
    return route;
  }

  /** Texts whose stage-1 confidence is below this go on to stage 2. */
  public double threshold() {
    return threshold;
  }

  /** What tuning found on the validation set (empty when the threshold was given). */
  public Map<String, Object> tuning() {
    return tuning;
  }

  /** Texts scored since this model was made or loaded. */
  public long scored() {
    return scored.get();
  }

  /** Of those, the texts sent on to stage 2. */
  public long sentOn() {
    return sentOn.get();
  }

  /** Stage 2's rule: the LLM's (argmax abstaining on all-zero rows) or the threshold. */
  @Override
  public DecisionRule defaultRule() {
    return stage2Rule;
  }

  /** Whether stage 1 is unsure about row {@code i} of its scores. */
  boolean unsure(ScoreMatrix s1, int i) {
    return route.confidence(s1, i, multiLabel(), stage1Rule) < threshold;
  }

  @Override
  public ScoreMatrix predictProba(List<Document> documents) {
    int n = documents.size();
    ScoreMatrix s1 = stage1.predictProba(documents);
    int k = classes().size();
    float[] flat = new float[n * k];
    int[] stage = new int[n];
    List<Integer> on = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      System.arraycopy(s1.row(i), 0, flat, i * k, k);
      stage[i] = 1;
      if (unsure(s1, i)) {
        on.add(i);
      }
    }
    if (!on.isEmpty()) {
      List<Document> sub = new ArrayList<>(on.size());
      for (int i : on) {
        sub.add(documents.get(i));
      }
      ScoreMatrix s2 = stage2.predictProba(sub);
      for (int r = 0; r < on.size(); r++) {
        int i = on.get(r);
        System.arraycopy(s2.row(r), 0, flat, i * k, k);
        stage[i] = 2;
      }
    }
    scored.addAndGet(n);
    sentOn.addAndGet(on.size());
    return ScoreMatrix.ofFlat(classes(), n, flat).withNote(STAGE_NOTE, stage);
  }

  // ---------------------------------------------------------------- persistence

  @Override
  public String modelType() {
    return TYPE;
  }

  @Override
  public void writeTo(ModelWriter out) {
    out.param("route", route.paramName());
    out.param("threshold", threshold);
    if (!tuning.isEmpty()) {
      out.param("tuning", tuning);
    }
    out.nested("stage1", savable(stage1, 1), stage1Rule);
    out.nested("stage2", savable(stage2, 2), stage2Rule);
  }

  private static SavableModel savable(ClassifierModel m, int stage) {
    if (m instanceof SavableModel s) {
      return s;
    }
    throw new Classify4jException("stage " + stage + " (" + m.getClass().getSimpleName()
        + ") cannot be saved, so neither can the cascade");
  }

  /** Reads saved cascades: both stages from their subdirectories, with their decision rules. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public CascadeModel load(ModelReader in, Resources context) {
      LoadedModel s1 = in.nested("stage1", context);
      LoadedModel s2 = in.nested("stage2", context);
      Map<String, Object> tuning = new LinkedHashMap<>();
      in.params().path("tuning").fields().forEachRemaining(e ->
          tuning.put(e.getKey(), e.getValue().isNumber() ? (Object) e.getValue().asDouble()
              : e.getValue().asText()));
      return new CascadeModel(s1.model(), s1.decisionRule(), s2.model(), s2.decisionRule(),
          Route.parse(in.param("route").asText()), in.param("threshold").asDouble(), tuning);
    }
  }
}
