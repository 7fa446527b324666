package org.classify4j.cli;

import java.util.List;
import java.util.Optional;
import org.classify4j.embed.EmbedderProvider;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.testkit.HashingEmbedder;

/**
 * {@code slow:DIM}: the hashing embedder with a pause per call, so a child process running
 * {@code predict} is still busy when the test kills it.
 */
public final class SlowEmbedderProvider implements EmbedderProvider {
  @Override
  public Optional<TextEmbedder> create(String id) {
    if (!id.startsWith("slow:")) {
      return Optional.empty();
    }
    HashingEmbedder h = new HashingEmbedder(Integer.parseInt(id.substring(5)));
    return Optional.of(new TextEmbedder() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public int dimension() {
        return h.dimension();
      }

      private final java.util.concurrent.atomic.AtomicInteger inFlight =
          new java.util.concurrent.atomic.AtomicInteger();
      private volatile boolean closed;

      @Override
      public float[][] embed(List<String> texts) {
        // like a native session: a call into a closed one is a crash
        if (closed) {
          System.err.println("slow embedder: called after close");
          Runtime.getRuntime().halt(134);
        }
        inFlight.incrementAndGet();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          inFlight.decrementAndGet();
        }
        return h.embed(texts);
      }

      @Override
      public void close() {
        closed = true;
        System.err.println("slow embedder: closed with " + inFlight.get() + " calls in flight");
      }
    });
  }

  @Override
  public List<String> knownIds() {
    return List.of();
  }
}
