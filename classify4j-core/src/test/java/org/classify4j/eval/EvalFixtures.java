package org.classify4j.eval;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.LabelSpace;

/** Small hand-made evaluations whose metrics are worked out by hand in the tests. */
public final class EvalFixtures {
  private EvalFixtures() {}

  public static final LabelSpace ABC = LabelSpace.ofNames("A", "B", "C");

  /**
   * Single-label, 5 documents, argmax decisions:
   *
   * <pre>
   * doc gold scores (A, B, C)     argmax  conf
   * d0  A    .75 .15 .10          A ✓     .75
   * d1  A    .30 .65 .05          B ✗     .65
   * d2  B    .20 .55 .25          B ✓     .55
   * d3  B    .10 .25 .65          C ✗     .65
   * d4  C    .05 .10 .85          C ✓     .85
   * </pre>
   */
  public static EvalData single() {
    return single(DecisionRule.argmax());
  }

  public static EvalData single(DecisionRule rule) {
    float[][] s = {
      {.75f, .15f, .10f}, {.30f, .65f, .05f}, {.20f, .55f, .25f}, {.10f, .25f, .65f}, {.05f, .10f, .85f}
    };
    List<List<String>> gold = List.of(List.of("A"), List.of("A"), List.of("B"), List.of("B"), List.of("C"));
    ScoreMatrix m = ScoreMatrix.of(ABC, s);
    return EvalData.of(m, gold, rule.decideAll(m), false);
  }

  public static final LabelSpace XYZ = LabelSpace.ofNames("X", "Y", "Z");

  /**
   * Multi-label, 4 documents, threshold 0.5:
   *
   * <pre>
   * doc gold   scores (X, Y, Z)   decided
   * d0  {X,Y}  .90 .40 .60        {X,Z}
   * d1  {Y}    .20 .70 .10        {Y}
   * d2  {}     .30 .20 .10        {}
   * d3  {Z}    .55 .35 .45        {X}
   * </pre>
   */
  public static EvalData multi() {
    float[][] s = {{.90f, .40f, .60f}, {.20f, .70f, .10f}, {.30f, .20f, .10f}, {.55f, .35f, .45f}};
    List<List<String>> gold = List.of(List.of("X", "Y"), List.of("Y"), List.of(), List.of("Z"));
    ScoreMatrix m = ScoreMatrix.of(XYZ, s);
    return EvalData.of(m, gold, DecisionRule.threshold(0.5).decideAll(m), true);
  }

  /** Gold label names per row of an evaluation (for building variants). */
  static List<List<String>> goldNames(EvalData d) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      List<String> g = new ArrayList<>();
      for (int j : d.gold(i)) {
        g.add(d.labels().name(j));
      }
      out.add(g);
    }
    return out;
  }
}
