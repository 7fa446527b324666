package org.classify4j.embed;

/**
 * Self-training of label prototypes on unlabelled vectors (hard-EM, as in the classic
 * "prototype refinement" of zero-shot and few-shot classifiers): each round assigns every vector
 * to its most similar prototype, and each prototype becomes normalize(normalize(mean of its
 * vectors) + anchor), so the labels' own vectors (label texts, labelled examples) keep every
 * prototype near its label. A prototype that wins no vector falls back to its anchor.
 */
final class SelfTraining {
  private SelfTraining() {}

  /**
   * Refines {@code anchors} for {@code rounds} rounds over the unit vectors {@code x}.
   *
   * @param centred subtract each prototype's mean similarity over {@code x} before the argmax
   *     (so one broad label does not take every vector)
   */
  static float[][] refine(float[][] x, float[][] anchors, int rounds, boolean centred) {
    int k = anchors.length;
    if (k == 0 || x.length == 0) {
      return anchors;
    }
    int d = anchors[0].length;
    float[][] protos = anchors;
    for (int round = 0; round < rounds; round++) {
      float[][] sims = Vectors.similarities(x, protos);
      float[] offsets = centred ? meanColumns(sims) : new float[k];
      double[][] sums = new double[k][d];
      int[] counts = new int[k];
      for (int i = 0; i < x.length; i++) {
        int best = 0;
        for (int j = 1; j < k; j++) {
          if (sims[i][j] - offsets[j] > sims[i][best] - offsets[best]) {
            best = j;
          }
        }
        counts[best]++;
        for (int t = 0; t < d; t++) {
          sums[best][t] += x[i][t];
        }
      }
      float[][] next = new float[k][];
      for (int j = 0; j < k; j++) {
        if (counts[j] == 0) {
          next[j] = anchors[j].clone();
          continue;
        }
        float[] mean = new float[d];
        for (int t = 0; t < d; t++) {
          mean[t] = (float) sums[j][t];
        }
        mean = Vectors.normalized(mean);
        for (int t = 0; t < d; t++) {
          mean[t] += anchors[j][t];
        }
        next[j] = Vectors.normalized(mean);
      }
      protos = next;
    }
    return protos;
  }

  /** The mean of each column of a similarity matrix (one row per vector, one column per label). */
  static float[] meanColumns(float[][] sims) {
    float[] mean = new float[sims.length == 0 ? 0 : sims[0].length];
    for (float[] row : sims) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += row[j] / sims.length;
      }
    }
    return mean;
  }
}
