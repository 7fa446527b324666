package org.classify4j.app;

import java.util.List;
import org.classify4j.embed.ForwardingTextEmbedder;
import org.classify4j.embed.TextEmbedder;

/**
 * An embedder that reports how many texts it has embedded (the slow part of fitting embedding
 * methods) to a progress task. Same id as the embedder it wraps, so models record the real one.
 */
final class ProgressEmbedder extends ForwardingTextEmbedder {
  private final ProgressListener.Task progress;

  ProgressEmbedder(TextEmbedder inner, ProgressListener.Task progress) {
    super(inner);
    this.progress = progress;
  }

  @Override
  public float[][] embed(List<String> texts) {
    float[][] v = inner.embed(texts);
    progress.advance(texts.size());
    return v;
  }

  @Override
  public float[][] embedLabels(List<String> texts) {
    float[][] v = inner.embedLabels(texts);
    progress.advance(texts.size());
    return v;
  }
}
