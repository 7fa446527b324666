package org.classify4j.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.classify4j.Classify4jException;

/** Finds chat models by spec through the {@link ChatModelProvider}s on the class path. */
public final class ChatModels {
  private ChatModels() {}

  /**
   * The chat model for {@code spec}, configured by the process environment; the caller owns (and
   * closes) it.
   */
  public static ChatModel create(String spec) {
    return create(spec, System.getenv());
  }

  /** The chat model for {@code spec}, configured by {@code config}; the caller owns (and closes) it. */
  public static ChatModel create(String spec, Map<String, String> config) {
    List<String> providers = new ArrayList<>();
    for (ChatModelProvider p : ServiceLoader.load(ChatModelProvider.class)) {
      Optional<ChatModel> m = p.create(spec, config);
      if (m.isPresent()) {
        return m.get();
      }
      providers.add(p.getClass().getSimpleName());
    }
    throw new Classify4jException("no chat model provider knows '" + spec + "' (providers: "
        + (providers.isEmpty() ? "none; add classify4j-openai to the class path" : providers) + ")");
  }
}
