package org.classify4j.llm.govern;

import java.util.List;
import java.util.function.Predicate;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.Tokens;

/**
 * A dry-run estimate of what a list of requests would cost before any is sent: calls (and how many
 * the cache would answer), estimated prompt tokens, the completion tokens at most, and the cost at
 * most by the price table. Retries are not counted.
 */
public record Estimate(
    long calls, long cachedCalls, long promptTokens, long maxCompletionTokens, double maxCost) {

  public static Estimate of(
      String modelId, List<ChatRequest> requests, PriceTable prices, Predicate<ChatRequest> cached) {
    long calls = 0;
    long hits = 0;
    long prompt = 0;
    long completion = 0;
    for (ChatRequest r : requests) {
      if (cached.test(r)) {
        hits++;
        continue;
      }
      calls++;
      prompt += Tokens.estimate(r);
      completion += r.maxTokens();
    }
    final long p = prompt;
    final long c = completion;
    double cost = prices.find(modelId).map(price -> price.cost(p, c)).orElse(0.0);
    return new Estimate(calls, hits, prompt, completion, cost);
  }

  public static Estimate of(String modelId, List<ChatRequest> requests, PriceTable prices) {
    return of(modelId, requests, prices, r -> false);
  }
}
