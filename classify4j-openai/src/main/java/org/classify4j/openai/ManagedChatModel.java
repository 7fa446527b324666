package org.classify4j.openai;

import java.util.Map;
import org.classify4j.llm.ChatCapabilities;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.cache.CachingChatModel;
import org.classify4j.llm.govern.Budget;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.llm.govern.PriceTable;
import org.classify4j.llm.govern.RetryPolicy;
import org.classify4j.llm.govern.UsageMeter;
import org.classify4j.llm.govern.UsageReport;

/**
 * What the command line and the method registry get for {@code openai}: the HTTP model behind
 * retries, rate limits and bounded concurrency ({@link GovernedChatModel}), behind the persistent
 * H2 response cache (so cache hits cost neither requests nor rate-limit tokens). Settings from the
 * environment: {@code CLASSIFY4J_LLM_CONCURRENCY} (default 8), {@code CLASSIFY4J_LLM_RPM} and
 * {@code CLASSIFY4J_LLM_TPM} (default unlimited), {@code CLASSIFY4J_LLM_CACHE=off} to disable the
 * cache, {@code CLASSIFY4J_CACHE_DIR} for its place. Closing closes all three.
 */
public final class ManagedChatModel implements ChatModel, UsageMeter {
  /** Configuration keys of a budgeted run (the label command's --max-requests and friends). */
  public static final String MAX_REQUESTS = "CLASSIFY4J_LLM_MAX_REQUESTS";
  public static final String MAX_TOKENS = "CLASSIFY4J_LLM_MAX_TOKENS";
  public static final String MAX_COST = "CLASSIFY4J_LLM_BUDGET";
  public static final String PRICE_INPUT = "CLASSIFY4J_LLM_PRICE_INPUT";
  public static final String PRICE_OUTPUT = "CLASSIFY4J_LLM_PRICE_OUTPUT";

  private final GovernedChatModel governed;
  private final H2ResponseCache cache;
  private final CachingChatModel caching;
  private final ChatModel front;

  public ManagedChatModel(OpenAiConfig config, Map<String, String> env) {
    GovernedChatModel.Builder b =
        GovernedChatModel.builder(new OpenAiChatModel(config))
            .ownsDelegate()
            .retryPolicy(RetryPolicy.defaults())
            .maxConcurrency(intEnv(env, "CLASSIFY4J_LLM_CONCURRENCY", 8))
            .budget(new Budget(longEnv(env, MAX_REQUESTS), longEnv(env, MAX_TOKENS),
                doubleEnv(env, MAX_COST)));
    double in = doubleEnv(env, PRICE_INPUT);
    double out = doubleEnv(env, PRICE_OUTPUT);
    if (in > 0 || out > 0) {
      b.prices(PriceTable.empty().with("*", new PriceTable.Price(in, out)));
    }
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
    this.caching = cache == null ? null : new CachingChatModel(governed, cache);
    this.front = caching == null ? governed : caching;
  }

  private static long longEnv(Map<String, String> env, String key) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": expected an integer, got '" + v + "'");
    }
  }

  private static double doubleEnv(Map<String, String> env, String key) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": expected a number, got '" + v + "'");
    }
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

  /** Requests (retries included), tokens and cost so far; cache hits are not requests. */
  @Override
  public UsageReport report() {
    return governed.report().withCacheHits(caching == null ? 0 : caching.hits());
  }

  @Override
  public boolean onSend(Runnable listener) {
    return governed.onSend(listener);
  }

  @Override
  public boolean budgetExhausted() {
    return governed.budgetExhausted();
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
