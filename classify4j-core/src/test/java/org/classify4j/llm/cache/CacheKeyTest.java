package org.classify4j.llm.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.TokenLogprob;
import org.classify4j.llm.Usage;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  private static ChatRequest.Builder base() {
    return ChatRequest.builder().messages(ChatMessage.system("s"), ChatMessage.user("hello"))
        .seed(1).maxTokens(1).logprobs(20);
  }

  @Test
  void sameRequestSameKeyAnyParameterChangesIt() {
    CacheKey k = CacheKey.of("m", base().build());
    assertThat(CacheKey.of("m", base().build())).isEqualTo(k);
    assertThat(k.sha256()).matches("[0-9a-f]{64}");
    assertThat(CacheKey.of("m2", base().build())).isNotEqualTo(k);
    assertThat(CacheKey.of("m", base().seed(2).build())).isNotEqualTo(k);
    assertThat(CacheKey.of("m", base().maxTokens(2).build())).isNotEqualTo(k);
    assertThat(CacheKey.of("m", base().temperature(0.5).build())).isNotEqualTo(k);
    assertThat(CacheKey.of("m", base().noLogprobs().build())).isNotEqualTo(k);
    assertThat(CacheKey.of("m", base().noSeed().build())).isNotEqualTo(k);
    assertThat(CacheKey.of("m", base().messages(ChatMessage.user("s"), ChatMessage.user("hello"))
        .build())).isNotEqualTo(k);
    assertThat(CacheKey.of("m", base().extraBody("top_k", 1).build())).isNotEqualTo(k);
  }

  @Test
  void extraBodyOrderDoesNotMatter() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("x", 1);
    a.put("y", Map.of("b", 2, "a", 1));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("y", Map.of("a", 1, "b", 2));
    b.put("x", 1);
    assertThat(CacheKey.of("m", base().extraBody(a).build()))
        .isEqualTo(CacheKey.of("m", base().extraBody(b).build()));
  }

  @Test
  void responsesSurviveTheCodec() {
    ChatResponse r = new ChatResponse("A", List.of(new TokenLogprob("A", -0.1,
        List.of(new TokenLogprob.Alternative("A", -0.1), new TokenLogprob.Alternative("B", -2.5)))),
        new Usage(12, 1), "stop");
    assertThat(ResponseCodec.fromJson(ResponseCodec.toJson(r))).isEqualTo(r);
  }
}
