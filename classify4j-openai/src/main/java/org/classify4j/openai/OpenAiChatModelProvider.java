package org.classify4j.openai;

import java.util.Map;
import java.util.Optional;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatModelProvider;

/**
 * Makes chat models for specs {@code openai} (model from {@code CLASSIFY4J_LLM_MODEL}) and {@code
 * openai:MODEL} (an {@code @HOST} suffix, as in saved ids, is ignored: the endpoint and key come
 * from the configuration, see {@link OpenAiConfig#fromSpec}), wrapped as a {@link
 * ManagedChatModel}: retries, limits, concurrency and the persistent response cache, all from the
 * same configuration map.
 */
public final class OpenAiChatModelProvider implements ChatModelProvider {
  @Override
  public Optional<ChatModel> create(String spec, Map<String, String> config) {
    return OpenAiConfig.fromSpec(spec, config).map(c -> new ManagedChatModel(c, config));
  }
}
