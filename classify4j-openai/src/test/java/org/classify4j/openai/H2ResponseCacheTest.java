package org.classify4j.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.TokenLogprob;
import org.classify4j.llm.Usage;
import org.classify4j.llm.cache.CacheKey;
import org.classify4j.llm.cache.CachingChatModel;
import org.classify4j.testkit.openai.ChatScript;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2ResponseCacheTest {
  @TempDir Path dir;

  @Test
  void storesAnswersAcrossReopening() {
    CacheKey k = CacheKey.of("m", ChatRequest.builder().messages(ChatMessage.user("x")).build());
    ChatResponse r = new ChatResponse("A", List.of(new TokenLogprob("A", -0.5,
        List.of(new TokenLogprob.Alternative("A", -0.5)))), new Usage(3, 1), "stop");
    try (H2ResponseCache c = H2ResponseCache.open(dir)) {
      assertThat(c.get(k)).isEmpty();
      c.put(k, "m", r);
      c.put(k, "m", r);
      assertThat(c.size()).isEqualTo(1);
    }
    try (H2ResponseCache c = H2ResponseCache.open(dir)) {
      assertThat(c.get(k)).contains(r);
    }
  }

  @Test
  void aSecondIdenticalRunMakesNoRequests() {
    try (FakeOpenAiServer server = new FakeOpenAiServer(ChatScript.fixed("A"))) {
      OpenAiChatModel m = new OpenAiChatModel(OpenAiConfig.of(server.baseUrl(), "", "fake"));
      ChatRequest req = ChatRequest.builder().messages(ChatMessage.user("hello")).seed(1).build();
      try (H2ResponseCache c = H2ResponseCache.open(dir)) {
        assertThat(new CachingChatModel(m, c).chat(req).text()).isEqualTo("A");
      }
      assertThat(server.requestCount()).isEqualTo(1);
      try (H2ResponseCache c = H2ResponseCache.open(dir)) {
        CachingChatModel cached = new CachingChatModel(m, c);
        assertThat(cached.chat(req).text()).isEqualTo("A");
        assertThat(cached.hits()).isEqualTo(1);
      }
      assertThat(server.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void defaultDirectoryFollowsTheEnvironment() {
    assertThat(H2ResponseCache.defaultDirectory(Map.of("CLASSIFY4J_CACHE_DIR", "/tmp/x")))
        .isEqualTo(Path.of("/tmp/x"));
    assertThat(H2ResponseCache.defaultDirectory(Map.of()).toString()).contains("classify4j");
  }
}
