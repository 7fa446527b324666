package org.classify4j.method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.Classify4jException;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatModels;
import org.classify4j.persist.Resources;

/**
 * The resources that making and loading models need — embedders by id, chat models by spec — and
 * their owner. Resources given with {@link #with} are used as they are and stay the caller's;
 * those the context creates (through {@link Embedders} and {@link ChatModels}, with this context's
 * configuration) are closed with it.
 *
 * <p>The configuration is a plain map ({@code CLASSIFY4J_LLM_BASE_URL}, {@code
 * CLASSIFY4J_LLM_CONCURRENCY}, …) handed to providers; {@link #standard()} uses the process
 * environment, the application layer passes its resolved settings instead.
 */
public final class LoadContext implements Resources, AutoCloseable {
  private final Map<String, String> config;
  private final Map<String, TextEmbedder> given = new LinkedHashMap<>();
  private final Map<String, TextEmbedder> created = new LinkedHashMap<>();
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final Map<String, ChatModel> givenChat = new LinkedHashMap<>();
  private final Map<String, ChatModel> createdChat = new LinkedHashMap<>();
  private final Map<String, AutoCloseable> sharedByKey = new LinkedHashMap<>();

  private LoadContext(Map<String, String> config) {
    this.config = Map.copyOf(config);
  }

  /** A context whose providers are configured by the process environment. */
  public static LoadContext standard() {
    return new LoadContext(System.getenv());
  }

  /** A context whose providers are configured by {@code config} (not the process environment). */
  public static LoadContext configured(Map<String, String> config) {
    return new LoadContext(config);
  }

  /** The configuration handed to providers. */
  public Map<String, String> config() {
    return config;
  }

  /** Use this embedder for its id (not closed by the context). */
  public synchronized LoadContext with(TextEmbedder embedder) {
    given.put(embedder.id(), embedder);
    return this;
  }

  /** Use this chat model for models saved with its id (not closed by the context). */
  public synchronized LoadContext with(ChatModel chatModel) {
    givenChat.put(chatModel.id(), chatModel);
    return this;
  }

  /**
   * The chat model for {@code spec} (a saved model's id, or a spec such as {@code openai}): the one
   * given with {@link #with(ChatModel)} for that id, else the only one given, else one created
   * (once per spec) through {@link ChatModels} with this context's configuration, owned by the
   * context.
   */
  public synchronized ChatModel chatModel(String spec) {
    ChatModel m = givenChat.get(spec);
    if (m != null) {
      return m;
    }
    if (givenChat.size() == 1) {
      return givenChat.values().iterator().next();
    }
    return createdChat.computeIfAbsent(spec, k -> {
      ChatModel made = ChatModels.create(k, config);
      owned.add(made);
      return made;
    });
  }

  /** The embedder with this id: a given one, else one created (once) and owned by the context. */
  public synchronized TextEmbedder embedder(String id) {
    TextEmbedder e = given.get(id);
    if (e != null) {
      return e;
    }
    return created.computeIfAbsent(id, k -> {
      TextEmbedder made = Embedders.create(k);
      owned.add(made);
      return made;
    });
  }

  @Override
  public <T> T get(Class<T> type, String id) {
    if (type == TextEmbedder.class) {
      return type.cast(embedder(id));
    }
    if (type == ChatModel.class) {
      return type.cast(chatModel(id));
    }
    throw new Classify4jException("no resource of type " + type.getSimpleName() + " ('" + id + "')");
  }

  /**
   * A resource of a backend's own type (an NLI cross-encoder, a local language model, …) by id:
   * made once with {@code make} and owned by the context, so the methods and models of one context
   * share it and it is closed with the context.
   */
  public synchronized <T extends AutoCloseable> T shared(
      Class<T> type, String id, java.util.function.Function<String, T> make) {
    String key = type.getName() + "\u0000" + id;
    AutoCloseable r = sharedByKey.get(key);
    if (r == null) {
      T made = make.apply(id);
      owned.add(made);
      sharedByKey.put(key, made);
      return made;
    }
    return type.cast(r);
  }

  /** Hands a resource to the context, to be closed with it. */
  public synchronized <T extends AutoCloseable> T own(T resource) {
    owned.add(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    RuntimeException first = null;
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = new IllegalStateException("closing " + owned.get(i), e);
        }
      }
    }
    owned.clear();
    created.clear();
    createdChat.clear();
    sharedByKey.clear();
    if (first != null) {
      throw first;
    }
  }
}
