package org.classify4j.openai;

import java.util.Optional;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatModelProvider;

/**
 * Makes {@link OpenAiChatModel}s for specs {@code openai} (model from CLASSIFY4J_LLM_MODEL) and
 * {@code openai:MODEL} (an {@code @HOST} suffix, as in saved ids, is ignored: the endpoint and key
 * always come from the environment, see {@link OpenAiConfig#fromEnvironment()}), wrapped as a
 * {@link ManagedChatModel}: retries, limits and the persistent response cache.
 */
public final class OpenAiChatModelProvider implements ChatModelProvider {
  @Override
  public Optional<ChatModel> create(String spec) {
    if (spec.equals("openai")) {
      return Optional.of(new ManagedChatModel(OpenAiConfig.fromEnvironment(), System.getenv()));
    }
    if (!spec.startsWith("openai:")) {
      return Optional.empty();
    }
    String model = spec.substring("openai:".length());
    int at = model.lastIndexOf('@');
    if (at > 0) {
      model = model.substring(0, at);
    }
    return Optional.of(
        new ManagedChatModel(OpenAiConfig.fromEnvironment(System.getenv(), model), System.getenv()));
  }
}
