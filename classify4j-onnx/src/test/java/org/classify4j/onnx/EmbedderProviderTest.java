package org.classify4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.classify4j.Classify4jException;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;
import org.junit.jupiter.api.Test;

class EmbedderProviderTest {

  @Test
  void bareAndPrefixedNamesCreateTheBundledModel() {
    for (String id : List.of("all-minilm-l6-v2", "onnx:all-minilm-l6-v2")) {
      try (TextEmbedder e = Embedders.create(id)) {
        assertThat(e).isInstanceOf(OnnxTextEmbedder.class);
        assertThat(e.id()).isEqualTo("onnx:all-minilm-l6-v2");
        assertThat(e.dimension()).isEqualTo(384);
      }
    }
    // "onnx" alone and the default id: the default model, e5-small-v2 int8
    for (String id : List.of("onnx", Embedders.DEFAULT_ID)) {
      try (TextEmbedder e = Embedders.create(id)) {
        assertThat(e.id()).isEqualTo("onnx:e5-small-v2-q");
        assertThat(e.dimension()).isEqualTo(384);
      }
    }
  }

  @Test
  void optionsRoundTripThroughTheId() {
    try (TextEmbedder e =
        Embedders.create(
            "onnx:all-minilm-l6-v2?longText=chunk&maxLength=128&batchSize=4&threads=3&intraOp=1"
                + "&maxBatchTokens=2048")) {
      OnnxTextEmbedder o = (OnnxTextEmbedder) e;
      assertThat(o.longTextPolicy()).isEqualTo(LongTextPolicy.CHUNK);
      assertThat(o.batchSize()).isEqualTo(4);
      assertThat(o.intraOpThreads()).isEqualTo(1);
      assertThat(o.parallelism()).isEqualTo(3);
      assertThat(o.maxBatchTokens()).isEqualTo(2048);
      assertThat(e.id()).isEqualTo("onnx:all-minilm-l6-v2?longText=chunk&maxLength=128");
      try (TextEmbedder again = Embedders.create(e.id())) {
        assertThat(again.id()).isEqualTo(e.id());
        assertThat(again.embed(List.of("same text"))[0])
            .containsExactly(e.embed(List.of("same text"))[0], org.assertj.core.data.Offset.offset(1e-5f));
      }
    }
  }

  @Test
  void unknownIdsAndOptionsFail() {
    assertThat(new OnnxEmbedderProvider().create("hashing:64")).isEmpty();
    assertThat(new OnnxEmbedderProvider().create("gpt-4o")).isEmpty();
    assertThatThrownBy(() -> Embedders.create("onnx:no-such-model"))
        .isInstanceOf(Classify4jException.class)
        .hasMessageContaining("all-minilm-l6-v2");
    assertThatThrownBy(() -> Embedders.create("onnx:all-minilm-l6-v2?pooling=max"))
        .isInstanceOf(Classify4jException.class)
        .hasMessageContaining("unknown option");
    assertThatThrownBy(() -> Embedders.create("onnx:all-minilm-l6-v2?longText=summarize"))
        .isInstanceOf(Classify4jException.class)
        .hasMessageContaining("longText=summarize");
  }

  @Test
  void knownIdsListAvailableModels() {
    assertThat(new OnnxEmbedderProvider().knownIds()).contains("onnx:all-minilm-l6-v2");
    assertThat(Embedders.knownIds()).contains("onnx:all-minilm-l6-v2");
  }
}
