package org.classify4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform random sample of at most {@code capacity} items from a stream of unknown length, in
 * one pass and bounded memory (reservoir sampling, Algorithm R); seeded, so the same stream gives
 * the same sample. {@link #sample()} lists the kept items in stream order. Not thread-safe.
 *
 * @param <T> the item type
 */
public final class Reservoir<T> {
  private final int capacity;
  private final SplittableRandom random;
  private final Object[] items;
  private final long[] positions;
  private long seen;

  public Reservoir(int capacity, long seed) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be ≥ 1, got " + capacity);
    }
    this.capacity = capacity;
    this.random = new SplittableRandom(seed);
    this.items = new Object[capacity];
    this.positions = new long[capacity];
  }

  /** Offers the next item of the stream. */
  public void add(T item) {
    long pos = seen++;
    if (pos < capacity) {
      items[(int) pos] = item;
      positions[(int) pos] = pos;
      return;
    }
    long j = random.nextLong(pos + 1);
    if (j < capacity) {
      items[(int) j] = item;
      positions[(int) j] = pos;
    }
  }

  /** How many items were offered. */
  public long seen() {
    return seen;
  }

  /** The kept items (all of them while fewer than capacity were offered), in stream order. */
  @SuppressWarnings("unchecked")
  public List<T> sample() {
    int n = (int) Math.min(seen, capacity);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(positions[a], positions[b]));
    List<T> out = new ArrayList<>(n);
    for (int i : order) {
      out.add((T) items[i]);
    }
    return List.copyOf(out);
  }
}
