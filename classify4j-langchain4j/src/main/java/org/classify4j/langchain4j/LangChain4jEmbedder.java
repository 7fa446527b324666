package org.classify4j.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.classify4j.Classify4jException;
import org.classify4j.embed.TextEmbedder;

/**
 * Any LangChain4j {@link EmbeddingModel} as a classify4j {@link TextEmbedder}: texts go to {@code
 * embedAll} in batches of at most {@link Builder#batchSize(int)} (one call per batch), vectors come
 * back L2-normalized as classify4j expects. Label texts are embedded like documents (LangChain4j's
 * API has no query/passage distinction; give a {@link Builder#labelPrefix(String)} for models that
 * want one). The wrapped model stays the caller's: {@link #close()} does not close it.
 */
public final class LangChain4jEmbedder implements TextEmbedder {
  private final String id;
  private final EmbeddingModel model;
  private final int batchSize;
  private final String documentPrefix;
  private final String labelPrefix;
  private volatile int dimension = -1;

  private LangChain4jEmbedder(Builder b) {
    this.id = b.id;
    this.model = b.model;
    this.batchSize = b.batchSize;
    this.documentPrefix = b.documentPrefix;
    this.labelPrefix = b.labelPrefix;
  }

  /**
   * Wraps {@code model} under {@code id}, the name saved with classify4j models (for example {@code
   * langchain4j:all-minilm-l6-v2}); loading such a model needs an embedder with the same id.
   */
  public static Builder builder(String id, EmbeddingModel model) {
    return new Builder(id, model);
  }

  /** {@code builder(id, model).build()}. */
  public static LangChain4jEmbedder of(String id, EmbeddingModel model) {
    return builder(id, model).build();
  }

  @Override
  public String id() {
    return id;
  }

  /** The model's dimension (LangChain4j may embed a probe text once to learn it). */
  @Override
  public int dimension() {
    int d = dimension;
    if (d < 0) {
      d = model.dimension();
      dimension = d;
    }
    return d;
  }

  /** Texts per {@code embedAll} call. */
  public int batchSize() {
    return batchSize;
  }

  @Override
  public float[][] embed(List<String> texts) {
    return embedWith(documentPrefix, texts);
  }

  @Override
  public float[][] embedLabels(List<String> texts) {
    return embedWith(labelPrefix, texts);
  }

  private float[][] embedWith(String prefix, List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int start = 0; start < texts.size(); start += batchSize) {
      int end = Math.min(texts.size(), start + batchSize);
      List<TextSegment> segments = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        segments.add(TextSegment.from(prefix + texts.get(i)));
      }
      Response<List<Embedding>> r = model.embedAll(segments);
      List<Embedding> vs = r == null ? null : r.content();
      if (vs == null || vs.size() != segments.size()) {
        throw new Classify4jException(id + ": embedAll returned " + (vs == null ? "nothing" : vs.size()
            + " vectors") + " for " + segments.size() + " texts");
      }
      for (int i = start; i < end; i++) {
        out[i] = unit(vs.get(i - start).vector(), i);
      }
    }
    return out;
  }

  private float[] unit(float[] v, int index) {
    int d = dimension();
    if (v.length != d) {
      throw new Classify4jException(id + ": vector " + index + " has " + v.length
          + " dimensions, the model says " + d);
    }
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    float[] u = v.clone();
    if (s > 0) {
      float inv = (float) (1.0 / Math.sqrt(s));
      for (int j = 0; j < u.length; j++) {
        u[j] *= inv;
      }
    }
    return u;
  }

  /** Options: id, batch size, prefixes. */
  public static final class Builder {
    private final String id;
    private final EmbeddingModel model;
    private int batchSize = 32;
    private String documentPrefix = "";
    private String labelPrefix = "";

    private Builder(String id, EmbeddingModel model) {
      this.id = Objects.requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("an embedder id must not be blank");
      }
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The most texts per {@code embedAll} call (default 32). */
    public Builder batchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("batchSize must be ≥ 1, got " + n);
      }
      this.batchSize = n;
      return this;
    }

    /** Put before each document text (e5's "passage: "); default none. */
    public Builder documentPrefix(String prefix) {
      this.documentPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Put before each label text (e5's "query: "); default none. */
    public Builder labelPrefix(String prefix) {
      this.labelPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    public LangChain4jEmbedder build() {
      return new LangChain4jEmbedder(this);
    }
  }
}
