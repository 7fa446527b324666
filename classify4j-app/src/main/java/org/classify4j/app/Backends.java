package org.classify4j.app;

import org.classify4j.embed.CachingTextEmbedder;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.method.CoreMethods;
import org.classify4j.method.LoadContext;

/**
 * The one place that builds backends for a run: a {@link LoadContext} whose providers are
 * configured by the run's {@link Settings} (chat models come governed — retries, rate limits, the
 * one concurrency limit — and cached, as their provider makes them), and embedders that report
 * progress. Faces never construct a backend themselves.
 */
public final class Backends {
  private Backends() {}

  /** A context for loading or making models under these settings; the caller closes it. */
  public static LoadContext context(Settings settings) {
    return LoadContext.configured(settings.backendConfig());
  }

  /**
   * A context for fitting {@code spec}: when the method takes an embedder, that embedder is
   * created now, reports to {@code progress}, and with {@code cache} embeds each distinct text once
   * (for repeated fits on the same data: cross-validation, tuning). The spec returned names the
   * embedder by its canonical id, so saved models record the real one.
   */
  public static Fitting fitting(Settings settings, MethodSpec spec, boolean cache,
      ProgressListener progress) {
    LoadContext ctx = context(settings);
    String id = spec.params().values().get(CoreMethods.MODEL);
    if (id == null || MethodSpec.takesModelDirectory(spec.method())) {
      return new Fitting(ctx, spec, null);
    }
    try {
      TextEmbedder e = ctx.own(org.classify4j.embed.Embedders.create(id));
      MethodSpec canonical = new MethodSpec(spec.method(),
          spec.params().with(CoreMethods.MODEL, e.id()));
      if (cache) {
        e = new CachingTextEmbedder(e, 200_000);
      }
      ProgressListener.Task task = progress.start("embedding", -1, "texts");
      ctx.with(new ProgressEmbedder(e, task));
      return new Fitting(ctx, canonical, task);
    } catch (RuntimeException ex) {
      ctx.close();
      throw ex;
    }
  }

  /** A fitting context, the spec to fit, and the embedding progress (null when none). */
  public record Fitting(LoadContext context, MethodSpec spec, ProgressListener.Task progress)
      implements AutoCloseable {
    /** Ends the progress display (the embedding work is over). */
    public void embeddingDone() {
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
}
