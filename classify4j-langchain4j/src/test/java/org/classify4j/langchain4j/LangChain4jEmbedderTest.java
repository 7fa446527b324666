package org.classify4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.classify4j.Classify4jException;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.Prediction;
import org.classify4j.data.Example;
import org.classify4j.embed.CentroidClassifier;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LangChain4j's own in-process MiniLM as a classify4j embedder. */
class LangChain4jEmbedderTest {
  static AllMiniLmL6V2EmbeddingModel minilm;

  @BeforeAll
  static void load() {
    minilm = new AllMiniLmL6V2EmbeddingModel();
  }

  @AfterAll
  static void drop() {
    minilm = null;
  }

  /** Delegates to MiniLM and records the size of every embedAll batch. */
  static final class Counting implements EmbeddingModel {
    final List<Integer> batches = new CopyOnWriteArrayList<>();

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      batches.add(segments.size());
      return minilm.embedAll(segments);
    }

    @Override
    public int dimension() {
      return 384;
    }
  }

  @Test
  void embedsInBatchesOfTheConfiguredSizeInOrder() {
    Counting counting = new Counting();
    var embedder = LangChain4jEmbedder.builder("langchain4j:all-minilm-l6-v2", counting)
        .batchSize(4).build();
    List<String> texts = new ArrayList<>();
    for (Example e : Fixtures.topics().examples().subList(0, 10)) {
      texts.add(e.document().text());
    }

    float[][] v = embedder.embed(texts);

    assertThat(counting.batches).containsExactly(4, 4, 2);
    assertThat(v).hasNumberOfRows(10);
    for (int i = 0; i < v.length; i++) {
      assertThat(v[i]).hasSize(384);
      double n = 0;
      for (float x : v[i]) {
        n += x * x;
      }
      assertThat(Math.sqrt(n)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      // the same vector as LangChain4j gives for the text alone: batching changes nothing
      float[] alone = minilm.embed(texts.get(i)).content().vector();
      double dot = 0;
      double na = 0;
      for (int j = 0; j < alone.length; j++) {
        dot += alone[j] * v[i][j];
        na += alone[j] * alone[j];
      }
      assertThat(dot / Math.sqrt(na)).isGreaterThan(0.9999);
    }
  }

  @Test
  void aCentroidClassifierOnLangChain4jEmbeddingsGetsTheTopicsRight() {
    var embedder = LangChain4jEmbedder.of("langchain4j:all-minilm-l6-v2", minilm);
    assertThat(embedder.dimension()).isEqualTo(384);
    ClassifierModel model = CentroidClassifier.of(embedder).fit(Fixtures.topics());

    List<Prediction> p = model.predict(Fixtures.documents(Fixtures.topicsTest()));

    for (int i = 0; i < p.size(); i++) {
      assertThat(p.get(i).labelNames())
          .containsExactlyElementsOf(Fixtures.topicsTest().get(i).labels());
    }
  }

  @Test
  void aModelThatReturnsTheWrongNumberOfVectorsIsAnError() {
    EmbeddingModel broken = new EmbeddingModel() {
      @Override
      public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return Response.from(List.of(Embedding.from(new float[] {1, 0})));
      }

      @Override
      public int dimension() {
        return 2;
      }
    };
    var embedder = LangChain4jEmbedder.of("broken", broken);

    assertThatThrownBy(() -> embedder.embed(List.of("a", "b")))
        .isInstanceOf(Classify4jException.class)
        .hasMessageContaining("1 vectors").hasMessageContaining("2 texts");
  }

  @Test
  void aVectorOfTheWrongDimensionIsAnError() {
    EmbeddingModel broken = new EmbeddingModel() {
      @Override
      public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return Response.from(List.of(Embedding.from(new float[] {1, 0, 0})));
      }

      @Override
      public int dimension() {
        return 2;
      }
    };
    assertThatThrownBy(() -> LangChain4jEmbedder.of("broken", broken).embed(List.of("a")))
        .isInstanceOf(Classify4jException.class).hasMessageContaining("3 dimensions");
  }

  @Test
  void labelsGetTheirOwnPrefix() {
    List<String> seen = new CopyOnWriteArrayList<>();
    EmbeddingModel recording = new EmbeddingModel() {
      @Override
      public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>();
        for (TextSegment s : segments) {
          seen.add(s.text());
          out.add(Embedding.from(new float[] {3, 4}));
        }
        return Response.from(out);
      }

      @Override
      public int dimension() {
        return 2;
      }
    };
    var e = LangChain4jEmbedder.builder("e5", recording).documentPrefix("passage: ")
        .labelPrefix("query: ").build();

    float[][] d = e.embed(List.of("doc"));
    e.embedLabels(List.of("label"));

    assertThat(seen).containsExactly("passage: doc", "query: label");
    assertThat(d[0]).containsExactly(0.6f, 0.8f);
  }
}
