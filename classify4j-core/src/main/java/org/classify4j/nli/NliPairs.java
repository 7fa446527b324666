package org.classify4j.nli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;

/**
 * Turns a labelled dataset into NLI training pairs, the way zero-shot NLI models are adapted to a
 * label set: every (text, one of its labels) becomes an entailment pair and (text, a label it does
 * not carry) a contradiction pair, the label put into the hypothesis template(s). The pairs are
 * for training a cross-encoder elsewhere (e.g. transformers' Trainer on a JSONL file).
 *
 * <p>{@code negatives} sets the balance: each example gets {@code negatives} contradiction pairs
 * per entailment pair (1 = as many contradictions as entailments), drawn without replacement from
 * the labels it does not carry, seeded; {@link #ALL_NEGATIVES} takes every such label. With
 * several templates, each pair is written once per template. Examples without a label give no
 * pairs.
 *
 * @param hypotheses templates and which label text fills them
 * @param negatives contradiction pairs per entailment pair, or {@link #ALL_NEGATIVES}
 * @param seed for sampling the negative labels
 */
public record NliPairs(Hypotheses hypotheses, int negatives, long seed) {
  public static final int ALL_NEGATIVES = -1;
  public static final String ENTAILMENT = "entailment";
  public static final String CONTRADICTION = "contradiction";

  public NliPairs {
    if (negatives < 0 && negatives != ALL_NEGATIVES) {
      throw new IllegalArgumentException("negatives must be ≥ 0 or all");
    }
  }

  /** One training pair: the text, the hypothesis, its NLI label, the class label it names. */
  public record Pair(String id, String premise, String hypothesis, String label, String classLabel) {
    /** As a JSON object: id, premise, hypothesis, label (entailment | contradiction), class. */
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("premise", premise);
      m.put("hypothesis", hypothesis);
      m.put("label", label);
      m.put("class", classLabel);
      return m;
    }
  }

  /** The pairs of every example, in example order: its entailments, then its contradictions. */
  public List<Pair> build(Dataset data) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[][] hyps = hypotheses.of(data.labels());
    int k = data.labels().size();
    List<Pair> out = new ArrayList<>();
    int[][] gold = data.goldIndices();
    for (int i = 0; i < data.size(); i++) {
      Example e = data.get(i);
      int[] pos = gold[i];
      if (pos.length == 0) {
        continue;
      }
      boolean[] isPos = new boolean[k];
      for (int j : pos) {
        isPos[j] = true;
        for (String h : hyps[j]) {
          out.add(new Pair(e.document().id(), e.document().text(), h, ENTAILMENT, data.labels().name(j)));
        }
      }
      int[] others = new int[k - pos.length];
      int n = 0;
      for (int j = 0; j < k; j++) {
        if (!isPos[j]) {
          others[n++] = j;
        }
      }
      int take = negatives == ALL_NEGATIVES ? n : Math.min(n, negatives * pos.length);
      // partial Fisher–Yates: the first `take` of a seeded shuffle, then in label order
      for (int a = 0; a < take; a++) {
        int b = a + rnd.nextInt(n - a);
        int t = others[a];
        others[a] = others[b];
        others[b] = t;
      }
      int[] chosen = java.util.Arrays.copyOf(others, take);
      java.util.Arrays.sort(chosen);
      for (int j : chosen) {
        for (String h : hyps[j]) {
          out.add(new Pair(e.document().id(), e.document().text(), h, CONTRADICTION, data.labels().name(j)));
        }
      }
    }
    return out;
  }
}
