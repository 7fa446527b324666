package org.classify4j.llm.cache;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.classify4j.llm.ChatCapabilities;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;

/**
 * A chat model that answers from a {@link ResponseCache} when it can and stores what the wrapped
 * model answers. Put it outermost (around a governed model), so cached answers use no rate limit,
 * budget or retries. Failed calls are not cached. Neither the model nor the cache is closed by this
 * wrapper: whoever made them closes them.
 */
public final class CachingChatModel implements ChatModel {
  private final ChatModel delegate;
  private final ResponseCache cache;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  public CachingChatModel(ChatModel delegate, ResponseCache cache) {
    this.delegate = delegate;
    this.cache = cache;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public ChatCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public int concurrency() {
    return delegate.concurrency();
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    CacheKey key = CacheKey.of(delegate.id(), request);
    Optional<ChatResponse> hit = cache.get(key);
    if (hit.isPresent()) {
      hits.incrementAndGet();
      return hit.get();
    }
    misses.incrementAndGet();
    ChatResponse r = delegate.chat(request);
    cache.put(key, r);
    return r;
  }

  /** Whether an answer to {@code request} is stored (dry runs count these as free). */
  public boolean isCached(ChatRequest request) {
    return cache.get(CacheKey.of(delegate.id(), request)).isPresent();
  }

  public long hits() {
    return hits.get();
  }

  public long misses() {
    return misses.get();
  }

  public ChatModel delegate() {
    return delegate;
  }
}
