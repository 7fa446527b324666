package org.classify4j.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Example;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** Models saved by an earlier version (see TfidfLinearFixtureMaker) still load and predict. */
class TfidfLinearSavedModelTest {

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(TfidfLinearSavedModelTest.class.getResource("/models/" + name + "/manifest.json")
        .toURI()).getParent();
  }

  @Test
  void singleLabelFixtureLoadsAndPredictsLikeAFreshFit() throws Exception {
    try (LoadContext ctx = LoadContext.standard()) {
      LoadedModel loaded = ModelStore.load(fixture("tfidf-linear-v1"), ctx);
      assertThat(loaded.model()).isInstanceOf(TfidfLinearModel.class);
      assertThat(loaded.model().classes()).isEqualTo(Fixtures.TOPICS);
      assertThat(loaded.provenance().method()).isEqualTo("tfidf-linear");
      List<Example> test = Fixtures.topicsTest();
      ScoreMatrix s = loaded.model().predictProba(Fixtures.documents(test));
      ScoreMatrix fresh = TfidfLinearClassifier.defaults().withMinDf(1).fit(Fixtures.topics())
          .predictProba(Fixtures.documents(test));
      for (int i = 0; i < test.size(); i++) {
        assertThat(s.classes().name(s.argmax(i))).isEqualTo(test.get(i).labels().get(0));
        for (int j = 0; j < s.cols(); j++) {
          assertThat((double) s.get(i, j)).isCloseTo(fresh.get(i, j), within(1e-4));
        }
      }
      assertThat(loaded.predict(Fixtures.documents(test))).hasSize(test.size());
    }
  }

  @Test
  void multiLabelFixtureLoadsWithItsNeverSeenLabel() throws Exception {
    try (LoadContext ctx = LoadContext.standard()) {
      LoadedModel loaded = ModelStore.load(fixture("tfidf-linear-multilabel-v1"), ctx);
      assertThat(loaded.model().multiLabel()).isTrue();
      ScoreMatrix s = loaded.model().predictProba(Fixtures.documents(Fixtures.topicsTest()));
      int music = s.classes().requireIndex("music");
      for (int i = 0; i < s.rows(); i++) {
        assertThat(s.get(i, music)).isZero();
      }
      assertThat(s.classes().name(s.argmax(1))).isEqualTo("cooking");
    }
  }
}
