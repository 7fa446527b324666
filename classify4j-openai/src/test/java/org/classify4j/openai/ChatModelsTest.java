package org.classify4j.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.classify4j.llm.ChatModels;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.openai.ChatScript;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.Test;

class ChatModelsTest {
  @Test
  void theProviderKnowsOnlyItsScheme() {
    assertThat(new OpenAiChatModelProvider().create("llamacpp:x", java.util.Map.of())).isEmpty();
    assertThatThrownBy(() -> ChatModels.create("nosuch:model"))
        .hasMessageContaining("nosuch:model").hasMessageContaining("OpenAiChatModelProvider");
  }

  @Test
  void loadContextPrefersTheGivenChatModel() {
    try (FakeOpenAiServer s = new FakeOpenAiServer(ChatScript.fixed("A"));
        LoadContext ctx = LoadContext.standard()) {
      OpenAiChatModel m = new OpenAiChatModel(OpenAiConfig.of(s.baseUrl(), "", "x"));
      ctx.with(m);
      assertThat(ctx.chatModel(m.id())).isSameAs(m);
      // a model saved against another server's port still gets the one given
      assertThat(ctx.chatModel("openai:x@127.0.0.1:1")).isSameAs(m);
    }
  }
}
