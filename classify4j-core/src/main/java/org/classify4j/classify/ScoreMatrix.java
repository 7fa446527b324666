package org.classify4j.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.classify4j.data.LabelSpace;

/**
 * Scores of n documents over the k labels of a {@link LabelSpace}: row i is document i, column j is
 * {@code classes().get(j)}, values in [0, 1]. Single-label models give rows that sum to 1, or
 * all zeros for a text they have no evidence about (argmax then abstains);
 * multi-label models give an independent score per label. Immutable (the data is copied in and
 * every accessor returns copies or single values).
 */
public final class ScoreMatrix {
  private final LabelSpace classes;
  private final int rows;
  private final float[] data;
  /** Per-row integer notes by name (e.g. a cascade's "stage"); empty for most models. */
  private final java.util.Map<String, int[]> notes;

  private ScoreMatrix(LabelSpace classes, int rows, float[] data) {
    this(classes, rows, data, java.util.Map.of());
  }

  private ScoreMatrix(LabelSpace classes, int rows, float[] data,
      java.util.Map<String, int[]> notes) {
    this.classes = classes;
    this.rows = rows;
    this.data = data;
    this.notes = notes;
  }

  /**
   * These scores with an integer note per row under {@code name} (a cascade says which stage
   * answered each row); prediction writers add the notes to each row's JSON line.
   */
  public ScoreMatrix withNote(String name, int[] values) {
    Objects.requireNonNull(name, "name");
    if (values.length != rows) {
      throw new IllegalArgumentException(
          "note '" + name + "' has " + values.length + " values for " + rows + " rows");
    }
    java.util.Map<String, int[]> m = new java.util.LinkedHashMap<>(notes);
    m.put(name, values.clone());
    return new ScoreMatrix(classes, rows, data, java.util.Collections.unmodifiableMap(m));
  }

  /** The names of the per-row notes, in the order they were added. */
  public java.util.Set<String> noteNames() {
    return notes.keySet();
  }

  /** The note {@code name} of row {@code row}. */
  public java.util.OptionalInt note(String name, int row) {
    int[] v = notes.get(name);
    return v == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(v[row]);
  }

  /** Wraps row-major scores (copied), checking the shape and that every value is in [0,1]. */
  public static ScoreMatrix of(LabelSpace classes, float[][] scores) {
    Objects.requireNonNull(classes, "classes");
    int k = classes.size();
    float[] d = new float[scores.length * k];
    for (int i = 0; i < scores.length; i++) {
      if (scores[i].length != k) {
        throw new IllegalArgumentException(
            "row " + i + " has " + scores[i].length + " scores, expected " + k);
      }
      System.arraycopy(scores[i], 0, d, i * k, k);
    }
    check(d, k);
    return new ScoreMatrix(classes, scores.length, d);
  }

  /** Wraps a flat row-major array of {@code rows * classes.size()} scores (copied). */
  public static ScoreMatrix ofFlat(LabelSpace classes, int rows, float[] flat) {
    if (flat.length != rows * classes.size()) {
      throw new IllegalArgumentException(
          "expected " + rows + "x" + classes.size() + " scores, got " + flat.length);
    }
    float[] d = flat.clone();
    check(d, classes.size());
    return new ScoreMatrix(classes, rows, d);
  }

  /** Stacks matrices over the same classes, in order. */
  public static ScoreMatrix concat(LabelSpace classes, List<ScoreMatrix> parts) {
    int n = 0;
    for (ScoreMatrix p : parts) {
      if (!p.classes.equals(classes)) {
        throw new IllegalArgumentException("cannot stack score matrices over different classes");
      }
      n += p.rows;
    }
    float[] d = new float[n * classes.size()];
    int off = 0;
    for (ScoreMatrix p : parts) {
      System.arraycopy(p.data, 0, d, off, p.data.length);
      off += p.data.length;
    }
    ScoreMatrix out = new ScoreMatrix(classes, n, d);
    // a note survives stacking when every part has it
    if (!parts.isEmpty()) {
      for (String name : parts.get(0).notes.keySet()) {
        if (parts.stream().allMatch(p -> p.notes.containsKey(name))) {
          int[] v = new int[n];
          int r = 0;
          for (ScoreMatrix p : parts) {
            System.arraycopy(p.notes.get(name), 0, v, r, p.rows);
            r += p.rows;
          }
          out = out.withNote(name, v);
        }
      }
    }
    return out;
  }

  private static void check(float[] d, int k) {
    for (int i = 0; i < d.length; i++) {
      float v = d[i];
      if (!(v >= 0f && v <= 1f)) {
        throw new IllegalArgumentException(
            "score at row " + (i / Math.max(k, 1)) + ", column " + (i % Math.max(k, 1))
                + " is " + v + ", outside [0,1]");
      }
    }
  }

  public LabelSpace classes() {
    return classes;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return classes.size();
  }

  public float get(int row, int col) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(col, cols());
    return data[row * cols() + col];
  }

  /** A copy of row {@code i}. */
  public float[] row(int i) {
    Objects.checkIndex(i, rows);
    int k = cols();
    return Arrays.copyOfRange(data, i * k, i * k + k);
  }

  /** A copy of every row. */
  public float[][] toArray() {
    float[][] out = new float[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = row(i);
    }
    return out;
  }

  /** Index of the highest score in row i (lowest index on ties); -1 when there are no columns. */
  public int argmax(int i) {
    int k = cols();
    int best = -1;
    float bv = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      float v = data[i * k + j];
      if (v > bv) {
        bv = v;
        best = j;
      }
    }
    return best;
  }

  /** Column indices of row i ordered by descending score (ties: lower index first). */
  public int[] rankedColumns(int i) {
    int k = cols();
    Integer[] idx = new Integer[k];
    for (int j = 0; j < k; j++) {
      idx[j] = j;
    }
    final int base = i * k;
    Arrays.sort(idx, (a, b) -> {
      int c = Float.compare(data[base + b], data[base + a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] out = new int[k];
    for (int j = 0; j < k; j++) {
      out[j] = idx[j];
    }
    return out;
  }

  /** The top {@code n} columns of row i by descending score, without sorting the whole row. */
  public int[] topColumns(int i, int n) {
    int k = cols();
    n = Math.min(n, k);
    if (n * 8 >= k) {
      return Arrays.copyOf(rankedColumns(i), n);
    }
    int base = i * k;
    int[] top = new int[n];
    float[] topV = new float[n];
    int size = 0;
    for (int j = 0; j < k; j++) {
      float v = data[base + j];
      if (size < n || v > topV[size - 1]) {
        int pos = size < n ? size++ : n - 1;
        while (pos > 0 && topV[pos - 1] < v) {
          top[pos] = top[pos - 1];
          topV[pos] = topV[pos - 1];
          pos--;
        }
        top[pos] = j;
        topV[pos] = v;
      }
    }
    return top;
  }

  /** The rows at these positions. */
  public ScoreMatrix selectRows(int[] positions) {
    int k = cols();
    float[] d = new float[positions.length * k];
    for (int r = 0; r < positions.length; r++) {
      System.arraycopy(data, positions[r] * k, d, r * k, k);
    }
    ScoreMatrix out = new ScoreMatrix(classes, positions.length, d);
    for (java.util.Map.Entry<String, int[]> e : notes.entrySet()) {
      int[] v = new int[positions.length];
      for (int r = 0; r < positions.length; r++) {
        v[r] = e.getValue()[positions[r]];
      }
      out = out.withNote(e.getKey(), v);
    }
    return out;
  }

  @Override
  public String toString() {
    return "ScoreMatrix[" + rows + "x" + cols() + "]";
  }
}
