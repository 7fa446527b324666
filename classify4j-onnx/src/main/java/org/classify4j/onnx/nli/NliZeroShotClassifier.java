package org.classify4j.onnx.nli;

import org.classify4j.nli.Hypotheses;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.LabelTexts;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.embed.ZeroShotClassifier;

/**
 * Zero-shot classification by natural language inference, as Hugging Face's {@code
 * zero-shot-classification} pipeline: the text is the premise, each label put into the template
 * is a hypothesis, and an NLI cross-encoder judges each pair ({@link NliScoring} for the scores).
 * Needs no training data: {@link #fit} uses only the label space (names, descriptions).
 *
 * <p>With {@code candidates} N &gt; 0 and a retriever embedder, each text is first compared with
 * the labels by embedding similarity ({@code "This text is about {}."}, the embedding zero-shot's
 * template) and only the N most similar labels are judged by the cross-encoder; the other labels
 * score 0 (single-label: the softmax runs over the candidates only). Cost falls from one pair per
 * label to N.
 *
 * @param encoder the cross-encoder (the caller's; not closed by the model)
 * @param hypotheses templates (averaged, see {@link NliScoring}) and which label text fills them
 * @param candidates labels judged per text (0: all)
 * @param retriever the embedder proposing candidates (required when candidates &gt; 0)
 */
public record NliZeroShotClassifier(
    NliCrossEncoder encoder, Hypotheses hypotheses, int candidates, Optional<TextEmbedder> retriever)
    implements Classifier {
  public static final String TYPE = "nli-zero-shot";

  public NliZeroShotClassifier {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(hypotheses, "hypotheses");
    Objects.requireNonNull(retriever, "retriever");
    if (candidates < 0) {
      throw new IllegalArgumentException("candidates must be ≥ 0");
    }
    if (candidates > 0 && retriever.isEmpty()) {
      throw new IllegalArgumentException("candidates > 0 needs a retriever embedder");
    }
  }

  /** The pipeline's defaults: template "This example is {}.", label names as given, all labels. */
  public static NliZeroShotClassifier of(NliCrossEncoder encoder) {
    return new NliZeroShotClassifier(encoder, Hypotheses.DEFAULT, 0, Optional.empty());
  }

  public NliZeroShotClassifier withHypotheses(Hypotheses h) {
    return new NliZeroShotClassifier(encoder, h, candidates, retriever);
  }

  /** Candidate pruning: the {@code n} labels most similar to the text by {@code retriever}. */
  public NliZeroShotClassifier withCandidates(int n, TextEmbedder retriever) {
    return new NliZeroShotClassifier(encoder, hypotheses, n, Optional.of(retriever));
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = NliScoring.params(encoder, hypotheses);
    p.put("candidates", candidates);
    retriever.ifPresent(r -> p.put("retriever", r.id()));
    return p;
  }

  /** A model for these labels (training examples are not used). */
  public NliZeroShotModel forLabels(LabelSpace labels, boolean multiLabel) {
    float[][] labelVectors = candidates > 0 && candidates < labels.size()
        ? LabelTexts.embed(retriever.orElseThrow(), labels, ZeroShotClassifier.DEFAULT_TEMPLATES)
        : new float[0][];
    return new NliZeroShotModel(this, labels, multiLabel, hypotheses.of(labels), labelVectors);
  }

  @Override
  public NliZeroShotModel fit(Dataset train) {
    return forLabels(train.labels(), train.multiLabel());
  }
}
