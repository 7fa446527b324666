package org.classify4j.onnx.llm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;

/**
 * {@code local-llm-zero-shot} / {@code local-llm-few-shot}: a decoder language model run in-process
 * ({@link DecoderModel}) scores every label as an answer to a prompt; the probability of a label is
 * the exact probability of its whole token sequence (skorch's ZeroShotClassifier / FewShotClassifier
 * idea). Multi-label data is asked one yes/no question per label.
 *
 * <p>Few-shot examples are chosen label-diverse and seeded: the training examples of each label are
 * shuffled with the seed, then labels take turns (in label-space order) giving their next example
 * not yet chosen, until {@code maxExamples}; the chosen ones appear in the prompt in training-set
 * order. The decoder is the caller's: the classifier and its models do not close it.
 */
public final class LocalLlmClassifier implements Classifier {
  private final DecoderModel decoder;
  private final LocalLlmSettings settings;

  public LocalLlmClassifier(DecoderModel decoder, LocalLlmSettings settings) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String method() {
    return settings.fewShot() ? LocalLlmMethods.FEW_SHOT : LocalLlmMethods.ZERO_SHOT;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", decoder.directory().toAbsolutePath().toString());
    m.putAll(settings.toMap());
    return m;
  }

  public LocalLlmSettings settings() {
    return settings;
  }

  @Override
  public LocalLlmModel fit(Dataset train) {
    String prompt = settings.prompt().isEmpty()
        ? Prompts.defaultPrompt(train.multiLabel(), settings.fewShot()) : settings.prompt();
    Prompts.check(prompt, Prompts.required(train.multiLabel(), settings.fewShot()));
    List<Example> examples = settings.fewShot()
        ? chooseExamples(train, settings.maxExamples(), settings.seed()) : List.of();
    return new LocalLlmModel(decoder, train.labels(), train.multiLabel(), settings, prompt,
        examples);
  }

  /** Label-diverse, seeded choice of at most {@code max} examples, in training-set order. */
  static List<Example> chooseExamples(Dataset train, int max, long seed) {
    int k = train.labels().size();
    int[][] gold = train.goldIndices();
    List<List<Integer>> byLabel = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      byLabel.add(new ArrayList<>());
    }
    for (int i = 0; i < gold.length; i++) {
      for (int j : gold[i]) {
        byLabel.get(j).add(i);
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[][] order = new int[k][];
    for (int j = 0; j < k; j++) {
      int[] a = byLabel.get(j).stream().mapToInt(Integer::intValue).toArray();
      for (int i = a.length - 1; i > 0; i--) {
        int r = rnd.nextInt(i + 1);
        int t = a[i];
        a[i] = a[r];
        a[r] = t;
      }
      order[j] = a;
    }
    boolean[] chosen = new boolean[train.size()];
    int[] next = new int[k];
    int count = 0;
    boolean progress = true;
    while (count < max && progress) {
      progress = false;
      for (int j = 0; j < k && count < max; j++) {
        while (next[j] < order[j].length && chosen[order[j][next[j]]]) {
          next[j]++;
        }
        if (next[j] < order[j].length) {
          chosen[order[j][next[j]]] = true;
          next[j]++;
          count++;
          progress = true;
        }
      }
    }
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i]) {
        out.add(train.get(i));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return method() + Arrays.toString(new Object[] {decoder.directory()});
  }
}
