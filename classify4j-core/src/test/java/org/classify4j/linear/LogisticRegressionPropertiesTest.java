package org.classify4j.linear;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Fits on random small problems of every shape reach a point no perturbation improves. */
class LogisticRegressionPropertiesTest {

  @Property(tries = 60)
  void multinomialFitsAreOptimal(
      @ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll @IntRange(min = 0, max = 6) int d,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll boolean sparse,
      @ForAll boolean intercept,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    DenseFeatures dense = FeatureMatrixTest.randomDense(rnd, n, d, 0.7);
    FeatureMatrix x = sparse ? SparseFeatures.of(dense) : dense;
    int[] y = new int[n];
    double[] s = new double[n];
    boolean[] present = new boolean[k];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(k);
      s[i] = 1;
      present[y[i]] = true;
    }
    LogisticFit fit = LogisticRegression.defaults().withParallelism(1)
        .withFitIntercept(intercept).fitMultinomial(x, y, k);
    LogisticModel m = fit.model();
    float[] p = m.probabilities(x);
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int c = 0; c < k; c++) {
        assertThat(p[i * k + c]).isBetween(0f, 1f);
        sum += p[i * k + c];
      }
      assertThat(sum).isBetween(1 - 1e-5, 1 + 1e-5);
    }
    if (!intercept) {
      // compare the objective at the solution with random nearby points
      MultinomialObjective f =
          new MultinomialObjective(x, x.transpose(), y, s, k, false, true, Parallel.inline());
      double[] w = new double[d * k];
      float[] wf = m.weights();
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          w[j * k + c] = wf[c * d + j];
        }
      }
      double[] g = new double[w.length];
      double f0 = f.evaluate(w, g);
      for (int t = 0; t < 5; t++) {
        double[] w2 = w.clone();
        for (int j = 0; j < w2.length; j++) {
          w2[j] += rnd.nextGaussian() * 1e-2;
        }
        assertThat(f.evaluate(w2, new double[w.length])).isGreaterThanOrEqualTo(f0 - 1e-9);
      }
    } else {
      for (int c = 0; c < k; c++) {
        if (!present[c]) {
          assertThat(m.intercepts()[c]).isEqualTo(Float.NEGATIVE_INFINITY);
        } else {
          assertThat(m.intercepts()[c]).isFinite();
        }
      }
    }
    assertThat(fit.reports().get(0).stopReason()).isNotEqualTo(StopReason.MAX_ITERATIONS);
  }

  @Property(tries = 60)
  void binaryFitsWithSoftTargetsAreOptimal(
      @ForAll @IntRange(min = 2, max = 30) int n,
      @ForAll @IntRange(min = 0, max = 6) int d,
      @ForAll boolean sparse,
      @ForAll boolean balanced,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    DenseFeatures dense = FeatureMatrixTest.randomDense(rnd, n, d, 0.7);
    FeatureMatrix x = sparse ? SparseFeatures.of(dense) : dense;
    float[] t = new float[n];
    float[] sw = new float[n];
    for (int i = 0; i < n; i++) {
      t[i] = i == 0 ? 0f : i == 1 ? 1f : rnd.nextFloat();
      sw[i] = 0.5f + rnd.nextFloat();
    }
    LogisticRegression lr = LogisticRegression.defaults().withParallelism(1)
        .withClassWeighting(balanced ? ClassWeighting.BALANCED : ClassWeighting.NONE);
    LogisticFit fit = lr.fitBinary(x, t, sw);
    assertThat(fit.converged()).isTrue();
    // the same objective, written out: weights a_i of "positive" and b_i of "negative"
    double pos = 0;
    double neg = 0;
    for (float v : t) {
      pos += v;
      neg += 1 - v;
    }
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = sw[i] * t[i] * (balanced ? n / (2 * pos) : 1);
      b[i] = sw[i] * (1 - (double) t[i]) * (balanced ? n / (2 * neg) : 1);
    }
    BinaryObjective f =
        new BinaryObjective(x, x.transpose(), null, a, b, true, true, Parallel.inline());
    double[] w = new double[d + 1];
    for (int j = 0; j < d; j++) {
      w[j] = fit.model().weights()[j];
    }
    w[d] = fit.model().intercept();
    double f0 = f.evaluate(w, new double[d + 1]);
    assertThat(f0).isCloseTo(fit.reports().get(0).objective(),
        org.assertj.core.api.Assertions.within(1e-5 * Math.max(1, f0)));
    for (int trial = 0; trial < 5; trial++) {
      double[] w2 = w.clone();
      for (int j = 0; j < w2.length; j++) {
        w2[j] += rnd.nextGaussian() * 1e-2;
      }
      assertThat(f.evaluate(w2, new double[d + 1])).isGreaterThanOrEqualTo(f0 - 1e-9);
    }
  }
}
