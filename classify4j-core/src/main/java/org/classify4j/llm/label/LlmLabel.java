package org.classify4j.llm.label;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;

/**
 * One document labeled by an LLM (or any model): the decided labels, the probability of the
 * decision, every label's score, and what happened.
 *
 * @param id the document's id
 * @param text the document's text (kept so a label file is also a training file)
 * @param metadata the document's metadata
 * @param labels the decided labels, best first (empty when abstained, or when a multi-label
 *     decision chose none)
 * @param probability the score of the best decided label; for an abstention the best score of any
 *     label (0 when the row is all zeros)
 * @param scores every label's score in [0,1], in the order of the label space
 * @param abstained whether no decision was made (too little probability mass, invalid answer)
 * @param outcome {@code scored}, {@code abstained_low_mass}, {@code invalid_abstained} or {@code
 *     invalid_fixed_label} (lower-case {@link org.classify4j.llm.classify.LlmResult.Outcome})
 * @param candidateMass the probability the LLM gave to the offered options (1 when unknown)
 * @param scoring where the scores came from: {@code logprobs}, {@code sequence} (exact label sequences), {@code one-hot} (a server without
 *     log-probabilities: probability and candidate mass 1.0 only say which answer was given), or
 *     "" when not recorded (older files)
 */
public record LlmLabel(
    String id,
    String text,
    Map<String, String> metadata,
    List<String> labels,
    double probability,
    Map<String, Double> scores,
    boolean abstained,
    String outcome,
    double candidateMass,
    String scoring) {

  public LlmLabel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    metadata = Map.copyOf(metadata);
    labels = List.copyOf(labels);
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0,1], got " + probability);
    }
    Map<String, Double> s = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      double v = e.getValue();
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(
            "score of '" + e.getKey() + "' must be in [0,1], got " + v);
      }
      s.put(e.getKey(), v);
    }
    scores = Collections.unmodifiableMap(s);
    for (String l : labels) {
      if (!scores.isEmpty() && !scores.containsKey(l)) {
        throw new IllegalArgumentException("label '" + l + "' has no score");
      }
    }
    if (abstained && !labels.isEmpty()) {
      throw new IllegalArgumentException("an abstained label has no labels");
    }
    Objects.requireNonNull(outcome, "outcome");
    if (!(candidateMass >= 0 && candidateMass <= 1)) {
      throw new IllegalArgumentException("candidate mass must be in [0,1], got " + candidateMass);
    }
    Objects.requireNonNull(scoring, "scoring");
  }

  /** A label whose scoring is not recorded. */
  public LlmLabel(String id, String text, Map<String, String> metadata, List<String> labels,
      double probability, Map<String, Double> scores, boolean abstained, String outcome,
      double candidateMass) {
    this(id, text, metadata, labels, probability, scores, abstained, outcome, candidateMass, "");
  }

  /**
   * Whether the scores are one-hot (no log-probabilities): its probability is not a confidence,
   * and code that weights or thresholds by confidence must not treat it as one.
   */
  public boolean oneHot() {
    return "one-hot".equals(scoring);
  }

  /** A label whose candidate mass is unknown (1). */
  public LlmLabel(String id, String text, Map<String, String> metadata, List<String> labels,
      double probability, Map<String, Double> scores, boolean abstained, String outcome) {
    this(id, text, metadata, labels, probability, scores, abstained, outcome, 1.0, "");
  }

  /** The document this label is about. */
  public Document document() {
    return new Document(id, text, metadata);
  }

  /** The score of a label (0 when it has none). */
  public double score(String label) {
    Double v = scores.get(label);
    return v == null ? 0.0 : v;
  }

  /** The label names of the scores, in order (the label space of the run). */
  public List<String> labelNames() {
    return List.copyOf(scores.keySet());
  }

  /** The scores as a row over {@code space} (0 for labels without a score). */
  public float[] row(LabelSpace space) {
    float[] r = new float[space.size()];
    for (int j = 0; j < r.length; j++) {
      r[j] = (float) score(space.name(j));
    }
    return r;
  }
}
