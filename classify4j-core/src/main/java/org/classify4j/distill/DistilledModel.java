package org.classify4j.distill;

import java.util.List;
import java.util.Objects;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.linear.LogisticHeads;
import org.classify4j.linear.DenseFeatures;
import org.classify4j.linear.LogisticModel;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;

/**
 * A fast classifier distilled from an LLM's labels: a logistic head on sentence embeddings.
 * Binary tasks (single-label, two labels) have one sigmoid output for the positive label, and the
 * other label's score is {@code 1 − p} (computed in float, so a threshold rule on both columns is
 * exact); other single-label tasks a softmax; multi-label tasks a sigmoid per label. Immutable and
 * thread-safe. Type {@code distilled}.
 */
public final class DistilledModel implements SavableModel {
  public static final String TYPE = "distilled";

  /** The head's shape. */
  public enum Kind {
    BINARY,
    MULTINOMIAL,
    ONE_VS_REST
  }

  private final LabelSpace classes;
  private final boolean multiLabel;
  private final TextEmbedder embedder;
  private final Kind kind;
  private final int positive; // BINARY: the positive column; -1 otherwise
  private final LogisticModel head;

  DistilledModel(LabelSpace classes, boolean multiLabel, TextEmbedder embedder, Kind kind,
      int positive, LogisticModel head) {
    this.classes = Objects.requireNonNull(classes, "classes");
    this.multiLabel = multiLabel;
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.head = Objects.requireNonNull(head, "head");
    if (head.dim() != embedder.dimension()) {
      throw new IllegalArgumentException("head has " + head.dim() + " features, the embedder "
          + embedder.dimension());
    }
    if (kind == Kind.BINARY) {
      if (classes.size() != 2 || multiLabel || head.outputs() != 1) {
        throw new IllegalArgumentException("a binary head needs two single-label classes");
      }
      Objects.checkIndex(positive, 2);
    } else if (head.outputs() != classes.size()) {
      throw new IllegalArgumentException("head has " + head.outputs() + " outputs for "
          + classes.size() + " classes");
    }
    this.positive = kind == Kind.BINARY ? positive : -1;
  }

  @Override
  public LabelSpace classes() {
    return classes;
  }

  @Override
  public boolean multiLabel() {
    return multiLabel;
  }

  public Kind kind() {
    return kind;
  }

  public TextEmbedder embedder() {
    return embedder;
  }

  /** The positive label of a binary model. */
  public java.util.Optional<String> positiveLabel() {
    return positive < 0 ? java.util.Optional.empty()
        : java.util.Optional.of(classes.name(positive));
  }

  @Override
  public ScoreMatrix predictProba(List<Document> documents) {
    if (documents.isEmpty()) {
      return ScoreMatrix.of(classes, new float[0][]);
    }
    return scoreEmbedded(embedder.embed(documents.stream().map(Document::text).toList()));
  }

  /** Scores embeddings computed elsewhere (row i embeds document i). */
  public ScoreMatrix scoreEmbedded(float[][] x) {
    float[] p = head.probabilities(DenseFeatures.of(x, embedder.dimension()));
    if (kind != Kind.BINARY) {
      return ScoreMatrix.ofFlat(classes, x.length, p);
    }
    float[] flat = new float[x.length * 2];
    for (int i = 0; i < x.length; i++) {
      float pos = Math.min(1f, Math.max(0f, p[i]));
      flat[2 * i + positive] = pos;
      flat[2 * i + (1 - positive)] = 1f - pos;
    }
    return ScoreMatrix.ofFlat(classes, x.length, flat);
  }

  @Override
  public String modelType() {
    return TYPE;
  }

  @Override
  public void writeTo(ModelWriter out) {
    out.param("embedder", embedder.id())
        .param("head", kind.name().toLowerCase(java.util.Locale.ROOT))
        .param("positive", positive < 0 ? "" : classes.name(positive));
    LogisticHeads.write(out, head);
  }

  /** Reads saved distilled models; the embedder comes from the {@link Resources}. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public DistilledModel load(ModelReader in, Resources context) {
      TextEmbedder e = context.get(TextEmbedder.class, in.param("embedder").asText());
      Kind kind = Kind.valueOf(in.param("head").asText().toUpperCase(java.util.Locale.ROOT));
      LogisticModel head = kind == Kind.BINARY
          ? LogisticHeads.readBinary(in)
          : LogisticHeads.read(in, kind == Kind.ONE_VS_REST, e.dimension());
      LabelSpace classes = in.classes();
      int positive = kind == Kind.BINARY ? classes.requireIndex(in.param("positive").asText()) : -1;
      return new DistilledModel(classes, in.multiLabel(), e, kind, positive, head);
    }
  }
}
