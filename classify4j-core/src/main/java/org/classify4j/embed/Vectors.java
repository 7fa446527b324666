package org.classify4j.embed;

import java.util.stream.IntStream;

/** Small dense-vector kernels over float arrays (unit-length rows unless said otherwise). */
public final class Vectors {
  private Vectors() {}

  public static float dot(float[] a, float[] b) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    int n = a.length;
    for (; i + 3 < n; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < n; i++) {
      s0 += a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** A unit-length copy (the zero vector stays zero). */
  public static float[] normalized(float[] v) {
    double n = 0;
    for (float x : v) {
      n += (double) x * x;
    }
    float[] out = v.clone();
    if (n > 0) {
      float inv = (float) (1.0 / Math.sqrt(n));
      for (int i = 0; i < out.length; i++) {
        out[i] *= inv;
      }
    }
    return out;
  }

  /** The unit-length mean of some rows. */
  public static float[] meanDirection(float[][] rows, int dim) {
    float[] sum = new float[dim];
    for (float[] r : rows) {
      for (int i = 0; i < dim; i++) {
        sum[i] += r[i];
      }
    }
    return normalized(sum);
  }

  /** queries × targets cosine similarities (rows assumed unit length), in parallel over queries. */
  public static float[][] similarities(float[][] queries, float[][] targets) {
    float[][] out = new float[queries.length][];
    IntStream.range(0, queries.length)
        .parallel()
        .forEach(
            i -> {
              float[] row = new float[targets.length];
              for (int j = 0; j < targets.length; j++) {
                row[j] = dot(queries[i], targets[j]);
              }
              out[i] = row;
            });
    return out;
  }

  static float[][] copy(float[][] m) {
    float[][] out = new float[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }
}
