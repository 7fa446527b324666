package org.classify4j.cli;

import java.util.List;
import org.classify4j.embed.CachingTextEmbedder;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.method.CoreMethods;
import org.classify4j.persist.LoadContext;

/**
 * An embedder that reports how many texts it has embedded (the slow part of fitting embedding
 * methods) to a {@link Progress}. Same id as the embedder it wraps, so models record the real one.
 */
final class EmbeddingProgress implements TextEmbedder {
  private final TextEmbedder inner;
  private final Progress progress;

  EmbeddingProgress(TextEmbedder inner, Progress progress) {
    this.inner = inner;
    this.progress = progress;
  }

  /**
   * A load context whose embedder for {@code spec} (when the method takes one) reports progress
   * and, with {@code cache}, embeds each distinct text once (for repeated fits on the same data).
   * The returned progress is closed by the caller when the embedding work is over.
   */
  static LoadContext context(CliCommand cmd, MethodSpec spec, boolean cache, Progress[] progress) {
    LoadContext ctx = LoadContext.standard();
    String id = spec.params().values().get(CoreMethods.MODEL);
    if (id == null) {
      return ctx;
    }
    try {
      TextEmbedder e = ctx.own(Embedders.create(id));
      if (cache) {
        e = new CachingTextEmbedder(e, 200_000);
      }
      Progress p = cmd.progress("embedding", -1, "texts");
      progress[0] = p;
      return ctx.with(new EmbeddingProgress(e, p));
    } catch (RuntimeException ex) {
      ctx.close();
      throw ex;
    }
  }

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public int dimension() {
    return inner.dimension();
  }

  @Override
  public float[][] embed(List<String> texts) {
    float[][] v = inner.embed(texts);
    synchronized (progress) {
      progress.advance(texts.size());
    }
    return v;
  }

  @Override
  public float[][] embedLabels(List<String> texts) {
    float[][] v = inner.embedLabels(texts);
    synchronized (progress) {
      progress.advance(texts.size());
    }
    return v;
  }
}
