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
 */
public record LlmResult(List<String> candidates, double candidateMass, Outcome outcome, String answer) {

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
  }

  public boolean abstained() {
    return outcome == Outcome.ABSTAINED_LOW_MASS || outcome == Outcome.INVALID_ABSTAINED;
  }
}
