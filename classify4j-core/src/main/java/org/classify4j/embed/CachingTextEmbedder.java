package org.classify4j.embed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the vectors of texts seen in this run (least recently used dropped past
 * {@code capacity}), so repeated texts — duplicates in data, labels embedded by several methods,
 * a grid search over the same folds — are embedded once. Texts repeated within one call are
 * embedded once too. Thread-safe. Closing it closes nothing: the wrapped embedder stays its
 * owner's.
 */
public final class CachingTextEmbedder extends ForwardingTextEmbedder {
  private final Map<String, float[]> docs;
  private final Map<String, float[]> labels;
  private long hits;
  private long misses;

  public CachingTextEmbedder(TextEmbedder inner, int capacity) {
    super(inner);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be ≥ 1");
    }
    this.docs = lru(capacity);
    this.labels = lru(Math.max(1, capacity / 4));
  }

  private static Map<String, float[]> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public float[][] embed(List<String> texts) {
    return cached(texts, docs, false);
  }

  @Override
  public float[][] embedLabels(List<String> texts) {
    return cached(texts, labels, true);
  }

  private float[][] cached(List<String> texts, Map<String, float[]> cache, boolean asLabels) {
    float[][] out = new float[texts.size()][];
    Map<String, List<Integer>> missing = new LinkedHashMap<>();
    synchronized (this) {
      for (int i = 0; i < out.length; i++) {
        float[] v = cache.get(texts.get(i));
        if (v != null) {
          out[i] = v.clone();
          hits++;
        } else {
          missing.computeIfAbsent(texts.get(i), k -> new ArrayList<>()).add(i);
        }
      }
    }
    if (!missing.isEmpty()) {
      List<String> todo = new ArrayList<>(missing.keySet());
      float[][] fresh = asLabels ? inner.embedLabels(todo) : inner.embed(todo);
      Map<String, float[]> add = new HashMap<>();
      for (int t = 0; t < todo.size(); t++) {
        for (int i : missing.get(todo.get(t))) {
          out[i] = fresh[t].clone();
        }
        add.put(todo.get(t), fresh[t].clone());
      }
      synchronized (this) {
        cache.putAll(add);
        misses += todo.size();
      }
    }
    return out;
  }

  /** Texts answered from the cache so far. */
  public synchronized long hits() {
    return hits;
  }

  /** Distinct texts sent to the wrapped embedder so far. */
  public synchronized long misses() {
    return misses;
  }
}
