package org.classify4j.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Reliability of scores read as probabilities: equal-width confidence bins with the observed
 * accuracy in each, and the expected calibration error ECE = Σ_b (n_b / n) · |acc_b − conf_b|.
 *
 * <p>Single-label data: one point per document with a gold label, confidence = the highest score,
 * correct = the highest-scored label is the gold one (the decision rule is not used). Multi-label
 * data: one point per (document, label) pair, confidence = the score, correct = the label is gold.
 * Bin b covers [b/B, (b+1)/B), the last bin includes 1.
 */
public final class Calibration {
  /** One bin; {@code meanConfidence} and {@code accuracy} are 0 when {@code count} is 0. */
  public record Bin(double lower, double upper, long count, double meanConfidence, double accuracy) {}

  private final List<Bin> bins;
  private final double ece;
  private final double mce;

  private Calibration(List<Bin> bins, double ece, double mce) {
    this.bins = List.copyOf(bins);
    this.ece = ece;
    this.mce = mce;
  }

  public static Calibration of(EvalData d, int binCount) {
    if (binCount < 1) {
      throw new IllegalArgumentException("need at least one bin, got " + binCount);
    }
    long[] n = new long[binCount];
    double[] conf = new double[binCount];
    double[] correct = new double[binCount];
    for (int i = 0; i < d.size(); i++) {
      int[] g = d.goldRef(i);
      if (!d.multiLabel()) {
        if (g.length == 0 || d.cols() == 0) {
          continue;
        }
        int top = d.argmax(i);
        add(n, conf, correct, d.score(i, top), Metrics.contains(g, top));
      } else {
        for (int j = 0; j < d.cols(); j++) {
          add(n, conf, correct, d.score(i, j), Metrics.contains(g, j));
        }
      }
    }
    long total = 0;
    for (long c : n) {
      total += c;
    }
    List<Bin> bins = new ArrayList<>();
    double ece = 0;
    double mce = 0;
    for (int b = 0; b < binCount; b++) {
      double mc = LabelStats.ratio(conf[b], n[b]);
      double acc = LabelStats.ratio(correct[b], n[b]);
      bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, n[b], mc, acc));
      if (n[b] > 0) {
        ece += (double) n[b] / total * Math.abs(acc - mc);
        mce = Math.max(mce, Math.abs(acc - mc));
      }
    }
    return new Calibration(bins, ece, mce);
  }

  private static void add(long[] n, double[] conf, double[] correct, double p, boolean ok) {
    int b = Math.min(n.length - 1, (int) (p * n.length));
    n[b]++;
    conf[b] += p;
    if (ok) {
      correct[b]++;
    }
  }

  public List<Bin> bins() {
    return bins;
  }

  /** Expected calibration error (0 when there are no points). */
  public double ece() {
    return ece;
  }

  /** Maximum calibration error: the largest |acc − conf| of a non-empty bin. */
  public double mce() {
    return mce;
  }
}
