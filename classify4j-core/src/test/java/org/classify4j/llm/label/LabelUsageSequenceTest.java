package org.classify4j.llm.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Usage files say when documents were scored from exact label sequences. */
class LabelUsageSequenceTest {
  private static LabelUsage usage(long documents) {
    return new LabelUsage("openai:m@h", documents, 0, documents * 3, documents * 3, 100, 3, 0,
        Optional.empty(), 1.0, 1);
  }

  @Test
  void sequenceDocumentsAreCountedSavedAndNamed() {
    LabelUsage all = usage(4).withSequenceDocuments(4);
    assertThat(all.toJson().path("scoring").asText()).isEqualTo("sequence");
    assertThat(all.toJson().path("sequence_documents").asLong()).isEqualTo(4);
    assertThat(LabelUsage.fromJson(all.toJson())).isEqualTo(all);
    // a later run that fell back to first-token logprobs: mixed
    LabelUsage both = all.plus(usage(2));
    assertThat(both.sequenceDocuments()).isEqualTo(4);
    assertThat(both.toJson().path("scoring").asText()).isEqualTo("mixed");
    assertThat(usage(2).toJson().path("scoring").asText()).isEqualTo("logprobs");
    assertThat(usage(2).toJson().has("sequence_documents")).isFalse();
    assertThat(usage(2).withOneHotDocuments(2).toJson().path("scoring").asText())
        .isEqualTo("one-hot");
  }
}
