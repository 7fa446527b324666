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

  /** A load context for fitting {@code spec}, and the spec with its embedder id made canonical. */
  record Fitting(LoadContext context, MethodSpec spec, Progress progress) implements AutoCloseable {
    /** Ends the progress display (the embedding work is over). */
    void embeddingDone() {
      if (progress != null) {
        if (progress.done() > 0) {
          progress.finish();
        } else {
          progress.discard();
        }
      }
    }

    @Override
    public void close() {
      if (progress != null) {
        progress.discard(); // a no-op after embeddingDone(); on failure, no "done" line
      }
      context.close();
    }
  }

  /**
   * A load context whose embedder for {@code spec} (when the method takes one) reports progress
   * and, with {@code cache}, embeds each distinct text once (for repeated fits on the same data).
   * The spec's embedder id is replaced by the embedder's own (canonical) id, so that the method
   * finds this embedder and saved models record the canonical id.
   */
  static Fitting context(CliCommand cmd, MethodSpec spec, boolean cache,
      java.util.Map<String, String> llmEnv) {
    LoadContext ctx = LoadContext.standard();
    try {
      LlmBackend.provideForMethod(ctx, spec, llmEnv);
    } catch (RuntimeException ex) {
      ctx.close();
      throw ex;
    }
    String id = spec.params().values().get(CoreMethods.MODEL);
    if (id == null) {
      return new Fitting(ctx, spec, null);
    }
    try {
      TextEmbedder e = ctx.own(Embedders.create(id));
      MethodSpec canonical = new MethodSpec(spec.method(),
          spec.params().with(CoreMethods.MODEL, e.id()));
      if (cache) {
        e = new CachingTextEmbedder(e, 200_000);
      }
      Progress p = cmd.progress("embedding", -1, "texts");
      ctx.with(new EmbeddingProgress(e, p));
      return new Fitting(ctx, canonical, p);
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
