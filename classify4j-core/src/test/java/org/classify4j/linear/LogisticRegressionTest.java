package org.classify4j.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  private static final LogisticRegression LR = LogisticRegression.defaults().withParallelism(1);

  // ----------------------------------------------------------- an independent reference

  /**
   * The objective written out naively over full k×d weights W[c][j] and intercepts b[c]:
   * C Σ s_i (logsumexp(z_i) - z_i[y_i]) + ½‖W‖², gradient into gW/gb.
   */
  static double naiveMultinomial(float[][] x, int[] y, double[] s, double c, double[][] w,
      double[] b, double[][] gW, double[] gb) {
    int k = w.length;
    int d = x[0].length;
    double f = 0;
    for (double[] row : gW) {
      java.util.Arrays.fill(row, 0);
    }
    java.util.Arrays.fill(gb, 0);
    for (int i = 0; i < x.length; i++) {
      double[] z = new double[k];
      double max = Double.NEGATIVE_INFINITY;
      for (int cl = 0; cl < k; cl++) {
        z[cl] = b[cl];
        for (int j = 0; j < d; j++) {
          z[cl] += w[cl][j] * x[i][j];
        }
        max = Math.max(max, z[cl]);
      }
      double sum = 0;
      for (int cl = 0; cl < k; cl++) {
        sum += Math.exp(z[cl] - max);
      }
      double lse = max + Math.log(sum);
      f += c * s[i] * (lse - z[y[i]]);
      for (int cl = 0; cl < k; cl++) {
        double r = c * s[i] * (Math.exp(z[cl] - lse) - (cl == y[i] ? 1 : 0));
        gb[cl] += r;
        for (int j = 0; j < d; j++) {
          gW[cl][j] += r * x[i][j];
        }
      }
    }
    for (int cl = 0; cl < k; cl++) {
      for (int j = 0; j < d; j++) {
        f += 0.5 * w[cl][j] * w[cl][j];
        gW[cl][j] += w[cl][j];
      }
    }
    return f;
  }

  /** Plain gradient descent with a fixed safe step, run until the gradient vanishes. */
  static double referenceOptimum(float[][] x, int[] y, double[] s, double c, int k,
      double[][] wOut, double[] bOut) {
    int d = x[0].length;
    double lip = 1;
    for (int i = 0; i < x.length; i++) {
      double sq = 1;
      for (float v : x[i]) {
        sq += v * v;
      }
      lip += c * s[i] * sq;
    }
    double step = 1 / lip;
    double[][] gW = new double[k][d];
    double[] gb = new double[k];
    double f = 0;
    for (int it = 0; it < 2_000_000; it++) {
      f = naiveMultinomial(x, y, s, c, wOut, bOut, gW, gb);
      double gn = 0;
      for (int cl = 0; cl < k; cl++) {
        gn += gb[cl] * gb[cl];
        for (int j = 0; j < d; j++) {
          gn += gW[cl][j] * gW[cl][j];
        }
      }
      if (Math.sqrt(gn) < 1e-11) {
        break;
      }
      for (int cl = 0; cl < k; cl++) {
        bOut[cl] -= step * gb[cl];
        for (int j = 0; j < d; j++) {
          wOut[cl][j] -= step * gW[cl][j];
        }
      }
    }
    return f;
  }

  static float[][] randomRows(Random rnd, int n, int d) {
    float[][] x = new float[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) rnd.nextGaussian();
      }
    }
    return x;
  }

  static float[] flat(float[][] x) {
    int d = x[0].length;
    float[] f = new float[x.length * d];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, f, i * d, d);
    }
    return f;
  }

  /** Labels from a noisy linear rule, so the classes overlap and the optimum is interior. */
  static int[] noisyLabels(Random rnd, float[][] x, int k) {
    int d = x[0].length;
    double[][] t = new double[k][d];
    for (double[] r : t) {
      for (int j = 0; j < d; j++) {
        r[j] = rnd.nextGaussian();
      }
    }
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int cl = 0; cl < k; cl++) {
        double z = rnd.nextGaussian() * 1.5;
        for (int j = 0; j < d; j++) {
          z += t[cl][j] * x[i][j];
        }
        if (z > best) {
          best = z;
          y[i] = cl;
        }
      }
    }
    return y;
  }

  static double[][] rows(float[] w, int k, int d) {
    double[][] out = new double[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        out[c][j] = w[c * d + j];
      }
    }
    return out;
  }

  static double[] toDouble(float[] v) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = v[i];
    }
    return o;
  }

  // ----------------------------------------------------------- tests

  @Test
  void multinomialMatchesAnIndependentGradientDescentOptimum() {
    Random rnd = new Random(42);
    int n = 60, d = 4, k = 3;
    float[][] x = randomRows(rnd, n, d);
    int[] y = noisyLabels(rnd, x, k);
    double[] s = new double[n];
    java.util.Arrays.fill(s, 1);
    for (double c : new double[] {0.1, 1.0, 10.0}) {
      double[][] wRef = new double[k][d];
      double[] bRef = new double[k];
      double fRef = referenceOptimum(x, y, s, c, k, wRef, bRef);

      LogisticFit fit =
          LR.withC(c).fitMultinomial(new DenseFeatures(n, d, flat(x)), y, k);
      assertThat(fit.converged()).as("C=%s", c).isTrue();
      assertThat(fit.reports().get(0).objective()).isCloseTo(fRef, within(1e-6 * fRef));
      LogisticModel m = fit.model();
      double fModel = naiveMultinomial(x, y, s, c, rows(m.weights(), k, d),
          toDouble(m.intercepts()), new double[k][d], new double[k]);
      assertThat(fModel).as("C=%s", c).isCloseTo(fRef, within(1e-6 * fRef));
      double[] bRefCentered = bRef.clone();
      double mean = (bRef[0] + bRef[1] + bRef[2]) / 3;
      for (int cl = 0; cl < k; cl++) {
        bRefCentered[cl] -= mean;
        assertThat((double) m.intercepts()[cl]).isCloseTo(bRefCentered[cl], within(1e-3));
        for (int j = 0; j < d; j++) {
          assertThat((double) m.weights()[cl * d + j]).isCloseTo(wRef[cl][j], within(1e-3));
        }
      }
    }
  }

  @Test
  void binaryMatchesTheOneDimensionalClosedForm() {
    // x = -1 (negative) and x = +1 (positive): by symmetry b = 0 and w solves w = 2C sigmoid(-w)
    for (double c : new double[] {0.5, 1, 4}) {
      double lo = 0, hi = 2 * c;
      for (int it = 0; it < 200; it++) {
        double mid = (lo + hi) / 2;
        if (mid - 2 * c / (1 + Math.exp(mid)) < 0) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      double wStar = (lo + hi) / 2;
      LogisticFit fit = LR.withC(c).fitBinary(
          new DenseFeatures(2, 1, new float[] {-1, 1}), new float[] {0, 1});
      assertThat(fit.converged()).isTrue();
      assertThat((double) fit.model().weights()[0]).isCloseTo(wStar, within(1e-5));
      assertThat((double) fit.model().intercept()).isCloseTo(0, within(1e-5));
      double fStar = 2 * c * Math.log1p(Math.exp(-wStar)) + 0.5 * wStar * wStar;
      assertThat(fit.reports().get(0).objective()).isCloseTo(fStar, within(1e-9 * fStar));
    }
  }

  @Test
  void twoClassMultinomialEqualsBinaryWithTwiceTheC() {
    // softmax over 2 classes with W = [-v, v] is sigmoid(2 v x) and pays ||v||² = ½||2v||²/2
    Random rnd = new Random(7);
    int n = 80, d = 5;
    float[][] x = randomRows(rnd, n, d);
    int[] y = noisyLabels(rnd, x, 2);
    float[] t = new float[n];
    for (int i = 0; i < n; i++) {
      t[i] = y[i];
    }
    DenseFeatures f = new DenseFeatures(n, d, flat(x));
    float[] pm = LR.withC(0.7).fitMultinomial(f, y, 2).model().probabilities(f);
    float[] pb = LR.withC(1.4).fitBinary(f, t).model().probabilities(f);
    for (int i = 0; i < n; i++) {
      assertThat(pm[2 * i + 1]).isCloseTo(pb[i], within(1e-5f));
      assertThat(pm[2 * i] + pm[2 * i + 1]).isCloseTo(1f, within(1e-6f));
    }
  }

  @Test
  void multinomialGradientMatchesFiniteDifferences() {
    Random rnd = new Random(3);
    int n = 25, d = 6, k = 4;
    DenseFeatures dense = FeatureMatrixTest.randomDense(rnd, n, d, 0.6);
    int[] y = new int[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(k);
      s[i] = 0.5 + rnd.nextDouble();
    }
    for (FeatureMatrix x : new FeatureMatrix[] {dense, SparseFeatures.of(dense)}) {
      for (boolean intercept : new boolean[] {true, false}) {
        MultinomialObjective f = new MultinomialObjective(
            x, x.transpose(), y, s, k, intercept, true, Parallel.inline());
        checkGradient(f, f.size(), rnd);
      }
    }
  }

  @Test
  void binaryGradientMatchesFiniteDifferences() {
    Random rnd = new Random(4);
    int n = 30, d = 7;
    DenseFeatures dense = FeatureMatrixTest.randomDense(rnd, n, d, 0.6);
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      double t = rnd.nextDouble();
      a[i] = 1.3 * t;
      b[i] = 0.8 * (1 - t);
    }
    for (FeatureMatrix x : new FeatureMatrix[] {dense, SparseFeatures.of(dense)}) {
      BinaryObjective f =
          new BinaryObjective(x, x.transpose(), null, a, b, true, true, Parallel.inline());
      checkGradient(f, f.size(), rnd);
    }
    BinaryObjective fast = new BinaryObjective(
        dense, dense.transpose(), DenseRows.of(dense), a, b, true, true, Parallel.inline());
    checkGradient(fast, fast.size(), rnd);
  }

  private static void checkGradient(Lbfgs.Objective f, int size, Random rnd) {
    double[] w = new double[size];
    for (int i = 0; i < size; i++) {
      w[i] = rnd.nextGaussian() * 0.5;
    }
    double[] g = new double[size];
    f.evaluate(w, g);
    double[] tmp = new double[size];
    double h = 1e-6;
    for (int i = 0; i < size; i++) {
      double[] wp = w.clone();
      wp[i] += h;
      double fp = f.evaluate(wp, tmp);
      double[] wm = w.clone();
      wm[i] -= h;
      double fm = f.evaluate(wm, tmp);
      double numeric = (fp - fm) / (2 * h);
      assertThat(g[i]).as("gradient[%d]", i)
          .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
    }
  }

  @Test
  void denseAndSparseGiveTheSameModel() {
    Random rnd = new Random(5);
    DenseFeatures dense = FeatureMatrixTest.randomDense(rnd, 50, 8, 0.5);
    float[][] rowsX = new float[50][];
    for (int i = 0; i < 50; i++) {
      rowsX[i] = dense.row(i);
    }
    int[] y = noisyLabels(rnd, rowsX, 3);
    LogisticModel a = LR.fitMultinomial(dense, y, 3).model();
    LogisticModel b = LR.fitMultinomial(SparseFeatures.of(dense), y, 3).model();
    float[] pa = a.probabilities(dense);
    float[] pb = b.probabilities(SparseFeatures.of(dense));
    for (int i = 0; i < pa.length; i++) {
      assertThat(pa[i]).isCloseTo(pb[i], within(1e-5f));
    }
  }

  @Test
  void resultsDoNotDependOnTheNumberOfThreads() {
    Random rnd = new Random(6);
    int n = 3000, d = 40, k = 5;
    float[][] x = randomRows(rnd, n, d);
    int[] y = noisyLabels(rnd, x, k);
    DenseFeatures f = new DenseFeatures(n, d, flat(x));
    LogisticFit one = LR.withParallelism(1).fitMultinomial(f, y, k);
    LogisticFit three = LR.withParallelism(3).fitMultinomial(f, y, k);
    assertThat(three.model()).isEqualTo(one.model());
    assertThat(three.reports()).isEqualTo(one.reports());
    int[][] sets = new int[n][];
    for (int i = 0; i < n; i++) {
      sets[i] = new int[] {y[i]};
    }
    assertThat(LR.withParallelism(3).fitOneVsRest(f, sets, k).model())
        .isEqualTo(LR.withParallelism(1).fitOneVsRest(f, sets, k).model());
    float[] t = new float[n];
    for (int i = 0; i < n; i++) {
      t[i] = y[i] == 0 ? 1 : 0;
    }
    assertThat(LR.withParallelism(3).fitBinary(f, t).model())
        .isEqualTo(LR.withParallelism(1).fitBinary(f, t).model());
  }

  @Test
  void oneVsRestIsOneBinaryFitPerClass() {
    Random rnd = new Random(8);
    int n = 40, d = 3, k = 3;
    float[][] x = randomRows(rnd, n, d);
    DenseFeatures f = new DenseFeatures(n, d, flat(x));
    int[][] sets = new int[n][];
    for (int i = 0; i < n; i++) {
      sets[i] = rnd.nextBoolean() ? new int[] {0, 2} : new int[] {1};
      if (i % 7 == 0) {
        sets[i] = new int[0];
      }
    }
    LogisticFit ovr = LR.fitOneVsRest(f, sets, k);
    assertThat(ovr.reports()).hasSize(k);
    float[] p = ovr.model().probabilities(f);
    for (int cl = 0; cl < k; cl++) {
      float[] t = new float[n];
      for (int i = 0; i < n; i++) {
        for (int v : sets[i]) {
          if (v == cl) {
            t[i] = 1;
          }
        }
      }
      LogisticModel b = LR.fitBinary(f, t).model();
      float[] pb = b.probabilities(f);
      for (int i = 0; i < n; i++) {
        assertThat(p[i * k + cl]).isEqualTo(pb[i]);
      }
    }
  }

  @Test
  void aClassListedTwiceCountsOnce() {
    DenseFeatures f = new DenseFeatures(4, 1, new float[] {-1, -0.5f, 0.5f, 1});
    LogisticModel once = LR.fitOneVsRest(f, new int[][] {{0}, {1}, {0, 1}, {1}}, 2)
        .model();
    LogisticModel twice = LR.fitOneVsRest(f, new int[][] {{0, 0}, {1}, {0, 1, 1}, {1}}, 2)
        .model();
    assertThat(twice).isEqualTo(once);
  }

  @Test
  void balancedWeightsEqualExplicitSampleWeights() {
    Random rnd = new Random(9);
    int n = 45, d = 3, k = 3;
    float[][] x = randomRows(rnd, n, d);
    int[] y = new int[n];
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) {
      y[i] = i < 30 ? 0 : (i < 40 ? 1 : 2);
      counts[y[i]]++;
    }
    float[] sw = new float[n];
    for (int i = 0; i < n; i++) {
      sw[i] = (float) ((double) n / (k * counts[y[i]]));
    }
    DenseFeatures f = new DenseFeatures(n, d, flat(x));
    float[] a = LR.withClassWeighting(ClassWeighting.BALANCED).fitMultinomial(f, y, k).model()
        .probabilities(f);
    float[] b = LR.fitMultinomial(f, y, k, sw).model().probabilities(f);
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).isCloseTo(b[i], within(1e-5f));
    }
  }

  @Test
  void softTargetsOfOneHalfGiveAFlatModel() {
    Random rnd = new Random(10);
    DenseFeatures f = new DenseFeatures(20, 2, flat(randomRows(rnd, 20, 2)));
    float[] t = new float[20];
    java.util.Arrays.fill(t, 0.5f);
    LogisticModel m = LR.fitBinary(f, t).model();
    for (float p : m.probabilities(f)) {
      assertThat(p).isCloseTo(0.5f, within(1e-6f));
    }
  }

  @Test
  void absentClassesGetProbabilityZero() {
    Random rnd = new Random(11);
    int n = 30;
    float[][] x = randomRows(rnd, n, 2);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2 == 0 ? 0 : 2; // class 1 never occurs
    }
    DenseFeatures f = new DenseFeatures(n, 2, flat(x));
    LogisticFit fit = LR.fitMultinomial(f, y, 3);
    assertThat(fit.converged()).isTrue();
    assertThat(fit.model().intercepts()[1]).isEqualTo(Float.NEGATIVE_INFINITY);
    float[] p = fit.model().probabilities(f);
    for (int i = 0; i < n; i++) {
      assertThat(p[i * 3 + 1]).isZero();
      assertThat(p[i * 3] + p[i * 3 + 2]).isCloseTo(1f, within(1e-6f));
    }
    int[][] sets = new int[n][];
    for (int i = 0; i < n; i++) {
      sets[i] = i % 2 == 0 ? new int[] {0, 1} : new int[] {1};
    }
    LogisticModel ovr = LR.fitOneVsRest(f, sets, 3).model();
    float[] q = ovr.probabilities(f);
    for (int i = 0; i < n; i++) {
      assertThat(q[i * 3 + 1]).isEqualTo(1f); // always present
      assertThat(q[i * 3 + 2]).isZero(); // never present
    }
  }

  @Test
  void modelsRebuildFromTheirArrays() {
    Random rnd = new Random(12);
    int n = 40, d = 4, k = 3;
    float[][] x = randomRows(rnd, n, d);
    int[] y = noisyLabels(rnd, x, k);
    DenseFeatures f = new DenseFeatures(n, d, flat(x));
    LogisticModel m = LR.fitMultinomial(f, y, k).model();
    LogisticModel again = LogisticModel.multinomial(k, d, m.weights(), m.intercepts());
    assertThat(again).isEqualTo(m);
    assertThat(again.probabilities(f)).containsExactly(m.probabilities(f));
    float[] z = m.decisionFunction(f);
    assertThat(z).hasSize(n * k);
    m.weights()[0] = 1e9f;
    assertThat(m).isEqualTo(again);
    assertThatThrownBy(() -> LogisticModel.multinomial(k, d, new float[3], new float[k]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights");
    assertThatThrownBy(() -> m.probabilities(new DenseFeatures(1, d + 1, new float[d + 1])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns");
  }

  @Test
  void separableDataWithoutPenaltyStaysFinite() {
    // perfectly separable: the unpenalized optimum is at infinity
    DenseFeatures f = new DenseFeatures(4, 1, new float[] {-2, -1, 1, 2});
    int[] y = {0, 0, 1, 1};
    for (LogisticRegression lr : new LogisticRegression[] {
        LR.withC(1e8), LR.withPenalty(Penalty.NONE).withMaxIterations(200)}) {
      LogisticFit fit = lr.fitMultinomial(f, y, 2);
      float[] p = fit.model().probabilities(f);
      for (float v : p) {
        assertThat(v).isBetween(0f, 1f);
      }
      assertThat(p[1]).isLessThan(0.01f);
      assertThat(p[7]).isGreaterThan(0.99f);
      assertThat(fit.reports().get(0).objective()).isFinite();
    }
  }

  @Test
  void aModelWithoutFeaturesLearnsTheClassPriors() {
    DenseFeatures f = new DenseFeatures(4, 0, new float[0]);
    float[] p = LR.withPenalty(Penalty.NONE).fitMultinomial(f, new int[] {0, 1, 1, 1}, 2)
        .model().probabilities(f);
    assertThat(p[0]).isCloseTo(0.25f, within(1e-5f));
    assertThat(p[1]).isCloseTo(0.75f, within(1e-5f));
  }

  @Test
  void theIterationLimitIsReported() {
    Random rnd = new Random(13);
    float[][] x = randomRows(rnd, 100, 5);
    int[] y = noisyLabels(rnd, x, 4);
    FitReport r = LR.withMaxIterations(2)
        .fitMultinomial(new DenseFeatures(100, 5, flat(x)), y, 4).reports().get(0);
    assertThat(r.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
    assertThat(r.iterations()).isEqualTo(2);
    assertThat(r.evaluations()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void badInputsAreRejectedWithTheirPosition() {
    DenseFeatures f = new DenseFeatures(2, 1, new float[] {1, 2});
    assertThatThrownBy(() -> LR.fitMultinomial(f, new int[] {0, 3}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1] = 3");
    assertThatThrownBy(() -> LR.fitMultinomial(f, new int[] {0}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 rows");
    assertThatThrownBy(() -> LR.fitBinary(f, new float[] {0, 1.5f}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets[1]");
    assertThatThrownBy(() -> LR.fitBinary(f, new float[] {0, 1}, new float[] {1, -1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleWeights[1]");
    assertThatThrownBy(() -> LR.fitOneVsRest(f, new int[][] {{0}, {5}}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelSets[1]");
    assertThatThrownBy(() -> LR.withC(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LR.fitMultinomial(f, new int[] {0, 1}, 2, new float[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive weight");
  }

  @Test
  void defaultsAreScikitLearnLike() {
    LogisticRegression d = LogisticRegression.defaults();
    assertThat(d.c()).isEqualTo(1.0);
    assertThat(d.penalty()).isEqualTo(Penalty.L2);
    assertThat(d.fitIntercept()).isTrue();
    assertThat(d.maxIterations()).isGreaterThanOrEqualTo(1000);
    assertThat(d.classWeighting()).isEqualTo(ClassWeighting.NONE);
    assertThat(d.withC(3).c()).isEqualTo(3.0);
    assertThat(d.withMaxIterations(7).maxIterations()).isEqualTo(7);
  }
}
