package org.classify4j.embed;

import java.util.Objects;

/**
 * Base of embedders that wrap another and keep its identity: the same id and dimension, so a
 * model fitted through the wrapper records the real embedder. Closing the wrapper closes nothing:
 * the wrapped embedder stays its owner's. Subclasses add what they do around {@link #embed} and
 * {@link #embedLabels} (caching, progress).
 */
public abstract class ForwardingTextEmbedder implements TextEmbedder {
  /** The wrapped embedder. */
  protected final TextEmbedder inner;

  protected ForwardingTextEmbedder(TextEmbedder inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  @Override
  public final String id() {
    return inner.id();
  }

  @Override
  public final int dimension() {
    return inner.dimension();
  }
}
