package org.classify4j.llm.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.TokenLogprob;
import org.classify4j.llm.Usage;
import org.classify4j.llm.cache.CacheKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlResponseCacheTest {
  @TempDir Path dir;

  @Test
  void answersSurviveReopeningAndTheFileHoldsNoPrompt() throws Exception {
    Path f = dir.resolve("cache.jsonl");
    ChatRequest req = ChatRequest.builder().messages(ChatMessage.user("secret prompt text")).build();
    CacheKey key = CacheKey.of("m", req);
    ChatResponse r = new ChatResponse("A", List.of(new TokenLogprob("A", -0.1,
        List.of(new TokenLogprob.Alternative("A", -0.1)))), new Usage(10, 1), "stop");
    try (JsonlResponseCache c = JsonlResponseCache.open(f)) {
      assertThat(c.get(key)).isEmpty();
      c.put(key, r);
      c.put(key, r);
      assertThat(c.size()).isEqualTo(1);
    }
    Files.writeString(f, "{\"k\":\"torn", StandardOpenOption.APPEND);
    try (JsonlResponseCache c = JsonlResponseCache.open(f)) {
      assertThat(c.get(key)).contains(r);
      assertThat(c.size()).isEqualTo(1);
    }
    assertThat(Files.readString(f)).doesNotContain("secret prompt").doesNotContain("torn");
  }
}
