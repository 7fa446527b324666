package org.classify4j.embed;

import java.util.stream.IntStream;

/**
 * Exact nearest neighbours by cosine over unit vectors, brute force (a flat scan is the fastest
 * exact index up to ~10⁶ vectors of dimension 384 on a CPU, and has no build cost). Queries run in
 * parallel. Immutable.
 */
public final class VectorIndex {
  private final float[][] vectors;

  public VectorIndex(float[][] vectors) {
    this.vectors = Vectors.copy(vectors);
  }

  public int size() {
    return vectors.length;
  }

  float[][] vectors() {
    return vectors;
  }

  /** The k nearest (ids and similarities, best first; ties by lower id) for each query. */
  public Neighbours[] search(float[][] queries, int k) {
    int kk = Math.min(k, vectors.length);
    Neighbours[] out = new Neighbours[queries.length];
    IntStream.range(0, queries.length).parallel().forEach(q -> out[q] = searchOne(queries[q], kk));
    return out;
  }

  private Neighbours searchOne(float[] query, int k) {
    int[] ids = new int[k];
    float[] sims = new float[k];
    int filled = 0;
    for (int i = 0; i < vectors.length; i++) {
      float s = Vectors.dot(query, vectors[i]);
      if (filled < k) {
        int p = filled++;
        while (p > 0 && sims[p - 1] < s) {
          sims[p] = sims[p - 1];
          ids[p] = ids[p - 1];
          p--;
        }
        sims[p] = s;
        ids[p] = i;
      } else if (s > sims[k - 1]) {
        int p = k - 1;
        while (p > 0 && sims[p - 1] < s) {
          sims[p] = sims[p - 1];
          ids[p] = ids[p - 1];
          p--;
        }
        sims[p] = s;
        ids[p] = i;
      }
    }
    return new Neighbours(ids, sims);
  }

  /** One query's neighbours, best first. */
  public record Neighbours(int[] ids, float[] similarities) {
    public Neighbours {
      ids = ids.clone();
      similarities = similarities.clone();
    }
  }
}
