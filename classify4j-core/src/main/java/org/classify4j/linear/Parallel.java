package org.classify4j.linear;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.Classify4jException;

/**
 * A fixed pool of daemon threads for one fit (closed after it), or none (everything inline).
 * Work is split into ranges whose results do not depend on the split, so the thread count never
 * changes a result.
 */
final class Parallel implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();
  private final ExecutorService pool;
  private final int threads;

  private Parallel(int threads) {
    this.threads = threads;
    if (threads > 1) {
      int id = POOLS.incrementAndGet();
      AtomicInteger n = new AtomicInteger();
      this.pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "classify4j-logistic-" + id + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    } else {
      this.pool = null;
    }
  }

  static Parallel of(int threads) {
    return new Parallel(Math.max(1, threads));
  }

  static Parallel inline() {
    return new Parallel(1);
  }

  int threads() {
    return threads;
  }

  interface RangeTask {
    void run(int from, int to);
  }

  /**
   * Runs {@code task} over [0, n) split into at most {@link #threads()} ranges of at least
   * {@code minSize} (inline when one range is enough).
   */
  void forRange(int n, int minSize, RangeTask task) {
    int parts = (int) Math.min(threads, Math.max(1, n / (long) Math.max(1, minSize)));
    if (parts <= 1 || pool == null) {
      if (n > 0) {
        task.run(0, n);
      }
      return;
    }
    List<Callable<Void>> jobs = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      jobs.add(() -> {
        task.run(from, to);
        return null;
      });
    }
    invokeAll(jobs);
  }

  /** Runs the jobs (in parallel when there is a pool) and returns their results in order. */
  <T> List<T> invokeAll(List<? extends Callable<T>> jobs) {
    List<T> out = new ArrayList<>(jobs.size());
    if (pool == null) {
      for (Callable<T> j : jobs) {
        try {
          out.add(j.call());
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Exception e) {
          throw new Classify4jException("fitting failed: " + e.getMessage(), e);
        }
      }
      return out;
    }
    try {
      List<Future<T>> fs = new ArrayList<>(jobs.size());
      for (Callable<T> j : jobs) {
        fs.add(pool.submit(j));
      }
      for (Future<T> f : fs) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Classify4jException("interrupted while fitting", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new Classify4jException("fitting failed: " + c, c);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
