package org.classify4j.persist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;

/**
 * What loading a model may need besides its directory: embedders (by id) and, later, chat models.
 * Embedders given with {@link #with} are used as they are and stay the caller's; those the context
 * creates through {@link Embedders} are closed with it.
 */
public final class LoadContext implements AutoCloseable {
  private final Map<String, TextEmbedder> given = new LinkedHashMap<>();
  private final Map<String, TextEmbedder> created = new LinkedHashMap<>();
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final Map<String, org.classify4j.llm.ChatModel> givenChat = new LinkedHashMap<>();
  private final Map<String, org.classify4j.llm.ChatModel> createdChat = new LinkedHashMap<>();

  public static LoadContext standard() {
    return new LoadContext();
  }

  /** Use this embedder for its id (not closed by the context). */
  public LoadContext with(TextEmbedder embedder) {
    given.put(embedder.id(), embedder);
    return this;
  }

  /** Use this chat model for models saved with its id (not closed by the context). */
  public LoadContext with(org.classify4j.llm.ChatModel chatModel) {
    givenChat.put(chatModel.id(), chatModel);
    return this;
  }

  /**
   * The chat model for a saved model that used {@code id}: the one given with {@link
   * #with(org.classify4j.llm.ChatModel)} for that id, else the only one given, else one created
   * (once) through {@link org.classify4j.llm.ChatModels} and owned by the context.
   */
  public synchronized org.classify4j.llm.ChatModel chatModel(String id) {
    org.classify4j.llm.ChatModel m = givenChat.get(id);
    if (m != null) {
      return m;
    }
    if (givenChat.size() == 1) {
      return givenChat.values().iterator().next();
    }
    return createdChat.computeIfAbsent(id, k -> {
      org.classify4j.llm.ChatModel made = org.classify4j.llm.ChatModels.create(k);
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
    if (first != null) {
      throw first;
    }
  }
}
