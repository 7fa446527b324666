package org.classify4j.openai;

import java.util.Map;
import org.classify4j.llm.ChatCapabilities;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.cache.CachingChatModel;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.llm.govern.RetryPolicy;
import org.classify4j.llm.govern.UsageReport;

/**
 * What the command line and the method registry get for {@code openai}: the HTTP model behind
 * retries, rate limits and bounded concurrency ({@link GovernedChatModel}), behind the persistent
 * H2 response cache (so cache hits cost neither requests nor rate-limit tokens). Settings from the
 * environment: {@code CLASSIFY4J_LLM_CONCURRENCY} (default 8), {@code CLASSIFY4J_LLM_RPM} and
 * {@code CLASSIFY4J_LLM_TPM} (default unlimited), {@code CLASSIFY4J_LLM_CACHE=off} to disable the
 * cache, {@code CLASSIFY4J_CACHE_DIR} for its place. Closing closes all three.
 */
public final class ManagedChatModel implements ChatModel {
  private final GovernedChatModel governed;
  private final H2ResponseCache cache;
  private final ChatModel front;

  public ManagedChatModel(OpenAiConfig config, Map<String, String> env) {
    GovernedChatModel.Builder b =
        GovernedChatModel.builder(new OpenAiChatModel(config))
            .ownsDelegate()
            .retryPolicy(RetryPolicy.defaults())
            .maxConcurrency(intEnv(env, "CLASSIFY4J_LLM_CONCURRENCY", 8));
    int rpm = intEnv(env, "CLASSIFY4J_LLM_RPM", 0);
    if (rpm > 0) {
      b.requestsPerMinute(rpm);
    }
    int tpm = intEnv(env, "CLASSIFY4J_LLM_TPM", 0);
    if (tpm > 0) {
      b.tokensPerMinute(tpm);
    }
    this.governed = b.build();
    boolean cacheOff = "off".equalsIgnoreCase(env.getOrDefault("CLASSIFY4J_LLM_CACHE", ""));
    this.cache = cacheOff ? null : H2ResponseCache.open(H2ResponseCache.defaultDirectory(env));
    this.front = cache == null ? governed : new CachingChatModel(governed, cache);
  }

  private static int intEnv(Map<String, String> env, String key, int fallback) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": expected an integer, got '" + v + "'");
    }
  }

  @Override
  public String id() {
    return governed.id();
  }

  @Override
  public ChatCapabilities capabilities() {
    return governed.capabilities();
  }

  @Override
  public int concurrency() {
    return governed.concurrency();
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return front.chat(request);
  }

  /** Requests, retries, tokens and cost so far (cache hits are not requests). */
  public UsageReport report() {
    return governed.report();
  }

  @Override
  public void close() {
    try {
      governed.close();
    } finally {
      if (cache != null) {
        cache.close();
      }
    }
  }
}
