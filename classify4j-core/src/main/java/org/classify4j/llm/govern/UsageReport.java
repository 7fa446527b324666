package org.classify4j.llm.govern;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a run spent: HTTP requests (retries included), calls that finally succeeded or failed,
 * retries, errors by kind, tokens as the server counted them, cost by the price table, and answers
 * served from the cache.
 */
public record UsageReport(
    long requests,
    long succeeded,
    long failed,
    long retries,
    long promptTokens,
    long completionTokens,
    double cost,
    long cacheHits,
    boolean budgetExhausted,
    Map<String, Long> errors) {

  public UsageReport {
    errors = Map.copyOf(new TreeMap<>(errors));
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  public UsageReport withCacheHits(long hits) {
    return new UsageReport(requests, succeeded, failed, retries, promptTokens, completionTokens,
        cost, hits, budgetExhausted, errors);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "requests=%d succeeded=%d failed=%d retries=%d prompt_tokens=%d completion_tokens=%d"
            + " cost=%.6f cache_hits=%d budget_exhausted=%s errors=%s",
        requests, succeeded, failed, retries, promptTokens, completionTokens, cost, cacheHits,
        budgetExhausted, errors);
  }
}
