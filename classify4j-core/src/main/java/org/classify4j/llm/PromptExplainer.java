package org.classify4j.llm;

import java.util.List;
import org.classify4j.data.Document;

/**
 * A model that can show how it asks a language model about a text: the exact prompt, each answer
 * it scored with its log-probability, and what the model writes when left to itself — the
 * debugging loop for prompt-based classifiers.
 */
public interface PromptExplainer {

  /** One prompt per question asked about {@code document} (one, or one per label for yes/no). */
  List<PromptTrace> explain(Document document, int maxNewTokens);

  /**
   * A question: the prompt as sent (template applied), the answers scored (as text, with their
   * token ids as the model saw them), log P(answer | prompt) for each, and the model's greedy
   * continuation of the prompt.
   */
  record PromptTrace(
      String question, String prompt, List<ScoredAnswer> answers, String generated) {
    public PromptTrace {
      answers = List.copyOf(answers);
    }
  }

  /** An answer, the tokens it was scored as, and its log-probability. */
  record ScoredAnswer(String answer, List<String> tokens, double logProb) {
    public ScoredAnswer {
      tokens = List.copyOf(tokens);
    }
  }
}
