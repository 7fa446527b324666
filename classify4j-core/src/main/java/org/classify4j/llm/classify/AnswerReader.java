package org.classify4j.llm.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classify4j.Json;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.TokenLogprob;
import org.classify4j.llm.classify.LlmSettings.Scoring;

/**
 * Reads a chat answer into one row of label scores: probabilities from the first token's top
 * logprobs over option codes (single-label) or from each option's yes/no token (multi-label); else
 * a JSON answer or a code in plain text (one-hot). An answer that names no option follows the
 * invalid-answer policy (abstain, a fixed label, or fail) — never a guessed label.
 */
final class AnswerReader {
  /** A document's scores over every label, and what happened. */
  record Row(float[] scores, LlmResult result) {}

  private static final Pattern YES_NO_LINE =
      Pattern.compile("^\\s*[-*]?\\s*([A-Z]{1,3}|\\d{1,3})\\s*[:=.)\\-]\\s*$");
  private static final Pattern TEXT_LINE =
      Pattern.compile("^\\s*[-*]?\\s*([A-Z]{1,3}|\\d{1,3})\\s*[:=.)\\-]\\s*(yes|no)\\b.*$",
          Pattern.CASE_INSENSITIVE);

  private final LabelSpace classes;
  private final boolean multiLabel;
  private final LlmSettings s;
  private final Scoring scoring;

  AnswerReader(LabelSpace classes, boolean multiLabel, LlmSettings s, Scoring scoring) {
    this.classes = classes;
    this.multiLabel = multiLabel;
    this.s = s;
    this.scoring = scoring;
  }

  /** The row for {@code r}, the answer to a request whose options are {@code candidates}. */
  Row read(int[] candidates, ChatResponse r) {
    Row row = multiLabel ? readMulti(candidates, r) : readSingle(candidates, r);
    if (scoring == Scoring.LOGPROBS && r.hasLogprobs()) {
      return row;
    }
    LlmResult x = row.result();
    return new Row(row.scores(), new LlmResult(x.candidates(), x.candidateMass(), x.outcome(),
        x.answer(), LlmResult.Probabilities.ONE_HOT));
  }

  /** Whether answers are read one-hot: the scoring or the answer has no log-probabilities. */
  boolean oneHot(ChatResponse r) {
    return !(scoring == Scoring.LOGPROBS && r.hasLogprobs());
  }

  private List<String> candidateNames(int[] cands) {
    List<String> out = new ArrayList<>(cands.length);
    for (int c : cands) {
      out.add(classes.name(c));
    }
    return out;
  }

  private Row readSingle(int[] candidates, ChatResponse r) {
    int m = candidates.length;
    float[] scores = new float[classes.size()];
    List<String> names = candidateNames(candidates);
    if (scoring == Scoring.LOGPROBS && r.hasLogprobs()) {
      TokenLogprob first = firstContentToken(r.logprobs());
      double[] mass = new double[m];
      double total = 0;
      for (TokenLogprob.Alternative a : first.alternativesOrChosen()) {
        OptionalInt idx = s.optionCodes().index(stripCode(a.token()));
        if (idx.isPresent() && idx.getAsInt() < m) {
          double pr = a.probability();
          mass[idx.getAsInt()] += pr;
          total += pr;
        }
      }
      if (total <= 0) {
        return invalid(names, r.text(), 0.0);
      }
      total = Math.min(total, 1.0);
      if (total < s.minCandidateMass()) {
        return new Row(scores, new LlmResult(names, total, LlmResult.Outcome.ABSTAINED_LOW_MASS,
            r.text()));
      }
      double sum = Arrays.stream(mass).sum();
      for (int j = 0; j < m; j++) {
        scores[candidates[j]] = (float) Math.min(1.0, mass[j] / sum);
      }
      return new Row(scores, new LlmResult(names, total, LlmResult.Outcome.SCORED, r.text()));
    }
    String answer = r.text();
    if (scoring == Scoring.JSON_SCHEMA) {
      answer = jsonAnswer(r.text()).map(n -> n.asText()).orElse(answer);
    }
    OptionalInt idx = matchOption(answer, candidates);
    if (idx.isEmpty()) {
      return invalid(names, r.text(), 0.0);
    }
    scores[candidates[idx.getAsInt()]] = 1f;
    return new Row(scores, new LlmResult(names, 1.0, LlmResult.Outcome.SCORED, r.text()));
  }

  private Row readMulti(int[] candidates, ChatResponse r) {
    int m = candidates.length;
    float[] scores = new float[classes.size()];
    List<String> names = candidateNames(candidates);
    boolean[] seen = new boolean[m];
    int found = 0;
    double massSum = 0;
    if (scoring == Scoring.LOGPROBS && r.hasLogprobs()) {
      StringBuilder line = new StringBuilder();
      for (TokenLogprob t : r.logprobs()) {
        String word = t.token().strip().toLowerCase(Locale.ROOT);
        if (word.equals("yes") || word.equals("no")) {
          Matcher mt = YES_NO_LINE.matcher(line);
          if (mt.matches()) {
            OptionalInt idx = s.optionCodes().index(mt.group(1));
            if (idx.isPresent() && idx.getAsInt() < m && !seen[idx.getAsInt()]) {
              double py = 0;
              double pn = 0;
              for (TokenLogprob.Alternative a : t.alternativesOrChosen()) {
                String w = a.token().strip().toLowerCase(Locale.ROOT);
                if (w.equals("yes")) {
                  py += a.probability();
                } else if (w.equals("no")) {
                  pn += a.probability();
                }
              }
              if (py + pn > 0) {
                seen[idx.getAsInt()] = true;
                found++;
                massSum += Math.min(1.0, py + pn);
                scores[candidates[idx.getAsInt()]] = (float) Math.min(1.0, py / (py + pn));
              }
            }
          }
        }
        int nl = t.token().lastIndexOf('\n');
        if (nl >= 0) {
          line.setLength(0);
          line.append(t.token().substring(nl + 1));
        } else {
          line.append(t.token());
        }
      }
    } else if (scoring == Scoring.JSON_SCHEMA && jsonAnswer(r.text()).isPresent()) {
      JsonNode a = jsonAnswer(r.text()).get();
      if (a.isArray()) {
        found = m; // a valid (possibly empty) list answers every option
        for (JsonNode c : a) {
          OptionalInt idx = s.optionCodes().index(c.asText().strip());
          if (idx.isPresent() && idx.getAsInt() < m) {
            scores[candidates[idx.getAsInt()]] = 1f;
          }
        }
        massSum = m;
      }
    } else {
      for (String ln : r.text().split("\n")) {
        Matcher mt = TEXT_LINE.matcher(ln);
        if (mt.matches()) {
          OptionalInt idx = s.optionCodes().index(mt.group(1));
          if (idx.isPresent() && idx.getAsInt() < m && !seen[idx.getAsInt()]) {
            seen[idx.getAsInt()] = true;
            found++;
            massSum += 1;
            if (mt.group(2).equalsIgnoreCase("yes")) {
              scores[candidates[idx.getAsInt()]] = 1f;
            }
          }
        }
      }
    }
    if (found == 0) {
      return invalid(names, r.text(), 0.0);
    }
    double mass = massSum / m;
    if (mass < s.minCandidateMass()) {
      return new Row(new float[classes.size()],
          new LlmResult(names, mass, LlmResult.Outcome.ABSTAINED_LOW_MASS, r.text()));
    }
    return new Row(scores, new LlmResult(names, mass, LlmResult.Outcome.SCORED, r.text()));
  }

  private Row invalid(List<String> names, String answer, double mass) {
    InvalidAnswerPolicy pol = s.invalidAnswerPolicy();
    switch (pol.kind()) {
      case FAIL:
        throw new ChatModelException.InvalidAnswer("the model's answer names none of the "
            + names.size() + " options (" + answer.length() + " characters); policy: fail");
      case FIXED_LABEL: {
        float[] scores = new float[classes.size()];
        scores[classes.requireIndex(pol.label())] = 1f;
        return new Row(scores, new LlmResult(names, mass, LlmResult.Outcome.INVALID_FIXED_LABEL,
            answer));
      }
      default:
        return new Row(new float[classes.size()],
            new LlmResult(names, mass, LlmResult.Outcome.INVALID_ABSTAINED, answer));
    }
  }

  private static TokenLogprob firstContentToken(List<TokenLogprob> tokens) {
    for (TokenLogprob t : tokens) {
      if (!t.token().isBlank()) {
        return t;
      }
    }
    return tokens.get(0);
  }

  /** A token or short answer without spaces, quotes, brackets and trailing punctuation. */
  static String stripCode(String token) {
    String t = token.strip();
    int a = 0;
    int b = t.length();
    while (a < b && "([\"'*`".indexOf(t.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && ".):]\"',*`".indexOf(t.charAt(b - 1)) >= 0) {
      b--;
    }
    return t.substring(a, b);
  }

  private OptionalInt matchOption(String answer, int[] cands) {
    String a = answer.strip();
    int nl = a.indexOf('\n');
    if (nl >= 0) {
      a = a.substring(0, nl);
    }
    String code = stripCode(a);
    OptionalInt idx = s.optionCodes().index(code);
    if (idx.isPresent() && idx.getAsInt() < cands.length) {
      return idx;
    }
    String lower = stripCode(a).toLowerCase(Locale.ROOT);
    for (int p = 0; p < cands.length; p++) {
      if (classes.name(cands[p]).toLowerCase(Locale.ROOT).equals(lower)) {
        return OptionalInt.of(p);
      }
    }
    return OptionalInt.empty();
  }

  private static java.util.Optional<JsonNode> jsonAnswer(String text) {
    try {
      JsonNode n = Json.mapper().readTree(text.strip());
      JsonNode a = n == null ? null : n.get("answer");
      return a == null || a.isNull() ? java.util.Optional.empty() : java.util.Optional.of(a);
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

}
