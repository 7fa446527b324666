package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.testkit.ClassifierContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TfidfKnnClassifierTest extends ClassifierContract {

  @Override
  protected Classifier spec(long seed) {
    return new TfidfKnnClassifier("english", 2, 1, 5, 2.0);
  }

  @Nested
  class MultiLabel extends SubjectContract {
    @Override
    protected Classifier spec(long seed) {
      return new TfidfKnnClassifier("english", 2, 1, 3, 2.0);
    }

  }

  @Test
  void aTrainingTextGetsItsOwnLabelsFirst() {
    Dataset train = SubjectFixtures.train();
    TfidfKnnModel m = new TfidfKnnClassifier("english", 2, 1, 1, 1.0).fit(train);
    ScoreMatrix s = m.predictProba(List.of(train.get(3).document()));
    assertThat(train.get(3).labels()).contains(train.labels().name(s.argmax(0)));
  }

  @Test
  void aTextSharingNoTermScoresNothing() {
    TfidfKnnModel m = new TfidfKnnClassifier("english", 1, 1, 3, 1.0).fit(SubjectFixtures.train());
    ScoreMatrix s = m.predictProba(List.of(Document.of("z", "qwerty zxcvb")));
    for (int j = 0; j < s.cols(); j++) {
      assertThat(s.get(0, j)).isZero();
    }
  }
}
