package org.classify4j.llm.cache;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.classify4j.llm.ChatResponse;

/** A {@link ResponseCache} in a concurrent map, for tests and single runs. */
public final class InMemoryResponseCache implements ResponseCache {
  private final ConcurrentHashMap<CacheKey, ChatResponse> map = new ConcurrentHashMap<>();

  @Override
  public Optional<ChatResponse> get(CacheKey key) {
    return Optional.ofNullable(map.get(key));
  }

  @Override
  public void put(CacheKey key, ChatResponse response) {
    map.put(key, response);
  }

  @Override
  public long size() {
    return map.size();
  }
}
