package org.classify4j.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.classify4j.cascade.CascadeClassifier;
import org.classify4j.cascade.CascadeTest;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.eval.Calibration;
import org.classify4j.eval.EvalData;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.text.TfidfLinearClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {
  @TempDir Path tmp;

  static final LabelSpace LABELS = LabelSpace.ofNames("a", "b", "c", "d");

  /** One-hot scores right 70 % of the time: a sure-of-itself LLM without logprobs. */
  static ScoreMatrix overconfident(Dataset d, long seed) {
    Random r = new Random(seed);
    float[][] s = new float[d.size()][LABELS.size()];
    for (int i = 0; i < d.size(); i++) {
      int g = d.goldIndices(i)[0];
      s[i][r.nextDouble() < 0.7 ? g : (g + 1 + r.nextInt(3)) % 4] = 1f;
    }
    return ScoreMatrix.of(LABELS, s);
  }

  static Dataset labelled(int n, long seed) {
    Random r = new Random(seed);
    List<Example> ex = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ex.add(Example.of("x" + i, "text " + i, LABELS.name(r.nextInt(4))));
    }
    return new Dataset(LABELS, ex, false);
  }

  static double ece(ScoreMatrix s, Dataset d) {
    return Calibration.of(EvalData.of(d, s), 10).ece();
  }

  @Test
  void everyMethodBringsTheEceOfOverconfidentScoresDown() {
    Dataset val = labelled(2000, 1);
    Dataset test = labelled(2000, 2);
    ScoreMatrix sv = overconfident(val, 3);
    ScoreMatrix st = overconfident(test, 4);
    double before = ece(st, test);
    assertThat(before).isGreaterThan(0.25);
    for (ScoreCalibrator.Kind k : ScoreCalibrator.Kind.values()) {
      ScoreCalibrator c = ScoreCalibrator.fit(k, sv, val);
      ScoreMatrix after = c.apply(st);
      assertThat(ece(after, test)).as(k.paramName()).isLessThan(0.05);
      for (int i = 0; i < after.rows(); i++) {
        assertThat(after.argmax(i)).as("argmax kept").isEqualTo(st.argmax(i));
      }
    }
  }

  @Test
  void isotonicMapsAOneHotScoreToTheShareRight() {
    Dataset val = labelled(2000, 1);
    ScoreCalibrator c = ScoreCalibrator.fit(ScoreCalibrator.Kind.ISOTONIC, overconfident(val, 3), val);
    ScoreMatrix s = c.apply(ScoreMatrix.of(LABELS, new float[][] {{0, 1, 0, 0}, {0, 0, 0, 0}}));

    assertThat(s.get(0, 1)).isCloseTo(0.7f, org.assertj.core.data.Offset.offset(0.03f));
    assertThat(s.row(1)).containsOnly(0f); // an abstention stays one
  }

  @Test
  void multiLabelScoresAreCalibratedPerLabelPooled() {
    Random r = new Random(5);
    List<Example> ex = new ArrayList<>();
    float[][] s = new float[3000][LABELS.size()];
    for (int i = 0; i < 3000; i++) {
      List<String> gold = new ArrayList<>();
      for (int j = 0; j < 4; j++) {
        float p = r.nextFloat();
        s[i][j] = p;
        // the truth is p², so the raw score p is overconfident
        if (r.nextFloat() < p * p) {
          gold.add(LABELS.name(j));
        }
      }
      ex.add(new Example(org.classify4j.data.Document.of("m" + i, "t"), gold));
    }
    Dataset d = new Dataset(LABELS, ex, true);
    ScoreMatrix raw = ScoreMatrix.of(LABELS, s);
    double before = ece(raw, d);
    // p against a truth of p² needs a shift: Platt and isotonic can make it, temperature (a
    // scale of the logit around 0.5) cannot, and must not make it worse
    assertThat(ece(ScoreCalibrator.fit(ScoreCalibrator.Kind.TEMPERATURE, raw, d).apply(raw), d))
        .isLessThan(before + 0.01);
    for (ScoreCalibrator.Kind k : List.of(ScoreCalibrator.Kind.PLATT, ScoreCalibrator.Kind.ISOTONIC)) {
      assertThat(ece(ScoreCalibrator.fit(k, raw, d).apply(raw), d)).as(k.paramName())
          .isLessThan(before / 2);
    }
  }

  @Test
  void aCalibratedModelIsSavedWithItsBaseAndLoadsTheSameScores() {
    Dataset train = CascadeTest.data(40, 1);
    Dataset test = CascadeTest.data(10, 2);
    for (ScoreCalibrator.Kind k : ScoreCalibrator.Kind.values()) {
      CalibratedModel m = new CalibratedClassifier(
          new CascadeClassifier.FitStage(TfidfLinearClassifier.defaults()), k, 0.3, 7).fit(train);
      Path dir = tmp.resolve(k.paramName());
      ModelStore.save(m, dir, Provenance.of(TfidfLinearClassifier.defaults(), train));
      ClassifierModel back = ModelStore.load(dir, LoadContext.standard()).model();

      assertThat(dir.resolve("base").resolve(ModelStore.MANIFEST)).isRegularFile();
      assertThat(back).isInstanceOf(CalibratedModel.class);
      assertThat(back.predictProba(test.documents()).toArray())
          .isDeepEqualTo(m.predictProba(test.documents()).toArray());
      assertThat(m.predictProba(test.documents()).toArray())
          .isNotEqualTo(m.base().predictProba(test.documents()).toArray());
    }
  }

  @Test
  void byNameOverASavedModelOrAMethod() throws Exception {
    Dataset train = CascadeTest.data(40, 1);
    Path base = tmp.resolve("base");
    ModelStore.save(TfidfLinearClassifier.defaults().fit(train), base,
        Provenance.of(TfidfLinearClassifier.defaults(), train));
    try (LoadContext ctx = LoadContext.standard()) {
      var fromDir = Methods.create("calibrated", MethodParams.parse(List.of(
          "base=" + base, "calibration=platt")), ctx).fit(CascadeTest.data(20, 9));
      var fromMethod = Methods.create("calibrated", MethodParams.parse(List.of(
          "base=tfidf-linear", "base.C=10", "calibration=temperature")), ctx).fit(train);

      assertThat(((CalibratedModel) fromDir).calibrator().name()).isEqualTo("platt");
      assertThat(((CalibratedModel) fromMethod).calibrator().name()).isEqualTo("temperature");
      assertThatThrownBy(() -> Methods.create("calibrated", MethodParams.parse(List.of(
          "base=tfidf-linear", "calibration=magic")), ctx)).hasMessageContaining("magic");
      assertThatThrownBy(() -> Methods.create("calibrated", MethodParams.parse(List.of(
          "calibration=platt")), ctx)).hasMessageContaining("base=");
    }
  }
}
