package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.ClassifierContract;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DenseKnnClassifierTest extends ClassifierContract {
  private final HashingEmbedder embedder = new HashingEmbedder(64);

  @Override
  protected Classifier spec(long seed) {
    return new DenseKnnClassifier(embedder, 5, 0.05, 0, "");
  }

  @Override
  protected LoadContext loadContext() {
    return LoadContext.standard().with(embedder);
  }

  @Nested
  class MultiLabel extends SubjectContract {
    @Override
    protected Classifier spec(long seed) {
      return new DenseKnnClassifier(embedder, 3, 0.05, 0, "");
    }

    @Override
    protected LoadContext loadContext() {
      return LoadContext.standard().with(embedder);
    }

  }

  @Test
  void maxCharsEmbedsOnlyTheBeginning() {
    DenseKnnModel m = new DenseKnnClassifier(embedder, 3, 0.05, 12, "").fit(SubjectFixtures.train());
    float[] x = m.predictProba(List.of(Document.of("a", "Wind turbines and then something else")))
        .row(0);
    float[] y = m.predictProba(List.of(Document.of("b", "Wind turbines"))).row(0);
    assertThat(x).containsExactly(y);
  }
}
