package org.classify4j.llm.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classify4j.Json;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.PromptTemplate;
import org.classify4j.llm.ResponseFormat;
import org.classify4j.llm.Tokens;
import org.classify4j.llm.classify.LlmSettings.Scoring;

/**
 * Writes a document's chat request: its candidate labels as coded options, the instructions for
 * the scoring in use (a code, yes/no lines, or JSON), the examples that fit the token budget, and
 * the request settings (logprobs, response schema, token limits).
 */
final class PromptWriter {
  /** A document's request and the labels its options stand for, in option order. */
  record Prompt(int[] candidates, ChatRequest request) {}

  private final LabelSpace classes;
  private final boolean multiLabel;
  private final LlmSettings s;
  private final Scoring scoring;
  private final int topLogprobs;
  private final PromptTemplate system;
  private final PromptTemplate user;
  private final float[][] labelVectors;
  private final ExampleChoice examples;

  PromptWriter(LabelSpace classes, boolean multiLabel, LlmSettings s, Scoring scoring,
      int topLogprobs, float[][] labelVectors, ExampleChoice examples) {
    this.classes = classes;
    this.multiLabel = multiLabel;
    this.s = s;
    this.scoring = scoring;
    this.topLogprobs = topLogprobs;
    this.system = PromptTemplate.of(s.systemTemplate());
    this.user = PromptTemplate.of(s.userTemplate());
    this.labelVectors = labelVectors;
    this.examples = examples;
  }

  Prompt prompt(Document doc, float[] vec) {
    int[] cands = candidates(vec);
    Map<Integer, Integer> pos = new LinkedHashMap<>();
    for (int p = 0; p < cands.length; p++) {
      pos.put(cands[p], p);
    }
    StringBuilder options = new StringBuilder();
    for (int p = 0; p < cands.length; p++) {
      if (p > 0) {
        options.append('\n');
      }
      options.append(s.optionCodes().code(p)).append(". ").append(optionText(classes.get(cands[p])));
    }
    Map<String, String> slots = new LinkedHashMap<>();
    slots.put("task", s.task());
    slots.put("options", options.toString());
    slots.put("instructions", instructions(cands.length));
    slots.put("text", doc.text());
    slots.put("examples", "");
    String sys = system.renderSome(slots);
    List<Example> examples = this.examples.examples(doc, vec, cands, pos);
    StringBuilder ex = new StringBuilder();
    int used = Tokens.estimate(sys) + Tokens.estimate(user.renderSome(slots)) + 2 * Tokens.PER_MESSAGE;
    for (Example e : examples) {
      String block = "Text: " + e.document().text() + "\nAnswer: " + answerFor(e, cands.length, pos)
          + "\n\n";
      int t = Tokens.estimate(block);
      if (s.tokenBudget() > 0 && used + t > s.tokenBudget()) {
        continue;
      }
      used += t;
      ex.append(block);
    }
    slots.put("examples", ex.toString());
    ChatRequest.Builder b = ChatRequest.builder()
        .messages(ChatMessage.system(sys), ChatMessage.user(user.renderSome(slots)))
        .temperature(s.temperature())
        .seed(s.seed());
    if (scoring == Scoring.LOGPROBS) {
      b.logprobs(Math.max(topLogprobs, 1));
      b.maxTokens(multiLabel ? cands.length * 5 + 8 : 1);
    } else if (scoring == Scoring.JSON_SCHEMA) {
      b.responseFormat(schema(cands.length));
      b.maxTokens(multiLabel ? cands.length * 4 + 16 : 24);
    } else {
      b.maxTokens(multiLabel ? cands.length * 5 + 8 : 8);
    }
    return new Prompt(cands, b.build());
  }

  /**
   * The answer text scored for a label under {@link Scoring#SEQUENCE}: its name as the options
   * list spells it (the completion text appends it after one space).
   */
  static String sequenceAnswer(Label l) {
    return l.name();
  }

  static String labelText(Label l) {
    StringBuilder b = new StringBuilder(l.name().replace('_', ' '));
    if (!l.description().isBlank()) {
      b.append(": ").append(l.description());
    }
    if (!l.synonyms().isEmpty()) {
      b.append(" (also: ").append(String.join(", ", l.synonyms())).append(')');
    }
    return b.toString();
  }

  private static String optionText(Label l) {
    StringBuilder b = new StringBuilder(l.name());
    if (!l.description().isBlank()) {
      b.append(" — ").append(l.description());
    }
    if (!l.synonyms().isEmpty()) {
      b.append(" (also: ").append(String.join(", ", l.synonyms())).append(')');
    }
    return b.toString();
  }

  private String instructions(int m) {
    String last = s.optionCodes().code(m - 1);
    if (scoring == Scoring.SEQUENCE) {
      return "Answer with the name of the one option that fits the text best, and nothing else.";
    }
    if (scoring == Scoring.JSON_SCHEMA) {
      return multiLabel
          ? "Answer in JSON: {\"answer\": [codes of every option that fits]}; an empty list when"
              + " none fits."
          : "Answer in JSON: {\"answer\": \"the code of the one option that fits best\"}.";
    }
    if (multiLabel) {
      return "For every option from " + s.optionCodes().code(0) + " to " + last
          + ", answer yes or no: one line per option, in order, written as `"
          + s.optionCodes().code(0) + ": yes` or `" + s.optionCodes().code(0)
          + ": no`. Answer no for all when none fits.";
    }
    return "Answer with the code (" + s.optionCodes().code(0) + " to " + last
        + ") of the one option that fits the text best, and nothing else.";
  }

  private String answerFor(Example e, int m, Map<Integer, Integer> pos) {
    List<String> codes = new ArrayList<>();
    Set<Integer> on = new HashSet<>();
    for (String l : e.labels()) {
      Integer p = pos.get(classes.requireIndex(l));
      if (p != null) {
        codes.add(s.optionCodes().code(p));
        on.add(p);
      }
    }
    if (scoring == Scoring.JSON_SCHEMA) {
      return multiLabel ? Json.mapper().createObjectNode().set("answer",
              Json.mapper().valueToTree(codes)).toString()
          : Json.mapper().createObjectNode().put("answer", codes.get(0)).toString();
    }
    if (!multiLabel) {
      if (scoring == Scoring.SEQUENCE) {
        for (String l : e.labels()) {
          if (pos.containsKey(classes.requireIndex(l))) {
            return sequenceAnswer(classes.get(classes.requireIndex(l)));
          }
        }
      }
      return codes.get(0);
    }
    StringBuilder b = new StringBuilder();
    for (int p = 0; p < m; p++) {
      b.append('\n').append(s.optionCodes().code(p)).append(": ").append(on.contains(p) ? "yes" : "no");
    }
    return b.toString();
  }

  private ResponseFormat schema(int m) {
    List<String> codes = new ArrayList<>();
    for (int p = 0; p < m; p++) {
      codes.add(s.optionCodes().code(p));
    }
    Map<String, Object> answer = multiLabel
        ? Map.of("type", "array", "items", Map.of("type", "string", "enum", codes))
        : Map.of("type", "string", "enum", codes);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of("answer", answer));
    schema.put("required", List.of("answer"));
    schema.put("additionalProperties", false);
    return ResponseFormat.jsonSchema(multiLabel ? "labels" : "label", schema);
  }

  private int[] candidates(float[] vec) {
    int k = classes.size();
    if (labelVectors == null || s.candidates() >= k || vec == null) {
      int[] all = new int[k];
      for (int j = 0; j < k; j++) {
        all[j] = j;
      }
      return all;
    }
    return ExampleChoice.topBySimilarity(vec, labelVectors, s.candidates(), null);
  }

}
