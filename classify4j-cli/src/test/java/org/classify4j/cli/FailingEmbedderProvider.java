package org.classify4j.cli;

import java.util.List;
import java.util.Optional;
import org.classify4j.Classify4jException;
import org.classify4j.embed.EmbedderProvider;
import org.classify4j.embed.TextEmbedder;

/**
 * Test embedders that fail when they embed: {@code failing:backend} like a native runtime
 * (exit 4), {@code failing:bug} with an unexpected exception (exit 1), {@code failing:oom} out of
 * memory.
 */
public final class FailingEmbedderProvider implements EmbedderProvider {

  /** Named like a backend's exception, as the onnx module's are. */
  public static final class EmbedderException extends Classify4jException {
    private static final long serialVersionUID = 1L;

    public EmbedderException(String message) {
      super(message);
    }
  }

  @Override
  public Optional<TextEmbedder> create(String id) {
    if (!id.startsWith("failing:")) {
      return Optional.empty();
    }
    boolean backend = id.equals("failing:backend");
    return Optional.of(new TextEmbedder() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public int dimension() {
        return 4;
      }

      @Override
      public float[][] embed(List<String> texts) {
        if (id.equals("failing:oom")) {
          throw new OutOfMemoryError("Java heap space");
        }
        if (backend) {
          throw new EmbedderException("native session failed: out of memory");
        }
        throw new IllegalStateException("something unexpected");
      }
    });
  }

  @Override
  public List<String> knownIds() {
    return List.of();
  }
}
