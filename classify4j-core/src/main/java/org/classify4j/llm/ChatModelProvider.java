package org.classify4j.llm;

import java.util.Map;
import java.util.Optional;

/**
 * Service provider interface ({@link java.util.ServiceLoader}) that makes chat models from specs
 * such as {@code openai:gpt-4o-mini}. Backends register one; {@link ChatModels} asks them in turn.
 * Endpoints, keys and limits come from {@code config} (keys such as {@code
 * CLASSIFY4J_LLM_BASE_URL}), never from the spec and never from the process environment directly,
 * so that every face (command line, server, Spark) configures them the same way.
 */
public interface ChatModelProvider {

  /**
   * The chat model named by {@code spec}, configured by {@code config}, or empty when this provider
   * does not know the scheme.
   */
  Optional<ChatModel> create(String spec, Map<String, String> config);
}
