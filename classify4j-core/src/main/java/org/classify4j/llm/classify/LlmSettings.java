package org.classify4j.llm.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.classify4j.llm.PromptTemplate;

/**
 * The hyperparameters of an {@link LlmClassifier}, saved with its models. Built by {@link
 * LlmClassifier.Builder}; see there for each one's meaning.
 */
public record LlmSettings(
    Mode mode,
    int candidates,
    int examplesPerPrompt,
    int tokenBudget,
    InvalidAnswerPolicy invalidAnswerPolicy,
    OptionCodes optionCodes,
    long seed,
    double minCandidateMass,
    Scoring scoring,
    double temperature,
    boolean useExampleCentroids,
    String task,
    String systemTemplate,
    String userTemplate,
    int parallelism) {

  /** How examples get into prompts. */
  public enum Mode {
    /** No examples: label names and descriptions only. */
    ZERO_SHOT,
    /** The same seeded, label-diverse training examples for every document (of its candidates). */
    FEW_SHOT,
    /** The training examples nearest each document (globally, keeping label coverage). */
    DYNAMIC_FEW_SHOT
  }

  /** How answers become scores. */
  public enum Scoring {
    /** Logprobs when the model has them, else JSON schema when it has that, else text. */
    AUTO,
    /** Top logprobs over option codes (single-label) or yes/no (multi-label). */
    LOGPROBS,
    /** A JSON schema whose enum is the candidate codes; one-hot scores. */
    JSON_SCHEMA,
    /** Plain text read as a code or label name; one-hot scores. */
    TEXT,
    /**
     * Every candidate label's whole token sequence scored exactly through an OpenAI-compatible
     * {@code /completions} endpoint with {@code echo} and {@code logprobs} (one request per
     * candidate): log P(label | prompt) is the sum of the label tokens' log-probabilities, scores
     * the softmax over the candidates. Single-label only; falls back, with a warning, to the first
     * token's logprobs (else JSON schema, else text) when the server does not answer such requests.
     * Opt-in only: {@link #AUTO} never picks it.
     */
    SEQUENCE
  }

  /** Slots the user template may have; {{text}} and {{options}} are required. */
  public static final Set<String> SLOTS =
      Set.of("task", "options", "instructions", "examples", "text");

  public static final String DEFAULT_SYSTEM =
      "You are a careful text classifier. You answer only in the format asked for.";

  public static final String DEFAULT_USER =
      "{{task}}\n\nOptions:\n{{options}}\n\n{{instructions}}\n\n{{examples}}Text: {{text}}\nAnswer:";

  public static final String DEFAULT_TASK = "Classify the text into the options below.";

  public LlmSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(invalidAnswerPolicy, "invalidAnswerPolicy");
    Objects.requireNonNull(optionCodes, "optionCodes");
    Objects.requireNonNull(scoring, "scoring");
    Objects.requireNonNull(task, "task");
    if (candidates < 0) {
      throw new IllegalArgumentException("candidates must be ≥ 0 (0 = every label)");
    }
    if (examplesPerPrompt < 0 || tokenBudget < 0) {
      throw new IllegalArgumentException("examplesPerPrompt and tokenBudget must be ≥ 0");
    }
    if (mode != Mode.ZERO_SHOT && examplesPerPrompt == 0) {
      throw new IllegalArgumentException(mode + " needs examplesPerPrompt ≥ 1");
    }
    if (!(minCandidateMass >= 0 && minCandidateMass <= 1)) {
      throw new IllegalArgumentException("minCandidateMass must be in [0,1]");
    }
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("temperature must be in [0,2]");
    }
    if (parallelism < 0) {
      throw new IllegalArgumentException("parallelism must be ≥ 0 (0 = the chat model's concurrency)");
    }
    PromptTemplate.of(systemTemplate).requireSlots(Set.of("task"), Set.of());
    PromptTemplate.of(userTemplate).requireSlots(SLOTS, Set.of("text", "options"));
  }

  Map<String, Object> toParams() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
    p.put("candidates", candidates);
    p.put("examples_per_prompt", examplesPerPrompt);
    p.put("token_budget", tokenBudget);
    p.put("invalid_answer_policy", invalidAnswerPolicy.kind().name().toLowerCase(java.util.Locale.ROOT));
    p.put("fixed_label", invalidAnswerPolicy.label());
    p.put("option_codes", optionCodes.name().toLowerCase(java.util.Locale.ROOT));
    p.put("seed", seed);
    p.put("min_candidate_mass", minCandidateMass);
    p.put("scoring", scoring.name().toLowerCase(java.util.Locale.ROOT));
    p.put("temperature", temperature);
    p.put("use_example_centroids", useExampleCentroids);
    p.put("task", task);
    p.put("system_template", systemTemplate);
    p.put("user_template", userTemplate);
    p.put("parallelism", parallelism);
    return p;
  }

  static LlmSettings fromParams(JsonNode p) {
    return new LlmSettings(
        Mode.valueOf(p.path("mode").asText().toUpperCase(java.util.Locale.ROOT)),
        p.path("candidates").asInt(),
        p.path("examples_per_prompt").asInt(),
        p.path("token_budget").asInt(),
        new InvalidAnswerPolicy(InvalidAnswerPolicy.Kind.valueOf(
            p.path("invalid_answer_policy").asText().toUpperCase(java.util.Locale.ROOT)),
            p.path("fixed_label").asText("")),
        OptionCodes.valueOf(p.path("option_codes").asText().toUpperCase(java.util.Locale.ROOT)),
        p.path("seed").asLong(),
        p.path("min_candidate_mass").asDouble(),
        Scoring.valueOf(p.path("scoring").asText().toUpperCase(java.util.Locale.ROOT)),
        p.path("temperature").asDouble(),
        p.path("use_example_centroids").asBoolean(false),
        p.path("task").asText(DEFAULT_TASK),
        p.path("system_template").asText(DEFAULT_SYSTEM),
        p.path("user_template").asText(DEFAULT_USER),
        p.path("parallelism").asInt(0));
  }
}
