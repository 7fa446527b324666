package org.classify4j.embed;

import java.util.LinkedHashMap;
import java.util.Map;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;

/**
 * Zero-shot classification by similarity: each label is embedded from its name, description and
 * synonyms; a document's scores come from its cosine to each label (see
 * {@link SimilarityCalibration}). Needs no training examples: {@link #forLabels} gives a model
 * straight away. When {@link #fit} sees labelled examples and {@code calibrate} is on, they set
 * the temperature (single-label) or Platt's a, b (multi-label) — the prototypes stay the labels'.
 *
 * @param embedder the embedder (the caller's; not closed by the model)
 * @param temperature the softmax / sigmoid temperature before any fitting
 * @param calibrate fit the calibration on labelled training examples when there are some
 */
public record ZeroShotClassifier(TextEmbedder embedder, double temperature, boolean calibrate)
    implements org.classify4j.classify.Classifier {

  public static final String TYPE = "zero-shot";

  public ZeroShotClassifier {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0");
    }
  }

  public static ZeroShotClassifier of(TextEmbedder embedder) {
    return new ZeroShotClassifier(embedder, SimilarityCalibration.DEFAULT_TEMPERATURE, true);
  }

  /** A model for these labels with no training data at all. */
  public PrototypeModel forLabels(LabelSpace labels, boolean multiLabel) {
    return new PrototypeModel(
        TYPE,
        labels,
        embedder,
        LabelTexts.embed(embedder, labels),
        SimilarityCalibration.defaults(multiLabel, temperature));
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("embedder", embedder.id());
    p.put("temperature", temperature);
    p.put("calibrate", calibrate);
    return p;
  }

  @Override
  public PrototypeModel fit(Dataset train) {
    PrototypeModel base = forLabels(train.labels(), train.multiLabel());
    if (!calibrate || train.size() == 0) {
      return base;
    }
    float[][] sims = base.similarities(train.documents());
    SimilarityCalibration c = base.calibration().fit(sims, train.goldIndices());
    return base.withCalibration(c);
  }
}
