package org.classify4j.onnx;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.Classify4jException;

/**
 * Runs model calls {@code parallelism} at a time on its own daemon threads; shared by the
 * embedders and the NLI cross-encoder. Items are given shortest first and started longest first,
 * so the workers finish together. With parallelism 1 (or a single item) the caller's thread does
 * the work. {@link #close()} stops the threads.
 */
public final class ParallelRunner implements AutoCloseable {
  /** One model call. */
  @FunctionalInterface
  public interface Call<T> {
    void run(T item) throws OrtException;
  }

  private final ExecutorService workers;
  private final String what;

  /**
   * @param parallelism calls in flight at once (≥ 1)
   * @param what what the calls do, for thread names and errors ("embedding", "nli")
   */
  public ParallelRunner(int parallelism, String what) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be ≥ 1");
    }
    this.what = what;
    this.workers = parallelism > 1 ? newWorkers(parallelism, what) : null;
  }

  /** Runs {@code call} on every item; rethrows the first failure (an ORT or runtime error). */
  public <T> void runAll(List<T> items, Call<T> call) throws OrtException {
    if (workers == null || items.size() == 1) {
      for (T item : items) {
        call.run(item);
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>(items.size());
    for (int i = items.size() - 1; i >= 0; i--) {
      T item = items.get(i);
      futures.add(
          workers.submit(
              () -> {
                call.run(item);
                return null;
              }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new Classify4jException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof OrtException oe) {
        throw oe;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new Classify4jException(what + " failed: " + c, c);
    }
  }

  private static ExecutorService newWorkers(int n, String what) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        n,
        r -> {
          Thread t = new Thread(r, "classify4j-onnx-" + what + "-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }
}
