package org.classify4j.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.classify4j.Classify4jException;

/**
 * A bounded window of work in flight over a stream, handed out in input order: items are pulled
 * in chunks (so per-chunk work such as embedding stays batched), each chunk is started at once
 * ({@code submit} returns one future per item), and new chunks are pulled while fewer than {@code
 * window} items are unfinished. The consumer gets the oldest item as soon as it is done, while
 * the later ones keep their calls in flight: no wait at batch boundaries, memory bounded by {@code
 * 2 × window + chunk} items (finished ones wait for the oldest to be handed out).
 *
 * <p>An exception thrown while pulling the next item (a cancellation) stops the pulling; the items
 * already started are still handed out, then the exception is thrown. {@link #stop()} stops the
 * pulling the same way without an exception (a spent budget). Not thread-safe: one consumer.
 *
 * @param <T> the items
 * @param <R> what an item's work gives
 */
public final class InFlightWindow<T, R> implements Iterator<InFlightWindow.Done<T, R>> {

  /** An item with its outcome: a value, or the error its work failed with. */
  public record Done<T, R>(T item, Optional<R> value, Optional<RuntimeException> error) {
    /** The value, or the error thrown. */
    public R get() {
      if (error.isPresent()) {
        throw error.get();
      }
      return value.orElseThrow();
    }
  }

  private final Iterator<T> items;
  private final int chunk;
  private final int window;
  private final Function<List<T>, List<CompletableFuture<R>>> submit;
  private final ArrayDeque<T> heldItems = new ArrayDeque<>();
  private final ArrayDeque<CompletableFuture<R>> held = new ArrayDeque<>();
  private RuntimeException pullFailure;
  private boolean stopped;

  /**
   * @param items the stream
   * @param chunk items pulled and started together (≥ 1)
   * @param window the most unfinished items kept (≥ 1)
   * @param submit starts a chunk: one future per item, in order
   */
  public InFlightWindow(Iterator<T> items, int chunk, int window,
      Function<List<T>, List<CompletableFuture<R>>> submit) {
    if (chunk < 1 || window < 1) {
      throw new IllegalArgumentException("chunk and window must be ≥ 1, got " + chunk + ", "
          + window);
    }
    this.items = items;
    this.chunk = chunk;
    this.window = window;
    this.submit = submit;
  }

  /** Pulls no more items; those started are still handed out. */
  public void stop() {
    stopped = true;
  }

  /** Items started and not yet handed out. */
  public int inFlight() {
    return held.size();
  }

  private void fill() {
    while (!stopped && pullFailure == null && unfinished() < window
        && held.size() < 2 * window) {
      List<T> part = new ArrayList<>(chunk);
      try {
        while (part.size() < chunk && items.hasNext()) {
          part.add(items.next());
        }
      } catch (RuntimeException e) {
        pullFailure = e;
      }
      if (part.isEmpty()) {
        return;
      }
      List<CompletableFuture<R>> fs = submit.apply(part);
      if (fs.size() != part.size()) {
        throw new IllegalStateException("submit gave " + fs.size() + " futures for " + part.size()
            + " items");
      }
      heldItems.addAll(part);
      held.addAll(fs);
    }
  }

  private int unfinished() {
    int n = 0;
    for (CompletableFuture<R> f : held) {
      if (!f.isDone()) {
        n++;
      }
    }
    return n;
  }

  @Override
  public boolean hasNext() {
    fill();
    if (!held.isEmpty()) {
      return true;
    }
    if (pullFailure != null) {
      RuntimeException e = pullFailure;
      pullFailure = null;
      throw e;
    }
    return false;
  }

  @Override
  public Done<T, R> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T item = heldItems.poll();
    CompletableFuture<R> f = held.poll();
    try {
      R r = f.get();
      return new Done<>(item, Optional.of(r), Optional.empty());
    } catch (ExecutionException | CompletionException e) {
      return new Done<>(item, Optional.empty(), Optional.of(unwrap(e.getCause())));
    } catch (CancellationException e) {
      return new Done<>(item, Optional.empty(), Optional.of(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Classify4jException("interrupted while waiting for a result", e);
    } finally {
      // top the window up at once, so the calls behind this one keep going while it is written
      fill();
    }
  }

  private static RuntimeException unwrap(Throwable c) {
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof RuntimeException re) {
      return re;
    }
    if (c instanceof Error err) {
      throw err;
    }
    return new Classify4jException("call failed: " + c, c);
  }
}
