package org.classify4j.linear;

import java.util.Random;

/**
 * Single-thread throughput (thread CPU time) of {@link DenseFeatures#multiplyRows}, forward X·W
 * and backward Xᵀ·R for 10000×384 and k classes (not a test):
 * {@code java -cp classify4j-core/target/classes:classify4j-core/target/test-classes
 * org.classify4j.linear.KernelBench [k=77]}.
 */
public final class KernelBench {
  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  public static void main(String[] args) {
    int n = 10000, d = 384, k = args.length > 0 ? Integer.parseInt(args[0]) : 77;
    Random rnd = new Random(1);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    DenseFeatures f = new DenseFeatures(n, d, x);
    DenseFeatures ft = f.transpose();
    double[][] w = new double[d][k];
    for (double[] row : w) {
      for (int c = 0; c < k; c++) {
        row[c] = rnd.nextGaussian();
      }
    }
    double[][] z = new double[n][k];
    double[][] g = new double[d][k];
    for (int rep = 0; rep < 8; rep++) {
      long t0 = cpu();
      for (int a = 0; a < n; a += 256) {
        f.multiplyRows(a, Math.min(n, a + 256), w, z);
      }
      long t1 = cpu();
      int chunk = Math.max(1, 2048 / k);
      for (int a = 0; a < d; a += chunk) {
        ft.multiplyRows(a, Math.min(d, a + chunk), z, g);
      }
      long t2 = cpu();
      double flops = (double) n * d * k;
      System.out.printf("forward %.3f s (%.2f G mul-add/s), backward %.3f s (%.2f G/s)%n",
          (t1 - t0) / 1e9, flops / (t1 - t0), (t2 - t1) / 1e9, flops / (t2 - t1));
    }
  }
}
