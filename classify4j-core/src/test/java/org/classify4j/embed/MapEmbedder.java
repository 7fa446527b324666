package org.classify4j.embed;

import java.util.List;
import java.util.Map;

/** Test embedder: fixed vectors by text (unit length), unknown texts fail. */
final class MapEmbedder implements TextEmbedder {
  private final String id;
  private final int dim;
  private final Map<String, float[]> vectors;
  private final String labelPrefix;
  boolean closed;

  MapEmbedder(String id, int dim, Map<String, float[]> vectors, String labelPrefix) {
    this.id = id;
    this.dim = dim;
    this.vectors = vectors;
    this.labelPrefix = labelPrefix;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public float[][] embed(List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      float[] v = vectors.get(texts.get(i));
      if (v == null) {
        throw new IllegalArgumentException("no vector for '" + texts.get(i) + "'");
      }
      out[i] = Vectors.normalized(v);
    }
    return out;
  }

  @Override
  public float[][] embedLabels(List<String> texts) {
    return embed(texts.stream().map(t -> labelPrefix + t).toList());
  }

  @Override
  public void close() {
    closed = true;
  }
}
