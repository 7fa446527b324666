package org.classify4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.classify4j.data.BadInputException;
import org.junit.jupiter.api.Test;

class EmbedderConfigTest {

  @Test
  void missingKeysTakeDefaultsAndLabelPrefixFollowsPrefix() {
    EmbedderConfig c = EmbedderConfig.parse("{\"prefix\": \"query: \"}", "t");
    assertThat(c.prefix()).isEqualTo("query: ");
    assertThat(c.labelPrefix()).isEqualTo("query: ");
    assertThat(c.pooling()).isEqualTo(Pooling.MEAN);
    assertThat(c.normalize()).isTrue();
    assertThat(c.maxLength()).isEqualTo(512);
    assertThat(c.batching()).isEqualTo(BatchingPolicy.PADDED);
    assertThat(EmbedderConfig.parse("{}", "t")).isEqualTo(EmbedderConfig.DEFAULT);
  }

  @Test
  void everyKeyIsRead() {
    EmbedderConfig c =
        EmbedderConfig.parse(
            "{\"pooling\":\"cls\",\"normalize\":false,\"prefix\":\"passage: \",\"labelPrefix\":"
                + "\"query: \",\"maxLength\":128,\"outputName\":\"out\",\"batching\":\"one_by_one\"}",
            "t");
    assertThat(c)
        .isEqualTo(
            new EmbedderConfig(
                Pooling.CLS, false, "passage: ", "query: ", 128, "out", BatchingPolicy.ONE_BY_ONE));
  }

  @Test
  void badValuesNameTheFileAndKey() {
    assertThatThrownBy(() -> EmbedderConfig.parse("{\"maxLength\": 2}", "dir/embedder.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("dir/embedder.json")
        .hasMessageContaining("maxLength");
    assertThatThrownBy(() -> EmbedderConfig.parse("{\"maxLength\": \"big\"}", "f"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("integer");
    assertThatThrownBy(() -> EmbedderConfig.parse("{\"normalize\": 1}", "f"))
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> EmbedderConfig.parse("[]", "f")).hasMessageContaining("JSON object");
  }

  @Test
  void bundledModelsHaveTheirKnownSettings() {
    assertThat(BundledModel.find("BGE-small-en-v1.5")).contains(BundledModel.BGE_SMALL_EN_V15);
    assertThat(BundledModel.BGE_SMALL_EN_V15.config().pooling()).isEqualTo(Pooling.CLS);
    assertThat(BundledModel.E5_SMALL_V2_Q.config().prefix()).isEqualTo("query: ");
    // e5's authors: "query: " on both sides for symmetric tasks (labels are embedded as texts)
    assertThat(BundledModel.E5_SMALL_V2_Q.config().labelPrefix()).isEqualTo("query: ");
    assertThat(BundledModel.ALL_MINILM_L6_V2.config().maxLength()).isEqualTo(256);
    assertThat(BundledModel.all()).hasSize(5);
    assertThat(BundledModel.DEFAULT.id()).isEqualTo("onnx:e5-small-v2-q");
  }
}
