package org.classify4j.persist;

/**
 * What loading a model may need besides its directory — an embedder, a chat model — looked up by
 * type and id. Persistence knows no concrete resource types (so it stays below the packages whose
 * models it loads); a model's loader asks for what it saved, e.g.
 * {@code resources.get(TextEmbedder.class, "all-minilm-l6-v2")}. {@code
 * org.classify4j.method.LoadContext} is the standard implementation; the application layer
 * configures one from its settings.
 */
public interface Resources {

  /**
   * The resource of this type and id. It stays the resources' owner's: the caller does not close
   * it.
   *
   * @throws org.classify4j.Classify4jException when no such resource can be had
   */
  <T> T get(Class<T> type, String id);
}
