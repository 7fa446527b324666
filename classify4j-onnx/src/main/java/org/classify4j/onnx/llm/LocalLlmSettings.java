package org.classify4j.onnx.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.classify4j.Classify4jException;

/**
 * How a local language model is asked.
 *
 * @param fewShot whether training examples go into the prompt ({@code {examples}})
 * @param template {@code auto} (the model's own chat format when recognised, else plain text) or a
 *     {@link ChatTemplate} name
 * @param prompt the prompt with placeholders; empty for the default (see {@link Prompts})
 * @param system a system message (chat formats only; empty for none)
 * @param probasSumTo1 normalise over the labels (single-label) or over yes/no (multi-label);
 *     false gives the raw sequence probabilities
 * @param lowProb what to do when the labels' mass is below {@code minMass}
 * @param minMass the threshold on the labels' total probability, in [0,1]
 * @param maxExamples at most this many training examples in a few-shot prompt
 * @param seed the seed of the example choice
 * @param threads ONNX Runtime intra-op threads (0: all cores)
 */
public record LocalLlmSettings(
    boolean fewShot,
    String template,
    String prompt,
    String system,
    boolean probasSumTo1,
    LowProbabilityPolicy lowProb,
    double minMass,
    int maxExamples,
    long seed,
    int threads) {

  public LocalLlmSettings {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(lowProb, "lowProb");
    if (!template.equals("auto")) {
      ChatTemplate.named(template);
    }
    if (!(minMass >= 0 && minMass <= 1)) {
      throw new Classify4jException("parameter 'min_mass': expected a number in [0,1], got " + minMass);
    }
    if (maxExamples < 0) {
      throw new Classify4jException("parameter 'max_examples': expected ≥ 0, got " + maxExamples);
    }
    if (threads < 0) {
      throw new Classify4jException("parameter 'threads': expected ≥ 0, got " + threads);
    }
  }

  /** Zero-shot defaults: the model's chat format, normalised scores, no low-probability check. */
  public static LocalLlmSettings zeroShotDefaults() {
    return new LocalLlmSettings(false, "auto", "", "", true, LowProbabilityPolicy.IGNORE, 0.0, 0,
        13, 0);
  }

  /** Few-shot defaults: as {@link #zeroShotDefaults()} with up to 8 examples. */
  public static LocalLlmSettings fewShotDefaults() {
    return new LocalLlmSettings(true, "auto", "", "", true, LowProbabilityPolicy.IGNORE, 0.0, 8,
        13, 0);
  }

  public LocalLlmSettings withPrompt(String p) {
    return new LocalLlmSettings(fewShot, template, p, system, probasSumTo1, lowProb, minMass,
        maxExamples, seed, threads);
  }

  public LocalLlmSettings withTemplate(String t) {
    return new LocalLlmSettings(fewShot, t, prompt, system, probasSumTo1, lowProb, minMass,
        maxExamples, seed, threads);
  }

  public LocalLlmSettings withLowProbability(LowProbabilityPolicy p, double mass) {
    return new LocalLlmSettings(fewShot, template, prompt, system, probasSumTo1, p, mass,
        maxExamples, seed, threads);
  }

  public LocalLlmSettings withProbasSumTo1(boolean b) {
    return new LocalLlmSettings(fewShot, template, prompt, system, b, lowProb, minMass,
        maxExamples, seed, threads);
  }

  public LocalLlmSettings withExamples(int max, long s) {
    return new LocalLlmSettings(fewShot, template, prompt, system, probasSumTo1, lowProb, minMass,
        max, s, threads);
  }

  /** As JSON-compatible params (provenance and the saved manifest). */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("few_shot", fewShot);
    m.put("template", template);
    m.put("prompt", prompt);
    m.put("system", system);
    m.put("probas_sum_to_1", probasSumTo1);
    m.put("low_prob", lowProb.id());
    m.put("min_mass", minMass);
    m.put("max_examples", maxExamples);
    m.put("seed", seed);
    m.put("threads", threads);
    return m;
  }
}
