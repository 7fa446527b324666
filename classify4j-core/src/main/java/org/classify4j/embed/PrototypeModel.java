package org.classify4j.embed;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;

/**
 * A fitted similarity classifier: one unit vector (prototype) per label; a document scores by
 * its cosine to each prototype, calibrated by a {@link SimilarityCalibration}. Zero-shot models
 * take prototypes from label names and descriptions; centroid models from training examples.
 * Immutable and thread-safe (given a thread-safe embedder).
 */
public final class PrototypeModel implements SavableModel {
  private final String type;
  private final LabelSpace classes;
  private final TextEmbedder embedder;
  private final float[][] prototypes;
  private final SimilarityCalibration calibration;
  /** Subtracted from each label's cosine before calibration (label-free centring); may be 0s. */
  private final float[] bias;

  PrototypeModel(
      String type,
      LabelSpace classes,
      TextEmbedder embedder,
      float[][] prototypes,
      SimilarityCalibration calibration) {
    this(type, classes, embedder, prototypes, calibration, new float[prototypes.length]);
  }

  PrototypeModel(
      String type,
      LabelSpace classes,
      TextEmbedder embedder,
      float[][] prototypes,
      SimilarityCalibration calibration,
      float[] bias) {
    if (prototypes.length != classes.size() || bias.length != classes.size()) {
      throw new IllegalArgumentException(
          prototypes.length + " prototypes and " + bias.length + " offsets for " + classes.size()
              + " labels");
    }
    this.type = type;
    this.classes = classes;
    this.embedder = embedder;
    this.prototypes = Vectors.copy(prototypes);
    this.calibration = calibration;
    this.bias = bias.clone();
  }

  @Override
  public LabelSpace classes() {
    return classes;
  }

  @Override
  public boolean multiLabel() {
    return calibration.multiLabel();
  }

  public SimilarityCalibration calibration() {
    return calibration;
  }

  /** The same prototypes with another calibration. */
  public PrototypeModel withCalibration(SimilarityCalibration c) {
    if (c.multiLabel() != calibration.multiLabel()) {
      throw new IllegalArgumentException("calibration must stay " + (multiLabel() ? "multi" : "single") + "-label");
    }
    return new PrototypeModel(type, classes, embedder, prototypes, c, bias);
  }

  /** The same prototypes with these per-label offsets subtracted from the cosines. */
  public PrototypeModel withBias(float[] offsets) {
    return new PrototypeModel(type, classes, embedder, prototypes, calibration, offsets);
  }

  /** Other prototypes (one unit vector per label), the same calibration and offsets. */
  PrototypeModel withPrototypes(float[][] p) {
    return new PrototypeModel(type, classes, embedder, p, calibration, bias);
  }

  /** The prototypes, one per label (a copy). */
  public float[][] prototypes() {
    return Vectors.copy(prototypes);
  }

  /** The per-label offsets subtracted from the cosines before calibration (a copy). */
  public float[] bias() {
    return bias.clone();
  }

  /** Raw cosine similarities, documents × labels. */
  public float[][] similarities(List<Document> documents) {
    List<String> texts = new ArrayList<>(documents.size());
    for (Document d : documents) {
      texts.add(d.text());
    }
    return similaritiesOfTexts(texts);
  }

  private float[][] similaritiesOfTexts(List<String> texts) {
    float[][] v = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
    return Vectors.similarities(v, prototypes);
  }

  /** Cosines minus the per-label offsets: what the calibration sees. */
  public float[][] centredSimilarities(List<Document> documents) {
    float[][] sims = similarities(documents);
    for (float[] row : sims) {
      for (int j = 0; j < row.length; j++) {
        row[j] -= bias[j];
      }
    }
    return sims;
  }

  @Override
  public ScoreMatrix predictProba(List<Document> documents) {
    float[][] sims = centredSimilarities(documents);
    float[][] out = new float[sims.length][];
    for (int i = 0; i < sims.length; i++) {
      out[i] = calibration.apply(sims[i]);
    }
    return ScoreMatrix.of(classes, out);
  }

  @Override
  public String modelType() {
    return type;
  }

  @Override
  public void writeTo(ModelWriter out) {
    out.param("embedder", embedder.id())
        .param("temperature", calibration.temperature())
        .param("platt_a", calibration.a())
        .param("platt_b", calibration.b())
        .param("label_offsets", true)
        .matrix("prototypes", prototypes, embedder.dimension())
        .floats("bias", bias, bias.length);
  }

  static PrototypeModel read(String type, ModelReader in, Resources context) {
    TextEmbedder e = context.get(TextEmbedder.class, in.param("embedder").asText());
    float[][] p = in.matrix("prototypes");
    if (p.length > 0 && p[0].length != e.dimension()) {
      throw new IllegalStateException(
          "prototypes have dimension " + p[0].length + " but embedder " + e.id() + " gives "
              + e.dimension());
    }
    SimilarityCalibration c =
        new SimilarityCalibration(
            in.multiLabel(),
            in.param("temperature").asDouble(),
            in.param("platt_a").asDouble(),
            in.param("platt_b").asDouble());
    float[] b = in.params().path("label_offsets").asBoolean(false) ? in.floats("bias") : new float[p.length];
    return new PrototypeModel(type, in.classes(), e, p, c, b);
  }

  /** Loads zero-shot models. */
  public static final class ZeroShotLoader implements ModelLoader {
    @Override
    public String modelType() {
      return ZeroShotClassifier.TYPE;
    }

    @Override
    public PrototypeModel load(ModelReader in, Resources context) {
      return read(ZeroShotClassifier.TYPE, in, context);
    }
  }

  /** Loads centroid models. */
  public static final class CentroidLoader implements ModelLoader {
    @Override
    public String modelType() {
      return CentroidClassifier.TYPE;
    }

    @Override
    public PrototypeModel load(ModelReader in, Resources context) {
      return read(CentroidClassifier.TYPE, in, context);
    }
  }
}
