package org.classify4j.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.classify4j.Classify4jException;

/**
 * Several embedders as one: each text's unit vectors from every part, concatenated and scaled
 * by {@code 1/sqrt(parts)} so the result is unit length again and a cosine is the mean of the
 * parts' cosines. Two small models that err differently can beat either (measured in
 * docs/benchmarks.md). Id: {@code concat:A+B}, e.g. {@code
 * concat:all-minilm-l6-v2+bge-small-en-v1.5}; each part's id is resolved through {@link
 * Embedders}. Document and label texts go to each part's {@code embed} / {@code embedLabels}, so
 * model-specific prefixes stay each part's.
 *
 * <p>Closing closes the parts this embedder created ({@link Provider}); parts handed to the
 * constructor stay their owner's.
 */
public final class ConcatEmbedder implements TextEmbedder {
  /** The id prefix. */
  public static final String PREFIX = "concat:";

  private final List<TextEmbedder> parts;
  private final boolean ownsParts;
  private final int dimension;
  private final String id;

  /** Concatenates these embedders (at least two); they stay the caller's. */
  public ConcatEmbedder(List<TextEmbedder> parts) {
    this(parts, false);
  }

  private ConcatEmbedder(List<TextEmbedder> parts, boolean ownsParts) {
    if (parts.size() < 2) {
      throw new IllegalArgumentException("concat needs at least two embedders, got " + parts.size());
    }
    this.parts = List.copyOf(parts);
    this.ownsParts = ownsParts;
    int d = 0;
    List<String> ids = new ArrayList<>();
    for (TextEmbedder p : this.parts) {
      if (p.id().contains("+")) {
        throw new IllegalArgumentException("a part's id cannot contain '+': " + p.id());
      }
      d += p.dimension();
      ids.add(p.id());
    }
    this.dimension = d;
    this.id = PREFIX + String.join("+", ids);
  }

  /** The parts, in order. */
  public List<TextEmbedder> parts() {
    return parts;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[][] embed(List<String> texts) {
    List<float[][]> each = new ArrayList<>();
    for (TextEmbedder p : parts) {
      each.add(p.embed(texts));
    }
    return join(each, texts.size());
  }

  @Override
  public float[][] embedLabels(List<String> texts) {
    List<float[][]> each = new ArrayList<>();
    for (TextEmbedder p : parts) {
      each.add(p.embedLabels(texts));
    }
    return join(each, texts.size());
  }

  private float[][] join(List<float[][]> each, int n) {
    float scale = (float) (1.0 / Math.sqrt(parts.size()));
    float[][] out = new float[n][dimension];
    int offset = 0;
    for (int p = 0; p < parts.size(); p++) {
      float[][] v = each.get(p);
      int d = parts.get(p).dimension();
      for (int i = 0; i < n; i++) {
        float[] unit = Vectors.normalized(v[i]);
        for (int j = 0; j < d; j++) {
          out[i][offset + j] = unit[j] * scale;
        }
      }
      offset += d;
    }
    return out;
  }

  @Override
  public void close() {
    if (!ownsParts) {
      return;
    }
    RuntimeException first = null;
    for (TextEmbedder p : parts) {
      try {
        p.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return id;
  }

  /** Creates {@code concat:A+B…} embedders; the parts are created through {@link Embedders}. */
  public static final class Provider implements EmbedderProvider {
    @Override
    public Optional<TextEmbedder> create(String id) {
      if (!id.startsWith(PREFIX)) {
        return Optional.empty();
      }
      String[] names = id.substring(PREFIX.length()).split("\\+");
      List<TextEmbedder> made = new ArrayList<>();
      try {
        for (String n : names) {
          if (n.isBlank()) {
            throw new Classify4jException("embedder '" + id + "': empty part; write concat:A+B");
          }
          made.add(Embedders.create(n.strip()));
        }
        if (made.size() < 2) {
          throw new Classify4jException("embedder '" + id + "': concat needs at least two parts (concat:A+B)");
        }
        return Optional.of(new ConcatEmbedder(made, true));
      } catch (RuntimeException e) {
        for (TextEmbedder m : made) {
          m.close();
        }
        throw e;
      }
    }
  }
}
