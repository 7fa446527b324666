package org.classify4j.llm.cache;

import java.util.Optional;
import org.classify4j.llm.ChatResponse;

/**
 * Stored chat answers by {@link CacheKey}. Implementations are thread-safe; persistent ones (an
 * embedded database in classify4j-openai) make re-runs and grid searches free.
 */
public interface ResponseCache extends AutoCloseable {

  Optional<ChatResponse> get(CacheKey key);

  void put(CacheKey key, ChatResponse response);

  /** Number of stored answers. */
  long size();

  @Override
  default void close() {}
}
