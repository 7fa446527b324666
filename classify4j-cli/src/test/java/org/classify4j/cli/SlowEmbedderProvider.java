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

      @Override
      public float[][] embed(List<String> texts) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return h.embed(texts);
      }
    });
  }

  @Override
  public List<String> knownIds() {
    return List.of();
  }
}
