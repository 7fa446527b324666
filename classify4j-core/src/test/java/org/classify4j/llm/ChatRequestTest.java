package org.classify4j.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChatRequestTest {
  @Test
  void validatesParameters() {
    assertThatThrownBy(() -> ChatRequest.builder().build()).hasMessageContaining("message");
    assertThatThrownBy(() -> ChatRequest.builder().messages(ChatMessage.user("x")).maxTokens(0)
        .build()).hasMessageContaining("maxTokens");
    assertThatThrownBy(() -> ChatRequest.builder().messages(ChatMessage.user("x")).logprobs(21)
        .build()).hasMessageContaining("topLogprobs");
    assertThatThrownBy(() -> ChatRequest.builder().messages(ChatMessage.user("x"))
        .temperature(3).build()).hasMessageContaining("temperature");
  }

  @Test
  void builderRoundTrips() {
    ChatRequest r = ChatRequest.builder().messages(ChatMessage.system("s"), ChatMessage.user("u"))
        .seed(7).maxTokens(3).logprobs(5).extraBody("top_k", 1).build();
    assertThat(r.toBuilder().build()).isEqualTo(r);
    assertThat(r.seed().getAsLong()).isEqualTo(7);
    assertThat(Tokens.estimate(r)).isEqualTo(3 + 2 * Tokens.PER_MESSAGE + 1 + 1);
  }
}
