package org.classify4j.onnx.nli;

import org.classify4j.nli.Hypotheses;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.classify4j.classify.Classifier;
import org.classify4j.embed.Embedders;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.MethodProvider;

/**
 * The NLI methods by name. {@code model} is the cross-encoder's directory (an Optimum export:
 * docs/nli.md); {@code template} one or more hypothesis templates separated by {@code |};
 * {@code hypothesis} which label text fills them ({@code name}, {@code readable}, {@code
 * description}); {@code entailment} / {@code contradiction} override the indices read from {@code
 * id2label}; {@code max_length} the longest pair; {@code candidates} &gt; 0 prunes the labels with
 * the embedder {@code retriever} first; {@code threads} the model calls in flight.
 */
public final class NliMethods implements MethodProvider {
  static final String MODEL = "model";
  private static final List<String> COMMON =
      List.of(MODEL, "template", "hypothesis", "entailment", "contradiction", "max_length", "threads");

  @Override
  public List<MethodInfo> methods() {
    return List.of(
        new MethodInfo(NliZeroShotClassifier.TYPE,
            "an NLI cross-encoder (ONNX) judges text ⇒ \"This example is {label}.\"; the Hugging Face zero-shot pipeline",
            concat(COMMON, "candidates", "retriever")),
        new MethodInfo(NliHeadClassifier.TYPE,
            "logistic regression on a frozen NLI cross-encoder's entailment logits for every label",
            concat(COMMON, "C", "max_iter")));
  }

  @Override
  public Optional<Classifier> create(String method, MethodParams p, LoadContext context) {
    switch (method) {
      case NliZeroShotClassifier.TYPE -> {
        p.requireOnly(method, Set.copyOf(concat(COMMON, "candidates", "retriever")));
        NliCrossEncoder enc = encoder(p, context);
        NliZeroShotClassifier c = NliZeroShotClassifier.of(enc).withHypotheses(hypotheses(p));
        int n = p.integer("candidates", 0);
        if (n > 0) {
          c = c.withCandidates(n, context.embedder(p.string("retriever", Embedders.DEFAULT_ID)));
        }
        return Optional.of(c);
      }
      case NliHeadClassifier.TYPE -> {
        p.requireOnly(method, Set.copyOf(concat(COMMON, "C", "max_iter")));
        return Optional.of(new NliHeadClassifier(encoder(p, context), hypotheses(p),
            LogisticRegression.defaults()
                .withC(p.number("C", 1.0))
                .withMaxIterations(p.integer("max_iter", 1000))));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  static Hypotheses hypotheses(MethodParams p) {
    return new Hypotheses(Hypotheses.parseTemplates(p.string("template", "")),
        Hypotheses.LabelText.parse(p.string("hypothesis", "name")));
  }

  static NliCrossEncoder encoder(MethodParams p, LoadContext context) {
    String model = p.string(MODEL, "");
    if (model.isBlank()) {
      throw new IllegalArgumentException(
          "parameter 'model': the NLI cross-encoder's directory (model.onnx, tokenizer.json, config.json) is required");
    }
    Path dir = Path.of(model);
    NliCrossEncoder.Builder b = NliCrossEncoder.builder(dir);
    String e = p.string("entailment", "");
    String c = p.string("contradiction", "");
    String l = p.string("max_length", "");
    if (!e.isBlank()) {
      b.entailment(p.integer("entailment", 0));
    }
    if (!c.isBlank()) {
      b.contradiction(p.integer("contradiction", 0));
    }
    if (!l.isBlank()) {
      b.maxLength(p.integer("max_length", 0));
    }
    int threads = p.integer("threads", 0);
    if (threads > 0) {
      b.parallelism(threads);
    }
    return NliResources.open(context, NliResources.key(dir, e, c, l) + "&t=" + threads, b);
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(List.of(b));
    return List.copyOf(out);
  }
}
