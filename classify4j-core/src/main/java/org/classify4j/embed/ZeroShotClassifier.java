package org.classify4j.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;

/**
 * Zero-shot classification by similarity, the way the NLI zero-shot pipeline phrases labels:
 * each label's readable name (and description and synonyms) is put into hypothesis templates
 * ({@code "This text is about {}."}), the templated texts are embedded as queries (the embedder
 * adds its model's query prefix) and averaged into one prototype per label (a prompt ensemble when
 * there are several templates). A document scores by its cosine to each prototype minus a
 * per-label offset ({@link Centring}), calibrated by a {@link SimilarityCalibration}.
 *
 * <p>The offsets need no labels: they are each label's mean cosine over the training documents
 * when {@link #fit} gets some (their texts only; with none, there are no offsets). A label that is close to every text (a broad name, a long description) then stops
 * swallowing the others. When {@link #fit} sees labelled examples and {@code calibrate} is on,
 * they set the temperature (single-label) or Platt's a, b (multi-label) — prototypes and offsets
 * stay label-free.
 *
 * @param embedder the embedder (the caller's; not closed by the model)
 * @param temperature the softmax / sigmoid temperature before any fitting
 * @param calibrate fit the calibration on labelled training examples when there are some
 * @param templates hypothesis templates with a {@code {}} slot; {@link LabelTexts#BARE} for the
 *     bare label texts; never empty
 * @param centring how the per-label offsets are estimated
 * @param refine rounds of prototype refinement on the training documents' texts (0: none). Each
 *     round assigns every reference document to its best label and moves each prototype to the
 *     unit mean of its documents plus the label-text vector (k-means started from, and anchored
 *     to, the label texts); labels are never read
 */
public record ZeroShotClassifier(
    TextEmbedder embedder,
    double temperature,
    boolean calibrate,
    List<String> templates,
    Centring centring,
    int refine)
    implements org.classify4j.classify.Classifier {

  public static final String TYPE = "zero-shot";

  /** The templates used when none are given (chosen on training splits: docs/benchmarks.md). */
  public static final List<String> DEFAULT_TEMPLATES = List.of("This text is about {}.");

  /** Rounds of prototype refinement when none are given (chosen on AG News and banking77 train samples). */
  public static final int DEFAULT_REFINE = 4;

  /** At most this many training documents are used as the reference for offsets. */
  public static final int MAX_REFERENCE = 2000;

  /** How each label's similarity offset is estimated; neither needs labels. */
  public enum Centring {
    /** Raw cosines. */
    NONE,
    /**
     * Each label's mean cosine over the training documents (their text only) is subtracted, when
     * {@link #fit} has documents; with none, raw cosines.
     */
    DATA;

    public static Centring parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("centring must be none or data, got '" + s + "'", e);
      }
    }
  }

  public ZeroShotClassifier {
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(centring, "centring");
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0");
    }
    templates = List.copyOf(templates);
    if (refine < 0) {
      throw new IllegalArgumentException("refine must be ≥ 0");
    }
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("at least one template is needed ({} for bare labels)");
    }
  }

  /** The 1.x spec: bare label texts, no offsets. */
  public ZeroShotClassifier(TextEmbedder embedder, double temperature, boolean calibrate) {
    this(embedder, temperature, calibrate, LabelTexts.BARE, Centring.NONE, 0);
  }

  /** Defaults: {@link #DEFAULT_TEMPLATES}, {@link Centring#DATA}, calibrated on labels if any. */
  public static ZeroShotClassifier of(TextEmbedder embedder) {
    return new ZeroShotClassifier(
        embedder,
        SimilarityCalibration.DEFAULT_TEMPERATURE,
        true,
        DEFAULT_TEMPLATES,
        Centring.DATA,
        DEFAULT_REFINE);
  }

  public ZeroShotClassifier withTemplates(List<String> t) {
    return new ZeroShotClassifier(embedder, temperature, calibrate, t, centring, refine);
  }

  public ZeroShotClassifier withCentring(Centring c) {
    return new ZeroShotClassifier(embedder, temperature, calibrate, templates, c, refine);
  }

  public ZeroShotClassifier withRefine(int rounds) {
    return new ZeroShotClassifier(embedder, temperature, calibrate, templates, centring, rounds);
  }

  /** A model for these labels with no training data at all. */
  public PrototypeModel forLabels(LabelSpace labels, boolean multiLabel) {
    PrototypeModel m =
        new PrototypeModel(
            TYPE,
            labels,
            embedder,
            LabelTexts.embed(embedder, labels, templates),
            SimilarityCalibration.defaults(multiLabel, temperature));
    return m;
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
    p.put("templates", templates);
    p.put("centring", centring.name().toLowerCase(Locale.ROOT));
    p.put("refine", refine);
    return p;
  }

  @Override
  public PrototypeModel fit(Dataset train) {
    PrototypeModel base = adapt(train.labels(), train.multiLabel(), train.documents());
    if (!calibrate || train.size() == 0) {
      return base;
    }
    float[][] sims = base.centredSimilarities(train.documents());
    return base.withCalibration(base.calibration().fit(sims, train.goldIndices()));
  }

  /**
   * A model for these labels adapted to unlabelled texts, as {@link #fit} adapts it to its
   * training texts: the prototypes are refined ({@code refine} rounds) and each label's offset is
   * estimated ({@code centring}) on up to {@link #MAX_REFERENCE} of {@code texts} spread evenly;
   * no labels are read and nothing is calibrated. Transductive zero-shot: the texts are usually
   * the very ones to classify next. With no texts (or {@code refine=0, centring=none}) it is
   * {@link #forLabels}.
   */
  public PrototypeModel adapt(LabelSpace labels, boolean multiLabel, List<Document> texts) {
    PrototypeModel base = forLabels(labels, multiLabel);
    if (texts.isEmpty() || (centring != Centring.DATA && refine == 0)) {
      return base;
    }
    float[][] x = embedder.embed(reference(texts));
    if (refine > 0) {
      base = refined(base, x);
    }
    if (centring == Centring.DATA) {
      base = base.withBias(SelfTraining.meanColumns(Vectors.similarities(x, base.prototypes())));
    }
    return base;
  }

  /** Up to {@link #MAX_REFERENCE} texts spread evenly over the documents (deterministic). */
  private static List<String> reference(List<Document> docs) {
    int n = Math.min(MAX_REFERENCE, docs.size());
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(docs.get((int) ((long) i * docs.size() / n)).text());
    }
    return out;
  }

  private PrototypeModel refined(PrototypeModel base, float[][] x) {
    return base.withPrototypes(
        SelfTraining.refine(x, base.prototypes(), refine, centring == Centring.DATA));
  }
}
