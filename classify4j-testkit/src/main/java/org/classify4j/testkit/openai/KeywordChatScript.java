package org.classify4j.testkit.openai;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;

/**
 * A deterministic "model" that classifies by keywords, for the fake server. It reads the prompts
 * classify4j's LLM classifiers write: option lines {@code CODE. label name[ — description]}, the
 * text to classify after the last {@code Text: } (up to the last {@code Answer:}), and asks for
 * yes/no per option when the prompt says "answer yes or no".
 *
 * <p>An option's score is the number of the text's words that start with one of its label's
 * keywords. Single-label: the best option's code (ties: the first), with top logprobs over every
 * option proportional to exp(2·hits) and 5% of the mass on a non-option token; multi-label: one
 * line per option, {@code A: yes} when it has hits, P(yes) 0.9 / 0.1. With a JSON schema it answers
 * {@code {"answer": ...}}. Without options in the prompt it answers "I am not sure.".
 */
public final class KeywordChatScript implements ChatScript {
  private static final Pattern OPTION =
      Pattern.compile("^([A-Z]{1,3}|\\d{1,3})\\. (.+?)(?: — .*| \\(also: .*)?$");

  private final Map<String, List<String>> keywords;

  /** Keywords (lower-case word prefixes) by label name. */
  public KeywordChatScript(Map<String, List<String>> keywords) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    keywords.forEach((k, v) -> m.put(k, v.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()));
    this.keywords = Map.copyOf(m);
  }

  /**
   * Keywords from each label's name, synonyms and description: their words of 3+ letters, cut to
   * their first 5 letters (a crude stem), stop words dropped.
   */
  public static KeywordChatScript fromLabels(LabelSpace labels) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Label l : labels.labels()) {
      List<String> kw = new ArrayList<>();
      StringBuilder all = new StringBuilder(l.name()).append(' ').append(l.description());
      l.synonyms().forEach(s -> all.append(' ').append(s));
      for (String w : words(all.toString())) {
        if (w.length() >= 3 && !STOP.contains(w)) {
          String stem = w.length() > 5 ? w.substring(0, 5) : w;
          if (!kw.contains(stem)) {
            kw.add(stem);
          }
        }
      }
      m.put(l.name(), kw);
    }
    return new KeywordChatScript(m);
  }

  private static final List<String> STOP =
      List.of("and", "the", "for", "with", "not", "are", "you", "your", "how", "what", "why",
          "can", "did", "from", "has", "have", "was", "own");

  @Override
  public ScriptedReply answer(ScriptRequest request) {
    String prompt = request.lastUserMessage();
    List<String> codes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String line : prompt.split("\n")) {
      Matcher m = OPTION.matcher(line);
      if (m.matches()) {
        codes.add(m.group(1));
        names.add(m.group(2));
      }
    }
    if (codes.isEmpty()) {
      return ScriptedReply.text("I am not sure.");
    }
    String text = documentText(prompt);
    List<String> docWords = words(text);
    int[] hits = new int[codes.size()];
    for (int i = 0; i < codes.size(); i++) {
      for (String kw : keywords.getOrDefault(names.get(i), List.of())) {
        for (String w : docWords) {
          if (w.startsWith(kw)) {
            hits[i]++;
          }
        }
      }
    }
    boolean multi = prompt.toLowerCase(Locale.ROOT).contains("answer yes or no")
        || request.body().path("response_format").path("json_schema").path("schema")
            .path("properties").path("answer").path("type").asText().equals("array");
    return multi ? multi(codes, hits, request.jsonSchema()) : single(codes, hits, request.jsonSchema());
  }

  private static ScriptedReply single(List<String> codes, int[] hits, boolean json) {
    int best = 0;
    for (int i = 1; i < hits.length; i++) {
      if (hits[i] > hits[best]) {
        best = i;
      }
    }
    if (json) {
      return new ScriptedReply(List.of(ScriptedToken.certain("{\"answer\":\""),
          ScriptedToken.certain(codes.get(best)), ScriptedToken.certain("\"}")));
    }
    double[] w = new double[codes.size()];
    double z = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.exp(2.0 * Math.min(hits[i], 10));
      z += w[i];
    }
    List<ScriptedToken.Alternative> alts = new ArrayList<>();
    Integer[] order = new Integer[codes.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(w[b], w[a]) != 0 ? Double.compare(w[b], w[a])
        : Integer.compare(a, b));
    for (int i : order) {
      alts.add(new ScriptedToken.Alternative(codes.get(i), Math.log(0.95 * w[i] / z)));
    }
    alts.add(Math.min(alts.size(), 3), new ScriptedToken.Alternative("The", Math.log(0.05)));
    double chosen = Math.log(0.95 * w[best] / z);
    return new ScriptedReply(List.of(new ScriptedToken(codes.get(best), chosen, alts)));
  }

  private static ScriptedReply multi(List<String> codes, int[] hits, boolean json) {
    List<ScriptedToken> t = new ArrayList<>();
    if (json) {
      StringBuilder b = new StringBuilder("{\"answer\":[");
      boolean first = true;
      for (int i = 0; i < codes.size(); i++) {
        if (hits[i] > 0) {
          b.append(first ? "" : ",").append('"').append(codes.get(i)).append('"');
          first = false;
        }
      }
      t.add(ScriptedToken.certain(b.append("]}").toString()));
      return new ScriptedReply(t);
    }
    for (int i = 0; i < codes.size(); i++) {
      if (i > 0) {
        t.add(ScriptedToken.certain("\n"));
      }
      t.add(ScriptedToken.certain(codes.get(i)));
      t.add(ScriptedToken.certain(":"));
      double py = hits[i] > 0 ? 0.9 : 0.1;
      List<ScriptedToken.Alternative> alts = py > 0.5
          ? List.of(new ScriptedToken.Alternative(" yes", Math.log(py)),
              new ScriptedToken.Alternative(" no", Math.log(1 - py)))
          : List.of(new ScriptedToken.Alternative(" no", Math.log(1 - py)),
              new ScriptedToken.Alternative(" yes", Math.log(py)));
      t.add(new ScriptedToken(py > 0.5 ? " yes" : " no", Math.log(Math.max(py, 1 - py)), alts));
    }
    return new ScriptedReply(t);
  }

  /** The text after the last "Text: " up to the last "Answer:" after it. */
  static String documentText(String prompt) {
    int at = prompt.lastIndexOf("Text: ");
    if (at < 0) {
      return prompt;
    }
    String rest = prompt.substring(at + 6);
    int end = rest.lastIndexOf("\nAnswer:");
    return end >= 0 ? rest.substring(0, end) : rest;
  }

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        cur.append(c);
      } else if (cur.length() > 0) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }
}
