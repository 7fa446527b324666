package org.classify4j.onnx.llm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.classify4j.Classify4jException;
import org.classify4j.classify.Classifier;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.MethodProvider;

/**
 * {@code local-llm-zero-shot} and {@code local-llm-few-shot} by name. {@code model} is the
 * directory of a decoder exported by Optimum ({@code DIR} or {@code onnx-llm:DIR}); the decoder is
 * opened once per call and owned by the context.
 */
public final class LocalLlmMethods implements MethodProvider {
  public static final String ZERO_SHOT = "local-llm-zero-shot";
  public static final String FEW_SHOT = "local-llm-few-shot";
  static final String PREFIX = "onnx-llm:";

  private static final List<String> ZERO_PARAMS = List.of("model", "template", "prompt", "system",
      "probas_sum_to_1", "low_prob", "min_mass", "threads");
  private static final List<String> FEW_PARAMS = List.of("model", "template", "prompt", "system",
      "probas_sum_to_1", "low_prob", "min_mass", "max_examples", "seed", "threads");

  @Override
  public List<MethodInfo> methods() {
    return List.of(
        new MethodInfo(ZERO_SHOT, "a local ONNX language model (-p model=DIR) scores every label's"
            + " exact token sequence; multi-label: yes/no per label", ZERO_PARAMS),
        new MethodInfo(FEW_SHOT, "as local-llm-zero-shot with seeded, label-diverse training"
            + " examples in the prompt", FEW_PARAMS));
  }

  @Override
  public Optional<Classifier> create(String method, MethodParams p, LoadContext context) {
    boolean few;
    if (method.equals(ZERO_SHOT)) {
      few = false;
      p.requireOnly(method, Set.copyOf(ZERO_PARAMS));
    } else if (method.equals(FEW_SHOT)) {
      few = true;
      p.requireOnly(method, Set.copyOf(FEW_PARAMS));
    } else {
      return Optional.empty();
    }
    LocalLlmSettings s = settings(p, few);
    Path dir = modelDir(p.string("model", ""));
    DecoderModel decoder = context.own(DecoderModel.open(dir, s.threads()));
    return Optional.of(new LocalLlmClassifier(decoder, s));
  }

  static LocalLlmSettings settings(MethodParams p, boolean few) {
    LocalLlmSettings d = few ? LocalLlmSettings.fewShotDefaults() : LocalLlmSettings.zeroShotDefaults();
    return new LocalLlmSettings(
        few,
        p.string("template", d.template()),
        p.string("prompt", d.prompt()).replace("\\n", "\n"),
        p.string("system", d.system()),
        p.flag("probas_sum_to_1", d.probasSumTo1()),
        LowProbabilityPolicy.named(p.string("low_prob", d.lowProb().id())),
        p.number("min_mass", d.minMass()),
        p.integer("max_examples", d.maxExamples()),
        p.integer("seed", (int) d.seed()),
        p.integer("threads", d.threads()));
  }

  static Path modelDir(String value) {
    String v = value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value;
    if (v.isBlank()) {
      throw new Classify4jException("parameter 'model': give the directory of a decoder model"
          + " exported by Optimum (-p model=DIR)");
    }
    Path dir = Path.of(v);
    if (!Files.isDirectory(dir)) {
      throw new Classify4jException("parameter 'model': '" + value + "' is not a directory (expected"
          + " a decoder exported with: optimum-cli export onnx --task text-generation-with-past)");
    }
    return dir;
  }
}
