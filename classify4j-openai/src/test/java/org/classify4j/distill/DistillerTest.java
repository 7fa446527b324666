package org.classify4j.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.classify.DecisionRules;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.eval.Bootstrap;
import org.classify4j.llm.label.LlmLabel;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Test;

/** Distilling without a server: LLM labels made by a keyword rule over the example's messages. */
class DistillerTest {
  static final List<String> SAFETY = List.of("safety", "hazard", "protective", "emergency",
      "security", "incident", "injur", "first aid", "phishing");

  /** A noisy "LLM": yes (p .9) when a safety word occurs, else no (p .75). */
  static LlmLabel llm(Document d) {
    boolean yes = SAFETY.stream().anyMatch(w -> d.text().toLowerCase().contains(w));
    double p = yes ? 0.9 : 0.75;
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("no", yes ? 0.1 : p);
    s.put("yes", yes ? p : 0.25);
    return new LlmLabel(d.id(), d.text(), d.metadata(), List.of(yes ? "yes" : "no"), p, s, false,
        "scored");
  }

  static List<LlmLabel> labels() {
    return DatasetReader.read(LabelingExample.resource("messages.jsonl")).documents().stream()
        .map(DistillerTest::llm).toList();
  }

  static Dataset audit() {
    return DatasetReader.read(LabelingExample.resource("audit.jsonl"));
  }

  static Dataset test() {
    return DatasetReader.read(LabelingExample.resource("heldout_gold.jsonl"));
  }

  static Distiller.Builder distiller() {
    return Distiller.builder(new HashingEmbedder(256)).bootstrap(new Bootstrap(200, 0.95, 1));
  }

  @Test
  void targetRecallIsMetOnTheAuditSample() {
    Distiller.Result r = distiller().target(Target.recall(0.8)).build()
        .distill(labels(), audit(), Optional.empty(), Optional.empty());
    assertThat(r.report().targetMet()).isTrue();
    assertThat(r.report().audit().recall().estimate()).isGreaterThanOrEqualTo(0.8);
    assertThat(r.rule()).isInstanceOf(DecisionRules.PerLabelThresholds.class);
    assertThat(r.report().notes()).anyMatch(n -> n.contains("no test set"));
  }

  @Test
  void anUnreachableTargetIsReportedNotFaked() {
    Distiller.Result r = distiller().target(Target.precision(1.0)).build()
        .distill(labels(), audit(), Optional.of(test()), Optional.empty());
    if (!r.report().targetMet()) {
      assertThat(r.report().threshold()).isEmpty();
      assertThat(r.report().notes()).anyMatch(n -> n.contains("no threshold reaches"));
    } else {
      assertThat(r.report().audit().precision().estimate()).isEqualTo(1.0);
    }
  }

  @Test
  void theAuditSampleMayNotShareIdsWithTheTestSet() {
    Dataset audit = audit();
    List<Example> t = new ArrayList<>(test().examples());
    t.add(audit.get(0));
    Dataset test = Dataset.of(audit.labels(), t);
    assertThatThrownBy(() -> distiller().target(Target.precision(0.9)).build()
        .distill(labels(), audit, Optional.of(test), Optional.empty()))
        .isInstanceOf(LeakageException.class).hasMessageContaining(audit.get(0).document().id());
  }

  @Test
  void auditDocumentsMarkedAsTestAreRefused() {
    List<Example> ex = new ArrayList<>(audit().examples());
    Example e = ex.get(3);
    ex.set(3, new Example(new Document(e.document().id(), e.document().text(),
        Map.of("split", "test")), e.labels()));
    Dataset marked = Dataset.of(audit().labels(), ex);
    assertThatThrownBy(() -> distiller().build()
        .distill(labels(), marked, Optional.empty(), Optional.empty()))
        .isInstanceOf(LeakageException.class).hasMessageContaining("split=test");
  }

  @Test
  void trainingDocumentsAlsoInTheAuditOrTestSetAreReportedAndLeftOut() {
    List<LlmLabel> l = new ArrayList<>(labels());
    Dataset audit = audit();
    Dataset test = test();
    for (int i = 0; i < 5; i++) {
      l.add(llm(audit.get(i).document()));
    }
    for (int i = 0; i < 3; i++) {
      Document d = test.get(i).document();
      l.add(llm(Document.of("copy-" + i, d.text())));
    }
    Distiller.Result r = distiller().build().distill(l, audit, Optional.of(test), Optional.empty());
    DistillReport rep = r.report();
    assertThat(rep.trainVsAudit().ids()).isEqualTo(5);
    assertThat(rep.trainVsAudit().exactTexts()).isEqualTo(5);
    assertThat(rep.trainVsTest()).hasValueSatisfying(o -> {
      assertThat(o.ids()).isZero();
      assertThat(o.exactTexts()).isEqualTo(3); // from DataChecks' exact_overlap
    });
    assertThat(rep.training().droppedOverlap()).isEqualTo(8);
    assertThat(rep.training().used()).isEqualTo(400);
    assertThat(rep.toJson().path("overlap").path("train_vs_audit").path("ids").asInt())
        .isEqualTo(5);

    Distiller.Result kept = distiller().dropOverlap(false).build()
        .distill(l, audit, Optional.of(test), Optional.empty());
    assertThat(kept.report().training().used()).isEqualTo(408);
    assertThat(kept.report().notes()).anyMatch(n -> n.contains("optimistic"));
  }

  @Test
  void lowConfidenceLabelsAreDroppedAndEveryWeightingTrains() {
    for (Distiller.Weighting w : Distiller.Weighting.values()) {
      Distiller.Result r = distiller().weighting(w).minConfidence(0.8).build()
          .distill(labels(), audit(), Optional.empty(), Optional.empty());
      // the keyword "LLM" says no with .75: every "no" is below .8
      assertThat(r.report().training().droppedLowConfidence()).isPositive();
      assertThat(r.report().training().labelCounts().get("no")).isZero();
      assertThat(r.report().training().weighting()).isEqualTo(w.name().toLowerCase());
    }
  }

  @Test
  void multiClassAndMultiLabelTasksGetAThresholdToo() {
    LabelSpace three = LabelSpace.ofNames("a", "b", "c");
    List<LlmLabel> l = new ArrayList<>();
    List<Example> gold = new ArrayList<>();
    String[] words = {"apple pear plum", "bolt nut screw", "cat dog cow"};
    for (int i = 0; i < 90; i++) {
      int c = i % 3;
      String name = three.name(c);
      Map<String, Double> s = new LinkedHashMap<>();
      for (String n : three.names()) {
        s.put(n, n.equals(name) ? 0.8 : 0.1);
      }
      l.add(new LlmLabel("d" + i, words[c] + " " + i, Map.of(), List.of(name), 0.8, s, false,
          "scored"));
      if (i % 2 == 0) {
        gold.add(Example.of("g" + i, words[c] + " number " + i, name));
      }
    }
    Distiller.Result r = distiller().target(Target.precision(0.9)).build()
        .distill(l, Dataset.of(three, gold), Optional.empty(), Optional.empty());
    assertThat(r.model().kind()).isEqualTo(DistilledModel.Kind.MULTINOMIAL);
    assertThat(r.report().metrics()).isEqualTo("answered");
    assertThat(r.report().targetMet()).isTrue();
    assertThat(r.rule()).isInstanceOf(DecisionRules.Abstain.class);

    List<LlmLabel> ml = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      boolean x = i % 2 == 0;
      boolean y = i % 3 == 0;
      List<String> ls = new ArrayList<>();
      if (x) {
        ls.add("x");
      }
      if (y) {
        ls.add("y");
      }
      ml.add(new LlmLabel("m" + i, (x ? "xylophone " : "") + (y ? "yak " : "") + "w" + i,
          Map.of(), ls, ls.isEmpty() ? 0.9 : 0.9, Map.of("x", x ? 0.9 : 0.1, "y", y ? 0.9 : 0.1),
          false, "scored"));
    }
    List<Example> mg = new ArrayList<>();
    mg.add(new Example(Document.of("q1", "xylophone yak"), List.of("x", "y")));
    mg.add(new Example(Document.of("q2", "xylophone"), List.of("x")));
    mg.add(new Example(Document.of("q3", "yak"), List.of("y")));
    mg.add(new Example(Document.of("q4", "nothing"), List.of()));
    Distiller.Result m = distiller().build().distill(ml, Dataset.of(LabelSpace.ofNames("x", "y"), mg),
        Optional.empty(), Optional.empty());
    // with labels one at a time, multi-label must be said
    List<LlmLabel> single = ml.stream().filter(x -> x.labels().size() <= 1).toList();
    Distiller.Result forced = distiller().multiLabel(true).build().distill(single,
        Dataset.of(LabelSpace.ofNames("x", "y"), mg.subList(1, 4)), Optional.empty(),
        Optional.empty());
    assertThat(forced.model().kind()).isEqualTo(DistilledModel.Kind.ONE_VS_REST);
    assertThat(forced.report().audit().documents()).isEqualTo(3);
    assertThat(m.model().kind()).isEqualTo(DistilledModel.Kind.ONE_VS_REST);
    assertThat(m.report().metrics()).isEqualTo("micro");
  }

  @Test
  void auditLabelsOutsideTheLlmLabelsAreAnError() {
    Dataset odd = Dataset.of(List.of(Example.of("z", "text", "maybe")));
    assertThatThrownBy(() -> distiller().build()
        .distill(labels(), odd, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maybe");
  }
}
