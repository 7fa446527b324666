package org.classify4j.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.Classify4jException;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.classify.io.JsonlWriter;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.text.TfidfLinearClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class CascadeTest {
  @TempDir Path tmp;

  static final LabelSpace LABELS = LabelSpace.ofNames("red", "green", "blue");
  static final String[][] WORDS = {
    {"apple", "cherry", "tomato", "brick", "blood"},
    {"grass", "leaf", "frog", "lime", "moss"},
    {"sky", "ocean", "sapphire", "jeans", "whale"}};

  /** Texts of a label's words, some with words of another label mixed in (the hard ones). */
  public static Dataset data(int perLabel, long seed) {
    Random r = new Random(seed);
    List<Example> ex = new ArrayList<>();
    int id = 0;
    for (int i = 0; i < perLabel; i++) {
      for (int l = 0; l < 3; l++) {
        StringBuilder t = new StringBuilder();
        int own = 1 + r.nextInt(3);
        for (int w = 0; w < own; w++) {
          t.append(WORDS[l][r.nextInt(5)]).append(' ');
        }
        if (r.nextDouble() < 0.4) {
          int other = (l + 1 + r.nextInt(2)) % 3;
          for (int w = 0; w < 1 + r.nextInt(2); w++) {
            t.append(WORDS[other][r.nextInt(5)]).append(' ');
          }
        }
        t.append("n").append(id);
        ex.add(Example.of("d" + id++, t.toString().trim(), LABELS.name(l)));
      }
    }
    return new Dataset(LABELS, ex, false);
  }

  /** A costly "model" that knows the gold label of every text it was given; counts its texts. */
  static final class Oracle implements Classifier {
    final Map<String, String> gold = new HashMap<>();
    final AtomicInteger texts = new AtomicInteger();

    Oracle(Dataset... sets) {
      for (Dataset d : sets) {
        for (Example e : d.examples()) {
          gold.put(e.document().text(), e.labels().get(0));
        }
      }
    }

    @Override
    public String method() {
      return "oracle";
    }

    @Override
    public Map<String, Object> params() {
      return Map.of();
    }

    @Override
    public ClassifierModel fit(Dataset train) {
      return new ClassifierModel() {
        @Override
        public LabelSpace classes() {
          return train.labels();
        }

        @Override
        public boolean multiLabel() {
          return false;
        }

        @Override
        public ScoreMatrix predictProba(List<Document> documents) {
          texts.addAndGet(documents.size());
          float[][] s = new float[documents.size()][train.labels().size()];
          for (int i = 0; i < s.length; i++) {
            s[i][train.labels().indexOf(gold.get(documents.get(i).text())).getAsInt()] = 1f;
          }
          return ScoreMatrix.of(train.labels(), s);
        }
      };
    }
  }

  static CascadeClassifier.Stage tfidf() {
    return new CascadeClassifier.FitStage(TfidfLinearClassifier.defaults());
  }

  static double accuracy(List<org.classify4j.classify.Prediction> p, Dataset d) {
    int right = 0;
    for (int i = 0; i < p.size(); i++) {
      right += p.get(i).labelNames().equals(d.get(i).labels()) ? 1 : 0;
    }
    return (double) right / p.size();
  }

  @Test
  void textsBelowTheThresholdGoOnAndTheOutputSaysWhichStageAnswered() {
    Dataset train = data(30, 1);
    Dataset test = data(20, 2);
    Oracle oracle = new Oracle(train, test);
    CascadeModel m = CascadeClassifier.builder(tfidf(), new CascadeClassifier.FitStage(oracle))
        .threshold(0.5).build().fit(train);
    ClassifierModel alone = TfidfLinearClassifier.defaults().fit(train);
    ScoreMatrix s1 = alone.predictProba(test.documents());
    oracle.texts.set(0);

    ScoreMatrix s = m.predictProba(test.documents());

    int expectedOn = 0;
    for (int i = 0; i < test.size(); i++) {
      boolean unsure = Route.MARGIN.confidence(s1, i, false, alone.defaultRule()) < 0.5;
      expectedOn += unsure ? 1 : 0;
      assertThat(s.note(CascadeModel.STAGE_NOTE, i).getAsInt()).isEqualTo(unsure ? 2 : 1);
      assertThat(s.row(i)).containsExactly(unsure
          ? oracle.fit(train).predictProba(List.of(test.get(i).document())).row(0) : s1.row(i));
    }
    assertThat(expectedOn).isBetween(1, test.size() - 1);
    assertThat(m.sentOn()).isEqualTo(expectedOn);
    assertThat(m.scored()).isEqualTo(test.size());

    StringWriter w = new StringWriter();
    JsonlWriter jw = new JsonlWriter(w);
    jw.write("x", m.defaultRule().decide(s, 0), s, 0);
    assertThat(w.toString()).contains("\"stage\":" + s.note("stage", 0).getAsInt());
  }

  @Test
  void stageTwoSeesOnlyTheTextsSentOn() {
    Dataset train = data(30, 1);
    Dataset test = data(20, 2);
    Oracle oracle = new Oracle(train, test);
    CascadeModel m = CascadeClassifier.builder(tfidf(), new CascadeClassifier.FitStage(oracle))
        .threshold(0.5).build().fit(train);
    oracle.texts.set(0);

    m.predictProba(test.documents());

    assertThat(oracle.texts.get()).isEqualTo((int) m.sentOn());
  }

  @Test
  void aTargetShareSendsAboutThatShareOfTheValidationTextsOn() {
    Dataset train = data(40, 3);
    Oracle oracle = new Oracle(train);
    CascadeModel m = CascadeClassifier.builder(tfidf(), new CascadeClassifier.FitStage(oracle))
        .targetShare(0.25).build().fit(train);

    double share = (double) m.tuning().get("validation_share_sent_on");
    int n = (int) m.tuning().get("validation_texts");
    assertThat(share).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1.0 / n + 1e-9));
    assertThat(oracle.texts.get()).isZero(); // a share needs no stage-2 calls to tune
  }

  @Test
  void aTargetAccuracyIsReachedOnValidationWithTheFewestTextsSentOn() {
    Dataset train = data(60, 4);
    Dataset test = data(40, 5);
    Oracle oracle = new Oracle(train, test);
    CascadeModel perfect = CascadeClassifier.builder(tfidf(), new CascadeClassifier.FitStage(oracle))
        .targetAccuracy(1.0).build().fit(train);
    double stage1 = (double) perfect.tuning().get("stage1_accuracy");
    CascadeModel modest = CascadeClassifier.builder(tfidf(), new CascadeClassifier.FitStage(oracle))
        .targetAccuracy(stage1).build().fit(train);

    assertThat(stage1).isLessThan(1.0);
    assertThat(perfect.tuning().get("target_reached")).isEqualTo("yes");
    assertThat((double) perfect.tuning().get("stage2_accuracy")).isEqualTo(1.0);
    assertThat((double) perfect.tuning().get("validation_share_sent_on")).isGreaterThan(0.0);
    assertThat((double) modest.tuning().get("validation_share_sent_on")).isZero();

    // on unseen texts the perfect-target cascade beats stage 1 alone
    ClassifierModel alone = TfidfLinearClassifier.defaults().fit(train);
    double a1 = accuracy(alone.predict(test.documents()), test);
    double ac = accuracy(perfect.predict(test.documents()), test);
    assertThat(ac).isGreaterThan(a1);
  }

  @Test
  void theAbstainRouteSendsOnWhatStageOnesRuleAbstainsOn() {
    Dataset train = data(30, 1);
    Dataset test = data(10, 2);
    ClassifierModel s1 = TfidfLinearClassifier.defaults().fit(train);
    DecisionRule abstain = new org.classify4j.classify.DecisionRules.Abstain(
        DecisionRule.argmax(), 0.6, 0.0);
    Oracle oracle = new Oracle(train, test);
    CascadeModel m = CascadeClassifier.builder(
            new CascadeClassifier.FittedStage(s1, abstain, "given"),
            new CascadeClassifier.FitStage(oracle))
        .route(Route.ABSTAIN).build().fit(train);
    ScoreMatrix base = s1.predictProba(test.documents());

    ScoreMatrix s = m.predictProba(test.documents());

    for (int i = 0; i < test.size(); i++) {
      assertThat(s.note("stage", i).getAsInt())
          .isEqualTo(abstain.decide(base, i).abstained() ? 2 : 1);
    }
  }

  @Test
  void savedAndLoadedWithBothStagesInSubdirectories() {
    Dataset train = data(30, 1);
    Dataset test = data(10, 2);
    CascadeModel m = CascadeClassifier.builder(tfidf(),
            new CascadeClassifier.FitStage(TfidfLinearClassifier.defaults().withC(100)))
        .targetShare(0.3).build().fit(train);
    Path dir = tmp.resolve("cascade");

    ModelStore.save(m, dir, Provenance.of(TfidfLinearClassifier.defaults(), train));
    LoadedModel back = ModelStore.load(dir, LoadContext.standard());

    assertThat(dir.resolve("stage1").resolve(ModelStore.MANIFEST)).isRegularFile();
    assertThat(dir.resolve("stage2").resolve(ModelStore.MANIFEST)).isRegularFile();
    CascadeModel c = (CascadeModel) back.model();
    assertThat(c.threshold()).isEqualTo(m.threshold());
    assertThat(c.route()).isEqualTo(Route.MARGIN);
    assertThat(c.tuning()).containsEntry("target_share", 0.3);
    ScoreMatrix a = m.predictProba(test.documents());
    ScoreMatrix b = c.predictProba(test.documents());
    assertThat(b.toArray()).isDeepEqualTo(a.toArray());
    for (int i = 0; i < test.size(); i++) {
      assertThat(b.note("stage", i)).isEqualTo(a.note("stage", i));
    }
  }

  @Test
  void byNameWithPrefixedStageParametersAndASavedStageOne() throws Exception {
    Dataset train = data(30, 1);
    try (LoadContext ctx = LoadContext.standard()) {
      Classifier c = Methods.create("cascade", MethodParams.parse(List.of(
          "stage1=tfidf-linear", "stage1.C=10", "stage2=prior", "route=max", "threshold=0.6")),
          ctx);
      assertThat(c.params()).containsEntry("stage1", "tfidf-linear").containsEntry("route", "max");
      CascadeModel m = (CascadeModel) c.fit(train);
      assertThat(m.threshold()).isEqualTo(0.6);

      Path s1 = tmp.resolve("s1");
      ModelStore.save(TfidfLinearClassifier.defaults().fit(train), s1,
          Provenance.of(TfidfLinearClassifier.defaults(), train));
      CascadeModel fromDir = (CascadeModel) Methods.create("cascade", MethodParams.parse(List.of(
          "stage1=" + s1, "stage2=prior", "threshold=0.2")), ctx).fit(train);
      assertThat(fromDir.stage1().predictProba(train.documents()).toArray()).isDeepEqualTo(
          ModelStore.load(s1, ctx).model().predictProba(train.documents()).toArray());

      assertThatThrownBy(() -> Methods.create("cascade", MethodParams.parse(List.of(
          "stage1=tfidf-linear", "stage2=prior", "treshold=0.2")), ctx))
          .isInstanceOf(Classify4jException.class).hasMessageContaining("treshold");
      assertThatThrownBy(() -> Methods.create("cascade", MethodParams.parse(List.of(
          "stage1=tfidf-linear")), ctx))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stage2");
      assertThatThrownBy(() -> Methods.create("cascade", MethodParams.parse(List.of(
          "stage1=tfidf-linear", "stage1.nope=1", "stage2=prior")), ctx))
          .hasMessageContaining("nope");
      assertThatThrownBy(() -> Methods.create("cascade", MethodParams.parse(List.of(
          "stage1=tfidf-linear", "stage2=prior", "threshold=0.2", "target_share=0.3")), ctx))
          .hasMessageContaining("one of");
    }
    assertThat(Files.exists(tmp)).isTrue();
  }

  @Test
  void notesSurviveSelectingAndStackingRows() {
    ScoreMatrix a = ScoreMatrix.of(LABELS, new float[][] {{1, 0, 0}, {0, 1, 0}})
        .withNote("stage", new int[] {1, 2});
    ScoreMatrix b = ScoreMatrix.of(LABELS, new float[][] {{0, 0, 1}}).withNote("stage", new int[] {2});

    ScoreMatrix both = ScoreMatrix.concat(LABELS, List.of(a, b));
    ScoreMatrix picked = both.selectRows(new int[] {2, 0});

    assertThat(both.note("stage", 1).getAsInt()).isEqualTo(2);
    assertThat(both.note("stage", 2).getAsInt()).isEqualTo(2);
    assertThat(picked.note("stage", 0).getAsInt()).isEqualTo(2);
    assertThat(picked.note("stage", 1).getAsInt()).isEqualTo(1);
    assertThat(ScoreMatrix.concat(LABELS, List.of(a, ScoreMatrix.of(LABELS, new float[][] {{1, 0, 0}})))
        .noteNames()).isEmpty();
  }
}
