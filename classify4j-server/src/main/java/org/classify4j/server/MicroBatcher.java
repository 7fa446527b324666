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
 * Scores items submitted one at a time, by any number of threads, together. Each worker, when
 * free, takes everything waiting at once (up to {@code maxBatch}) and hands it to one call of the
 * batch function; when fewer are waiting, it first waits at most {@code window} for more. Under
 * load, items arriving while batches are scored wait for the next free worker, so batches fill by
 * themselves ("continuous batching") and throughput approaches the batch function's; alone, an
 * item waits at most the window. With several workers, that many batches are scored at once:
 * a batch function that computes on its calling thread (the embedded ONNX embedder does, for one
 * model call's worth of texts) needs one worker per core to use them all.
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
   * @param window how long a worker that found fewer than {@code maxBatch} items waiting waits
   *     for more (zero: take only what waits)
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
        // everything waiting, at once: other workers cannot take items from the middle of it
        queue.drainTo(batch, maxBatch - batch.size());
        if (batch.size() < maxBatch && windowNanos > 0) {
          long deadline = System.nanoTime() + windowNanos;
          while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            Pending<I, O> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
              break;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
          }
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
