package org.classify4j.llm.govern;

/**
 * The most a run may spend. A call that could exceed it is not sent: {@link
 * org.classify4j.llm.ChatModelException.BudgetExceeded} is thrown instead and every later call
 * fails the same way, so a run stops cleanly with what it has finished. Limits ≤ 0 mean none.
 *
 * @param maxRequests HTTP requests, retries included
 * @param maxTokens prompt + completion tokens (prompt estimated before sending, max tokens assumed
 *     for the completion)
 * @param maxCost in the price table's currency
 */
public record Budget(long maxRequests, long maxTokens, double maxCost) {
  public static Budget unlimited() {
    return new Budget(0, 0, 0);
  }

  public static Budget ofCost(double maxCost) {
    return new Budget(0, 0, maxCost);
  }

  public static Budget ofRequests(long maxRequests) {
    return new Budget(maxRequests, 0, 0);
  }

  public static Budget ofTokens(long maxTokens) {
    return new Budget(0, maxTokens, 0);
  }
}
