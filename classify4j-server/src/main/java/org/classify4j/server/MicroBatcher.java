package org.classify4j.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores items submitted one at a time, by any number of threads, together: a worker takes the
 * first waiting item, collects more for at most {@code window} (or until {@code maxBatch} are
 * there) and hands them to one call of the batch function. Under load, items arriving while a
 * batch is scored wait for the next one, so batches fill by themselves and throughput approaches
 * the batch function's; alone, an item waits at most the window.
 *
 * <p>Generic over the batch function ({@code List<I> → List<O>}, one output per input, in order).
 * A failure of the function fails every item of that batch, with the same cause. Closing stops
 * the workers after the batch in progress and fails the items still queued.
 *
 * @param <I> an item
 * @param <O> its result
 */
public final class MicroBatcher<I, O> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MicroBatcher.class);

  private record Pending<I, O>(I item, CompletableFuture<O> result) {}

  /** Called after each batch: its size and how long the batch function took. */
  public interface Listener {
    void batchDone(int size, long nanos);

    Listener NONE = (size, nanos) -> {};
  }

  private final Function<List<I>, List<O>> batchFunction;
  private final int maxBatch;
  private final long windowNanos;
  private final Listener listener;
  private final LinkedBlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param name names the worker threads
   * @param maxBatch the most items scored in one call (at least 1)
   * @param window how long to wait for more items after the first (zero: take only what waits)
   * @param workers worker threads (at least 1), each scoring its own batches
   */
  public MicroBatcher(String name, int maxBatch, Duration window, int workers,
      Function<List<I>, List<O>> batchFunction, Listener listener) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative, got " + window);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.batchFunction = Objects.requireNonNull(batchFunction, "batchFunction");
    this.maxBatch = maxBatch;
    this.windowNanos = window.toNanos();
    this.listener = Objects.requireNonNull(listener, "listener");
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(this::run, name + "-batcher-" + i);
      t.setDaemon(true);
      this.workers.add(t);
      t.start();
    }
  }

  /** Queues one item; the future completes when its batch has been scored. */
  public CompletableFuture<O> submit(I item) {
    CompletableFuture<O> f = new CompletableFuture<>();
    if (closed.get()) {
      f.completeExceptionally(new IllegalStateException("batcher closed"));
      return f;
    }
    queue.add(new Pending<>(item, f));
    if (closed.get()) {
      failQueued();
    }
    return f;
  }

  /** Queues several items (they may be scored in different batches); futures in input order. */
  public List<CompletableFuture<O>> submitAll(List<I> items) {
    List<CompletableFuture<O>> out = new ArrayList<>(items.size());
    for (I i : items) {
      out.add(submit(i));
    }
    return out;
  }

  /** Items waiting for a batch. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
    while (!closed.get()) {
      try {
        Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + windowNanos;
        while (batch.size() < maxBatch) {
          Pending<I, O> next = queue.poll();
          if (next == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              break;
            }
            next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
              break;
            }
          }
          batch.add(next);
        }
        score(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
  }

  private void score(List<Pending<I, O>> batch) {
    List<I> items = new ArrayList<>(batch.size());
    for (Pending<I, O> p : batch) {
      items.add(p.item());
    }
    long t0 = System.nanoTime();
    List<O> out;
    try {
      out = batchFunction.apply(items);
      if (out.size() != items.size()) {
        throw new IllegalStateException("batch function returned " + out.size()
            + " results for " + items.size() + " items");
      }
    } catch (RuntimeException | Error e) {
      LOG.debug("batch of {} failed: {}", items.size(), e.toString());
      for (Pending<I, O> p : batch) {
        p.result().completeExceptionally(e);
      }
      return;
    }
    listener.batchDone(items.size(), System.nanoTime() - t0);
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(out.get(i));
    }
  }

  private void failQueued() {
    for (Pending<I, O> p = queue.poll(); p != null; p = queue.poll()) {
      p.result().completeExceptionally(new IllegalStateException("batcher closed"));
    }
  }

  /** Stops taking items, lets the batches in progress finish, fails what is still queued. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Thread t : workers) {
      try {
        t.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    failQueued();
  }
}
