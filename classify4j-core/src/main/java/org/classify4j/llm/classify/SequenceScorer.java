package org.classify4j.llm.classify;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.TokenLogprob;
import org.classify4j.llm.classify.AnswerReader.Row;

/**
 * Exact label-sequence scoring over an OpenAI-compatible {@code /completions} endpoint ({@link
 * LlmSettings.Scoring#SEQUENCE}). For each candidate label the raw text {@code prompt + " " +
 * label} is sent with {@code echo: true, logprobs: 1, max_tokens: 1}; the server returns the
 * log-probability of every prompt token given the ones before it. log P(label | prompt) is the sum
 * over the tokens that cover the label's characters (found by adding up the echoed tokens'
 * lengths; a token that straddles the prompt/label boundary counts for the label), and the scores
 * are the softmax over the candidates. The one generated token is ignored.
 *
 * <p>The requests go through the chat model (so the cache, the usage meter, the budget and the
 * retries see them like any other): each is a {@link ChatRequest} whose one user message is the
 * whole completion text, marked for the completions endpoint by {@link #COMPLETIONS} in its
 * extra body. Backends that do not know the marker answer it as a chat, without the echoed
 * tokens: {@link Unsupported} then, and the classifier falls back.
 *
 * <p>The completion text is the chat request's messages as plain text (system, a blank line,
 * user): {@code /completions} applies no chat template and the client does not know the
 * server's, so none is applied.
 */
final class SequenceScorer {
  /** The extra-body key that sends a request to {@code /completions} with echoed logprobs. */
  static final String COMPLETIONS = org.classify4j.llm.ChatRequest.COMPLETIONS_ECHO;

  /** The server gave no echoed prompt log-probabilities for a completion request. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  private final LabelSpace classes;
  private final LlmSettings s;

  SequenceScorer(LabelSpace classes, LlmSettings s) {
    this.classes = classes;
    this.s = s;
  }

  /** The raw completion text of a chat request: the messages as plain text. */
  static String promptText(ChatRequest chat) {
    StringBuilder b = new StringBuilder();
    for (ChatMessage m : chat.messages()) {
      if (b.length() > 0) {
        b.append("\n\n");
      }
      b.append(m.content());
    }
    return b.toString();
  }

  /** The completion text for one candidate label. */
  String completionText(String prompt, int label) {
    return prompt + " " + PromptWriter.sequenceAnswer(classes.get(label));
  }

  /** One completion request per candidate, in candidate order. */
  List<ChatRequest> requests(PromptWriter.Prompt p) {
    String prompt = promptText(p.request());
    List<ChatRequest> out = new ArrayList<>(p.candidates().length);
    for (int c : p.candidates()) {
      out.add(ChatRequest.builder()
          .messages(ChatMessage.user(completionText(prompt, c)))
          .temperature(0.0)
          .seed(s.seed())
          .maxTokens(1)
          .logprobs(1)
          .extraBody(java.util.Map.of(COMPLETIONS, true))
          .build());
    }
    return out;
  }

  /**
   * log P(answer | prompt) from an echoed completion: the sum of the log-probabilities of the
   * tokens covering characters {@code [promptChars, fullChars)}.
   *
   * @throws Unsupported when the echo does not cover the whole text or a label token has no
   *     log-probability
   */
  static double labelLogprob(ChatResponse r, int promptChars, int fullChars) {
    int at = 0;
    double sum = 0;
    int counted = 0;
    for (TokenLogprob t : r.logprobs()) {
      int end = at + t.token().length();
      if (end > promptChars && at < fullChars) {
        if (Double.isNaN(t.logprob()) || t.logprob() > 0) {
          throw new Unsupported("a label token has no log-probability");
        }
        sum += t.logprob();
        counted++;
      }
      at = end;
      if (at >= fullChars) {
        break;
      }
    }
    if (at < fullChars || counted == 0) {
      throw new Unsupported("the answer does not echo the prompt's tokens (" + at + " of "
          + fullChars + " characters)");
    }
    return sum;
  }

  /** Scores a document: one request per candidate through {@code chat}. */
  Row score(ChatModel chat, PromptWriter.Prompt p) {
    String prompt = promptText(p.request());
    int[] cands = p.candidates();
    List<ChatRequest> reqs = requests(p);
    double[] lp = new double[cands.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < cands.length; j++) {
      String full = reqs.get(j).messages().get(0).content();
      lp[j] = labelLogprob(chat.chat(reqs.get(j)), prompt.length(), full.length());
      max = Math.max(max, lp[j]);
    }
    double z = 0;
    double mass = 0;
    for (int j = 0; j < cands.length; j++) {
      z += Math.exp(lp[j] - max);
      mass += Math.exp(lp[j]);
    }
    List<String> names = new ArrayList<>(cands.length);
    for (int c : cands) {
      names.add(classes.name(c));
    }
    float[] scores = new float[classes.size()];
    int best = 0;
    for (int j = 0; j < cands.length; j++) {
      if (lp[j] > lp[best]) {
        best = j;
      }
    }
    mass = Math.min(1.0, mass);
    String answer = PromptWriter.sequenceAnswer(classes.get(cands[best]));
    if (mass < s.minCandidateMass()) {
      return new Row(scores, new LlmResult(names, mass, LlmResult.Outcome.ABSTAINED_LOW_MASS,
          answer, LlmResult.Probabilities.SEQUENCE));
    }
    for (int j = 0; j < cands.length; j++) {
      scores[cands[j]] = (float) (Math.exp(lp[j] - max) / z);
    }
    return new Row(scores, new LlmResult(names, mass, LlmResult.Outcome.SCORED, answer,
        LlmResult.Probabilities.SEQUENCE));
  }
}
