package org.classify4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.CentroidClassifier;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Test;

/** The partition iterator without Spark: bounded look-ahead, one model call per batch. */
class BatchScoringIteratorTest {

  /** Wraps a model and records the size of every predictProba call. */
  private record CountingModel(ClassifierModel inner, List<Integer> calls)
      implements ClassifierModel {
    @Override
    public LabelSpace classes() {
      return inner.classes();
    }

    @Override
    public boolean multiLabel() {
      return inner.multiLabel();
    }

    @Override
    public ScoreMatrix predictProba(List<Document> documents) {
      calls.add(documents.size());
      return inner.predictProba(documents);
    }

    @Override
    public DecisionRule defaultRule() {
      return inner.defaultRule();
    }
  }

  @Test
  void pullsAtMostOneBatchAheadOfWhatItHandsOut() {
    ClassifierModel base = CentroidClassifier.of(new HashingEmbedder(32)).fit(Fixtures.topics());
    List<Integer> calls = new ArrayList<>();
    AtomicInteger pulled = new AtomicInteger();
    int n = 10_000;
    Iterator<Row> source = new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Row next() {
        pulled.incrementAndGet();
        return RowFactory.create("r" + i, "the team won the match " + i++);
      }
    };
    int batch = 50;
    BatchScoringIterator it = new BatchScoringIterator(source,
        new CountingModel(base, calls), DecisionRule.argmax(), 1, 2, batch);
    int out = 0;
    int maxAhead = 0;
    while (it.hasNext()) {
      Row r = it.next();
      out++;
      maxAhead = Math.max(maxAhead, pulled.get() - out);
      assertThat(r.length()).isEqualTo(5);
      assertThat(r.getString(0)).isEqualTo("r" + (out - 1));
      assertThat((String[]) r.get(2)).containsExactly("sports");
      assertThat(r.<String, Float>getJavaMap(3)).hasSize(2);
    }
    assertThat(out).isEqualTo(n);
    assertThat(maxAhead).isLessThan(batch);
    assertThat(calls).hasSize(n / batch).allMatch(c -> c == batch);
  }

  @Test
  void nullTextsAbstainWithoutAModelCallAndAnEmptySourceCallsNothing() {
    ClassifierModel base = CentroidClassifier.of(new HashingEmbedder(32)).fit(Fixtures.topics());
    List<Integer> calls = new ArrayList<>();
    List<Row> rows = List.of(RowFactory.create("a", null), RowFactory.create("b", "bake bread"));
    BatchScoringIterator it = new BatchScoringIterator(rows.iterator(),
        new CountingModel(base, calls), DecisionRule.argmax(), 1, 0, 8);
    Row a = it.next();
    Row b = it.next();
    assertThat(it.hasNext()).isFalse();
    assertThat((String[]) a.get(2)).isEmpty();
    assertThat(a.getBoolean(4)).isTrue();
    assertThat((String[]) b.get(2)).containsExactly("cooking");
    assertThat(calls).containsExactly(1);

    List<Integer> none = new ArrayList<>();
    assertThat(new BatchScoringIterator(List.<Row>of().iterator(),
        new CountingModel(base, none), DecisionRule.argmax(), 1, 0, 8).hasNext()).isFalse();
    assertThat(none).isEmpty();
  }
}
