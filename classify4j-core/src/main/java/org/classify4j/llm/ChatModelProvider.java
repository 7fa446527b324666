package org.classify4j.llm;

import java.util.Optional;

/**
 * Service provider interface ({@link java.util.ServiceLoader}) that makes chat models from specs
 * such as {@code openai:gpt-4o-mini}. Backends register one; {@link ChatModels} asks them in turn.
 * Providers read endpoints and keys from their own configuration (environment), never from the spec.
 */
public interface ChatModelProvider {

  /** The chat model named by {@code spec}, or empty when this provider does not know the scheme. */
  Optional<ChatModel> create(String spec);
}
