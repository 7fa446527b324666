package org.classify4j.llm.classify;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.classify4j.Classify4jException;
import org.classify4j.classify.Classifier;
import org.classify4j.embed.Embedders;
import org.classify4j.method.MethodParams;
import org.classify4j.method.MethodProvider;
import org.classify4j.method.LoadContext;

/**
 * The LLM methods by name. {@code chat} names the chat model ({@code openai} = the endpoint in
 * CLASSIFY4J_LLM_BASE_URL / _API_KEY / _MODEL, or {@code openai:MODEL}); {@code candidates} > 0
 * turns on retrieve-then-rank with the embedder {@code model}; {@code invalid} is {@code fail},
 * {@code abstain} or {@code label:NAME}; {@code scoring} is {@code auto} (default), {@code logprobs},
 * {@code json_schema}, {@code text} or {@code sequence} (exact label sequences over the server's
 * {@code /completions}, see {@link LlmSettings.Scoring#SEQUENCE}).
 */
public final class LlmMethods implements MethodProvider {
  private static final Set<String> COMMON =
      Set.of("chat", "model", "candidates", "invalid", "seed", "token_budget", "task",
          "scoring");

  @Override
  public List<MethodInfo> methods() {
    List<String> p = List.of("chat", "model", "candidates", "invalid", "seed", "token_budget", "task",
        "scoring");
    List<String> withExamples =
        List.of("chat", "model", "candidates", "examples", "invalid", "seed", "token_budget", "task",
            "scoring");
    return List.of(
        new MethodInfo("llm-zero-shot", "an LLM picks among the (candidate) labels; probabilities from logprobs", p),
        new MethodInfo("llm-few-shot", "as llm-zero-shot with seeded, label-diverse training examples in the prompt", withExamples),
        new MethodInfo("llm-dynamic-few-shot", "as llm-few-shot with the training examples nearest each text", withExamples));
  }

  @Override
  public Optional<Classifier> create(String method, MethodParams p, LoadContext context) {
    if (!method.startsWith("llm-")) {
      return Optional.empty();
    }
    InvalidAnswerPolicy invalid = policy(p.string("invalid", "abstain"));
    LlmClassifier.Builder b;
    switch (method) {
      case "llm-zero-shot" -> {
        p.requireOnly(method, COMMON);
        b = LlmClassifier.builder(context.chatModel(p.string("chat", "openai"))).zeroShot();
      }
      case "llm-few-shot" -> {
        p.requireOnly(method, union(COMMON, "examples"));
        b = LlmClassifier.builder(context.chatModel(p.string("chat", "openai")))
            .fewShot(p.integer("examples", 8));
      }
      case "llm-dynamic-few-shot" -> {
        p.requireOnly(method, union(COMMON, "examples"));
        b = LlmClassifier.builder(context.chatModel(p.string("chat", "openai")))
            .dynamicFewShot(p.integer("examples", 8));
      }
      default -> {
        return Optional.empty();
      }
    }
    int candidates = p.integer("candidates", 0);
    b.candidates(candidates);
    if (candidates > 0 || method.equals("llm-dynamic-few-shot") || p.values().containsKey("model")) {
      b.embedder(context.embedder(p.string("model", Embedders.DEFAULT_ID)));
    }
    b.seed(p.integer("seed", 13));
    b.tokenBudget(p.integer("token_budget", 0));
    if (p.values().containsKey("task")) {
      b.task(p.string("task", ""));
    }
    b.invalidAnswerPolicy(invalid);
    b.scoring(scoring(p.string("scoring", "auto")));
    return Optional.of(b.build());
  }

  static LlmSettings.Scoring scoring(String s) {
    String v = s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    for (LlmSettings.Scoring sc : LlmSettings.Scoring.values()) {
      if (sc.name().equals(v)) {
        return sc;
      }
    }
    throw new Classify4jException("parameter 'scoring': expected auto, logprobs, json_schema,"
        + " text or sequence, got '" + s + "'");
  }

  static InvalidAnswerPolicy policy(String s) {
    if (s.equals("fail")) {
      return InvalidAnswerPolicy.fail();
    }
    if (s.equals("abstain")) {
      return InvalidAnswerPolicy.abstain();
    }
    if (s.startsWith("label:") && s.length() > 6) {
      return InvalidAnswerPolicy.fixedLabel(s.substring(6));
    }
    throw new Classify4jException(
        "parameter 'invalid': expected fail, abstain or label:NAME, got '" + s + "'");
  }

  private static Set<String> union(Set<String> a, String b) {
    java.util.HashSet<String> s = new java.util.HashSet<>(a);
    s.add(b);
    return s;
  }
}
