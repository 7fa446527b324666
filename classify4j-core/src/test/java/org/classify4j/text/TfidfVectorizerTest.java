package org.classify4j.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.linear.SparseFeatures;
import org.junit.jupiter.api.Test;

class TfidfVectorizerTest {

  private static final List<String> DOCS = List.of(
      "the cat sat on the mat",
      "the dog sat",
      "cats and dogs",
      "the the the");

  private static final TfidfVectorizer WORDS =
      new TfidfVectorizer(1, 1.0, 0, false, 1, TfidfVectorizer.Norm.L2);

  @Test
  void vocabularyIsSortedAndIdfIsSmoothed() {
    TfidfModel m = WORDS.fit(DOCS);
    assertThat(m.terms())
        .containsExactly("and", "cat", "cats", "dog", "dogs", "mat", "on", "sat", "the");
    // idf = ln((1 + n) / (1 + df)) + 1 with n = 4
    float[] idf = m.idf();
    assertThat((double) idf[m.terms().indexOf("the")])
        .isCloseTo(Math.log(5.0 / 4.0) + 1, within(1e-6));
    assertThat((double) idf[m.terms().indexOf("cat")])
        .isCloseTo(Math.log(5.0 / 2.0) + 1, within(1e-6));
    assertThat((double) idf[m.terms().indexOf("sat")])
        .isCloseTo(Math.log(5.0 / 3.0) + 1, within(1e-6));
  }

  @Test
  void rowsAreTfTimesIdfScaledToUnitLength() {
    TfidfModel m = WORDS.fit(DOCS);
    SparseFeatures x = m.transform(List.of("the cat sat on the mat", "unknown words only"));
    int the = m.terms().indexOf("the");
    int cat = m.terms().indexOf("cat");
    double wThe = 2 * (Math.log(5.0 / 4.0) + 1);
    double wCat = Math.log(5.0 / 2.0) + 1;
    double wSat = Math.log(5.0 / 3.0) + 1;
    double norm = Math.sqrt(wThe * wThe + 3 * wCat * wCat + wSat * wSat); // cat, on, mat: df 1
    assertThat((double) x.get(0, the)).isCloseTo(wThe / norm, within(1e-6));
    assertThat((double) x.get(0, cat)).isCloseTo(wCat / norm, within(1e-6));
    double sq = 0;
    for (int j = 0; j < x.cols(); j++) {
      sq += x.get(0, j) * x.get(0, j);
    }
    assertThat(sq).isCloseTo(1.0, within(1e-6));
    assertThat(x.rowPtr()[2] - x.rowPtr()[1]).as("unknown words give an empty row").isZero();
  }

  @Test
  void sublinearTfDampensRepeats() {
    TfidfModel m = WORDS.withSublinearTf(true).withNorm(TfidfVectorizer.Norm.NONE).fit(DOCS);
    SparseFeatures x = m.transform(List.of("the the the"));
    double idfThe = Math.log(5.0 / 4.0) + 1;
    assertThat((double) x.get(0, m.terms().indexOf("the")))
        .isCloseTo((1 + Math.log(3)) * idfThe, within(1e-5));
  }

  @Test
  void documentFrequencyLimitsAndMaxFeatures() {
    assertThat(WORDS.withMinDf(2).fit(DOCS).terms()).containsExactly("sat", "the");
    // "the" is in 3 of 4 documents
    assertThat(WORDS.withMaxDf(0.5).fit(DOCS).terms()).doesNotContain("the").contains("sat");
    // most frequent: the (6), sat (2); then ties broken by string order
    assertThat(WORDS.withMaxFeatures(3).fit(DOCS).terms()).containsExactly("and", "sat", "the");
    assertThat(WORDS.withMinDf(10).fit(DOCS).size()).isZero();
  }

  @Test
  void bigramsBecomeColumns() {
    TfidfModel m = WORDS.withNgramMax(2).fit(DOCS);
    assertThat(m.terms()).contains("the cat", "dog sat", "the the");
    SparseFeatures x = m.transform(List.of("the dog sat"));
    assertThat(x.get(0, m.terms().indexOf("dog sat"))).isPositive();
    assertThat(x.get(0, m.terms().indexOf("the cat"))).isZero();
  }

  @Test
  void rebuiltModelsTransformTheSame() {
    TfidfModel m = TfidfVectorizer.defaults().fit(DOCS);
    TfidfModel again = TfidfModel.of(new ArrayList<>(m.terms()), m.idf(), m.params());
    assertThat(again.transform(DOCS)).isEqualTo(m.transform(DOCS));
    assertThatThrownBy(() -> TfidfModel.of(List.of("a", "a"), new float[] {1, 1}, WORDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> TfidfModel.of(List.of("a"), new float[] {1, 1}, WORDS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TfidfModel.of(List.of("a"), new float[] {0}, WORDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idf");
  }

  @Test
  void fittingLeavesTheTextsAloneAndIsDeterministic() {
    List<String> docs = new ArrayList<>(DOCS);
    TfidfModel a = TfidfVectorizer.defaults().fit(docs);
    TfidfModel b = TfidfVectorizer.defaults().fit(docs);
    assertThat(docs).isEqualTo(DOCS);
    assertThat(a.terms()).isEqualTo(b.terms());
    assertThat(a.idf()).containsExactly(b.idf());
  }
}
