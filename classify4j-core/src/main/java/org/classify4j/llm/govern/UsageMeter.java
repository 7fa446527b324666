package org.classify4j.llm.govern;

/**
 * A chat model that counts what it sends: every request that reached the server (retries
 * included), tokens and cost against its price table, and whether its budget stopped it. Faces
 * read usage through this interface, never through a backend's type.
 */
public interface UsageMeter {

  /** What was sent and spent so far. */
  UsageReport report();

  /** Whether the budget stopped further calls. */
  boolean budgetExhausted();

  /**
   * Calls {@code listener} on the sending thread just before each request (retries included) is
   * sent, so that a journal can record the spend before the server sees it: a run killed with
   * requests in flight still counts them. Returns whether the meter supports listeners.
   */
  default boolean onSend(Runnable listener) {
    return false;
  }
}
