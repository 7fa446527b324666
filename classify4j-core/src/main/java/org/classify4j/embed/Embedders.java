package org.classify4j.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.classify4j.Classify4jException;

/** Finds embedders by id through the {@link EmbedderProvider}s on the class path. */
public final class Embedders {
  private Embedders() {}

  /** The embedded default: e5-small-v2 (int8) run in-process by classify4j-onnx (docs/benchmarks.md says why). */
  public static final String DEFAULT_ID = "e5-small-v2-q";

  /** Creates the embedder with this id; the caller owns (and closes) it. */
  public static TextEmbedder create(String id) {
    for (EmbedderProvider p : ServiceLoader.load(EmbedderProvider.class)) {
      Optional<TextEmbedder> e = p.create(id);
      if (e.isPresent()) {
        return e.get();
      }
    }
    throw new Classify4jException(
        "unknown embedder '" + id + "'; known: " + String.join(", ", knownIds()));
  }

  /** Every id some provider on the class path can create without configuration. */
  public static List<String> knownIds() {
    List<String> ids = new ArrayList<>();
    for (EmbedderProvider p : ServiceLoader.load(EmbedderProvider.class)) {
      ids.addAll(p.knownIds());
    }
    return ids;
  }
}
