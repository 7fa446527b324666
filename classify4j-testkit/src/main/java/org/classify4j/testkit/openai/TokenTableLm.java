package org.classify4j.testkit.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny deterministic "language model" for the fake server's {@code /v1/completions} route, so
 * tests can compute exact sequence log-probabilities by hand. Text is split into tokens the GPT-2
 * way, simplified: an optional space followed by a run of letters or digits, or a run of spaces
 * and line breaks, or any one other character. The log-probability of a token is looked up by
 * {@code "PREVIOUS|TOKEN"} (the token before it, a bigram) first, then {@code "TOKEN"}, else the
 * default. The first token of a text has no log-probability ({@code null} on the wire, as OpenAI
 * sends it).
 *
 * @param logprobs token (or {@code previous|token}) to log-probability, each ≤ 0
 * @param defaultLogprob the log-probability of every other token, ≤ 0
 */
public record TokenTableLm(Map<String, Double> logprobs, double defaultLogprob) {
  private static final Pattern TOKEN = Pattern.compile(" ?[\\p{L}\\p{N}]+|[ \\n]+|.", Pattern.DOTALL);

  public TokenTableLm {
    logprobs = Map.copyOf(logprobs);
    if (!(defaultLogprob <= 0)) {
      throw new IllegalArgumentException("log-probabilities must be ≤ 0");
    }
    for (double v : logprobs.values()) {
      if (!(v <= 0)) {
        throw new IllegalArgumentException("log-probabilities must be ≤ 0");
      }
    }
  }

  /** The tokens of a text, in order; their concatenation is the text. */
  public static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** log P(token | the token before it). */
  public double logprob(String previous, String token) {
    Double v = logprobs.get(previous + "|" + token);
    if (v == null) {
      v = logprobs.get(token);
    }
    return v == null ? defaultLogprob : v;
  }

  /** The token generated after a text: always {@code "."}. */
  public String next() {
    return ".";
  }
}
