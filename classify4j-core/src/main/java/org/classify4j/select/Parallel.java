package org.classify4j.select;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.classify4j.Classify4jException;

/** Runs independent tasks on a bounded pool; results come back in task order. */
final class Parallel {
  private Parallel() {}

  static <T> List<T> map(int n, int parallelism, IntFunction<T> task) {
    List<T> out = new ArrayList<>(n);
    if (parallelism <= 1 || n <= 1) {
      for (int i = 0; i < n; i++) {
        out.add(task.apply(i));
      }
      return out;
    }
    AtomicInteger id = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, n), r -> {
      Thread t = new Thread(r, "classify4j-select-" + id.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        final int x = i;
        futures.add(pool.submit(() -> task.apply(x)));
      }
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Classify4jException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new Classify4jException("task failed: " + c, c);
    } finally {
      pool.shutdownNow();
    }
  }

  static void checkParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be ≥ 1, got " + parallelism);
    }
  }
}
