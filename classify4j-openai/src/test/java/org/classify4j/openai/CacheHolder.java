package org.classify4j.openai;

import java.nio.file.Path;
import java.util.List;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.Usage;
import org.classify4j.llm.cache.CacheKey;

/** A second process for {@link SharedCacheTest}: opens the cache, stores one answer, holds it. */
public final class CacheHolder {
  private CacheHolder() {}

  public static void main(String[] args) throws Exception {
    try (H2ResponseCache c = H2ResponseCache.open(Path.of(args[0]))) {
      c.put(key("from-child"), "m", new ChatResponse("child", List.of(), new Usage(1, 1), "stop"));
      System.out.println("ready");
      System.out.flush();
      // hold the database open until the parent closes our stdin
      while (System.in.read() >= 0) {
        // wait
      }
    }
  }

  static CacheKey key(String text) {
    return CacheKey.of("m", ChatRequest.builder().messages(ChatMessage.user(text)).build());
  }
}
