package org.classify4j.linear;

import java.util.Random;

/**
 * Fit-time benchmark on synthetic embedding-like data (unit vectors around class centroids), not
 * a test. Run after {@code ./mvnw -q -o test-compile -pl classify4j-core}:
 *
 * <pre>
 * java -Xmx4g -cp classify4j-core/target/classes:classify4j-core/target/test-classes \
 *   org.classify4j.linear.LogisticBench [n=10000 d=384 k=77 threads=2 ovr=false tolerance=1e-6]
 * </pre>
 *
 * <p>Prints wall and process CPU seconds per fit (three fits, the first includes JIT warm-up).
 */
public final class LogisticBench {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 384;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 77;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    boolean ovr = args.length > 4 && Boolean.parseBoolean(args[4]);
    double tol = args.length > 5 ? Double.parseDouble(args[5]) : 1e-6;
    Random rnd = new Random(1);
    float[][] centroids = new float[k][d];
    for (float[] c : centroids) {
      for (int j = 0; j < d; j++) {
        c[j] = (float) rnd.nextGaussian();
      }
      normalize(c);
    }
    float[] x = new float[n * d];
    int[] y = new int[n];
    int[][] sets = new int[n][];
    float[] row = new float[d];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(k);
      sets[i] = new int[] {y[i]};
      for (int j = 0; j < d; j++) {
        row[j] = centroids[y[i]][j] + (float) (rnd.nextGaussian() * 1.6 / Math.sqrt(d) * 3);
      }
      normalize(row);
      System.arraycopy(row, 0, x, i * d, d);
    }
    DenseFeatures f = new DenseFeatures(n, d, x);
    LogisticRegression lr =
        LogisticRegression.defaults().withParallelism(threads).withTolerance(tol);
    for (int rep = 0; rep < 3; rep++) {
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      LogisticFit fit = ovr ? lr.fitOneVsRest(f, sets, k) : lr.fitMultinomial(f, y, k);
      long t1 = System.nanoTime();
      long c1 = cpuNanos();
      float[] p = fit.model().probabilities(f);
      int correct = 0;
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (p[i * k + c] > p[i * k + best]) {
            best = c;
          }
        }
        if (best == y[i]) {
          correct++;
        }
      }
      FitReport r = fit.reports().get(0);
      System.out.printf(
          "%s n=%d d=%d k=%d threads=%d: %.2f s wall, %.2f s cpu, iterations %d (total %d), evaluations %d,"
              + " objective %.6f, rel grad %.2e, %s, train acc %.3f%n",
          ovr ? "ovr" : "multinomial", n, d, k, threads, (t1 - t0) / 1e9, (c1 - c0) / 1e9, r.iterations(),
          fit.totalIterations(), r.evaluations(), r.objective(), r.relativeGradientNorm(),
          r.stopReason(), (double) correct / n);
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void normalize(float[] v) {
    double s = 0;
    for (float a : v) {
      s += a * a;
    }
    float inv = (float) (1 / Math.sqrt(s));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
  }
}
