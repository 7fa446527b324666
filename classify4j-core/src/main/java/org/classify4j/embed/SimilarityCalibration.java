package org.classify4j.embed;

import org.classify4j.classify.ScoreCalibration;

/**
 * Turns one document's cosine similarities to k label prototypes into scores in [0, 1].
 *
 * <p>Single-label: {@code softmax(s / temperature)} — a distribution over the labels.
 * Multi-label: each label on its own, {@code sigmoid(a * (s_j - mean(s)) / temperature + b)}:
 * centring on the row mean removes what a text shares with every label (its length, its style),
 * so one threshold serves all rows. {@code a} and {@code b} are Platt-fitted when labelled data is
 * at hand, else they are the defaults {@code a = 1, b = -2} (a label must stand two temperatures
 * above the row mean to reach 0.5).
 */
public record SimilarityCalibration(boolean multiLabel, double temperature, double a, double b) {

  public static final double DEFAULT_TEMPERATURE = 0.05;

  public SimilarityCalibration {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("Platt parameters must be finite");
    }
  }

  public static SimilarityCalibration defaults(boolean multiLabel, double temperature) {
    return new SimilarityCalibration(multiLabel, temperature, 1.0, -2.0);
  }

  public float[] apply(float[] sims) {
    if (!multiLabel) {
      return ScoreCalibration.softmax(sims, temperature);
    }
    float[] out = new float[sims.length];
    double mean = mean(sims);
    for (int j = 0; j < sims.length; j++) {
      out[j] = (float) ScoreCalibration.sigmoid(a * (sims[j] - mean) / temperature + b);
    }
    return out;
  }

  /**
   * Fits the free parameters on labelled similarity rows: the temperature (single-label, by
   * log-likelihood of the gold label) or Platt's a, b (multi-label, keeping the temperature).
   * Rows without gold labels are ignored; with none left the calibration is returned unchanged.
   */
  public SimilarityCalibration fit(float[][] sims, int[][] gold) {
    if (!multiLabel) {
      int[] g = new int[sims.length];
      int usable = 0;
      for (int i = 0; i < sims.length; i++) {
        g[i] = gold[i].length == 1 ? gold[i][0] : -1;
        usable += g[i] >= 0 ? 1 : 0;
      }
      if (usable < 2) {
        return this;
      }
      double t = ScoreCalibration.fitTemperature(sims, g, 0.002, 2.0);
      return new SimilarityCalibration(false, t, a, b);
    }
    int total = 0;
    for (float[] row : sims) {
      total += row.length;
    }
    double[] x = new double[total];
    boolean[] y = new boolean[total];
    boolean anyPos = false;
    int p = 0;
    for (int i = 0; i < sims.length; i++) {
      double mean = mean(sims[i]);
      for (int j = 0; j < sims[i].length; j++) {
        x[p + j] = (sims[i][j] - mean) / temperature;
      }
      for (int j : gold[i]) {
        y[p + j] = true;
        anyPos = true;
      }
      p += sims[i].length;
    }
    if (!anyPos || total < 4) {
      return this;
    }
    double[] ab = ScoreCalibration.plattFit(x, y);
    return new SimilarityCalibration(true, temperature, ab[0], ab[1]);
  }

  private static double mean(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x;
    }
    return v.length == 0 ? 0 : s / v.length;
  }
}
