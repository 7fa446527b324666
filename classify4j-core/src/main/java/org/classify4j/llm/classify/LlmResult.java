package org.classify4j.llm.classify;

import java.util.List;
import java.util.Objects;

/**
 * The detail behind one document's score row: which labels were candidates, how much probability
 * the first answer position gave to them (the rest went to other tokens), what happened, and the
 * model's raw answer.
 *
 * @param candidates the candidate label names offered in the prompt, in option order
 * @param candidateMass probability mass on the candidates' codes (1 when scored without logprobs
 *     from a valid answer, 0 for invalid ones); multi-label: the mean over candidates of the mass on
 *     yes + no
 * @param outcome what happened
 * @param answer the generated text
 * @param probabilities where the scores came from: the server's log-probabilities, or one-hot
 *     from the answer text (a server without log-probabilities): then probability 1.0 and
 *     candidate mass 1.0 only say which answer was given, not how sure the model was
 */
public record LlmResult(List<String> candidates, double candidateMass, Outcome outcome,
    String answer, Probabilities probabilities) {

  /** Where a document's scores came from. */
  public enum Probabilities {
    /** From the server's token log-probabilities: calibrated enough to weight by. */
    LOGPROBS,
    /**
     * One-hot from the answer text (no log-probabilities): 1 for the answer, 0 elsewhere; not a
     * probability, and never to be weighted or thresholded as one.
     */
    ONE_HOT,
    /**
     * From the exact log-probability of every candidate label's whole token sequence (the server's
     * {@code /completions} with echoed prompt log-probabilities), normalised over the candidates.
     */
    SEQUENCE;

    /** The name in files ({@code logprobs}, {@code one-hot}, {@code sequence}). */
    public String wireName() {
      return switch (this) {
        case LOGPROBS -> "logprobs";
        case ONE_HOT -> "one-hot";
        case SEQUENCE -> "sequence";
      };
    }
  }

  /** A result scored from log-probabilities. */
  public LlmResult(List<String> candidates, double candidateMass, Outcome outcome, String answer) {
    this(candidates, candidateMass, outcome, answer, Probabilities.LOGPROBS);
  }

  /** Whether the scores are one-hot (no log-probabilities). */
  public boolean oneHot() {
    return probabilities == Probabilities.ONE_HOT;
  }

  /** What became of a document. */
  public enum Outcome {
    /** Scored from logprobs or a valid answer. */
    SCORED,
    /** The mass on the candidates was below the threshold: all-zero row. */
    ABSTAINED_LOW_MASS,
    /** The answer was invalid and the policy abstains: all-zero row. */
    INVALID_ABSTAINED,
    /** The answer was invalid and the policy gave the fixed label. */
    INVALID_FIXED_LABEL
  }

  public LlmResult {
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(probabilities, "probabilities");
  }

  public boolean abstained() {
    return outcome == Outcome.ABSTAINED_LOW_MASS || outcome == Outcome.INVALID_ABSTAINED;
  }
}
