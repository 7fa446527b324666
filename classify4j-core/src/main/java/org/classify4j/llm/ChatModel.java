package org.classify4j.llm;

/**
 * A chat model behind some server: messages in; text, token log probabilities, usage and finish
 * reason out. Implementations are thread-safe; errors are {@link ChatModelException}s that say
 * whether a retry may help. Governance (retries, rate limits, budgets) and caching are decorators
 * ({@code org.classify4j.llm.govern.GovernedChatModel}, {@code
 * org.classify4j.llm.cache.CachingChatModel}), not the backend's job.
 */
public interface ChatModel extends AutoCloseable {

  /**
   * A stable id naming the model and the server, such as {@code openai:gpt-4o-mini}; part of every
   * cache key and saved with models that use it. Never contains a secret.
   */
  String id();

  ChatCapabilities capabilities();

  /** Sends one request and waits for the answer. */
  ChatResponse chat(ChatRequest request);

  /**
   * How many requests callers should have in flight at once: a governed model's concurrency limit
   * (one setting, {@code CLASSIFY4J_LLM_CONCURRENCY}, end to end). Classifiers size their one
   * executor by it instead of a fixed pool of their own.
   */
  default int concurrency() {
    return 8;
  }

  @Override
  default void close() {}
}
