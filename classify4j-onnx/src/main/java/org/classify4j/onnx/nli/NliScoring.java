package org.classify4j.onnx.nli;

import org.classify4j.nli.Hypotheses;

import java.util.Map;

import java.util.Locale;

import java.util.LinkedHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a cross-encoder's logits into label scores the way the Hugging Face zero-shot pipeline
 * does, per template, then averages the templates' scores (probabilities, not logits: with one
 * template the result is exactly the pipeline's; with several it is the mean of what the pipeline
 * gives for each, and single-label rows still sum to 1).
 *
 * <ul>
 *   <li>single-label: softmax of the entailment logits across the (candidate) labels;
 *   <li>multi-label, or a single candidate label: per label, softmax over [contradiction,
 *       entailment], the entailment part.
 * </ul>
 *
 * Labels that are not candidates of a document score 0.
 */
final class NliScoring {
  private NliScoring() {}

  /**
   * Scores of n documents for k labels.
   *
   * @param candidates per document the label indices to judge (all labels when null)
   */
  static float[][] scores(NliCrossEncoder enc, List<String> texts, String[][] hyps,
      int[][] candidates, boolean multiLabel) {
    int n = texts.size();
    int k = hyps.length;
    int t = k == 0 ? 0 : hyps[0].length;
    List<String> prem = new ArrayList<>();
    List<String> hyp = new ArrayList<>();
    int[][] cand = new int[n][];
    for (int i = 0; i < n; i++) {
      cand[i] = candidates == null ? all(k) : candidates[i];
      for (int j : cand[i]) {
        for (int m = 0; m < t; m++) {
          prem.add(texts.get(i));
          hyp.add(hyps[j][m]);
        }
      }
    }
    float[][] logits = enc.logits(prem, hyp);
    int ent = enc.config().entailment();
    int con = enc.config().contradiction();
    float[][] out = new float[n][k];
    int at = 0;
    for (int i = 0; i < n; i++) {
      int c = cand[i].length;
      double[][] e = new double[c][t];
      double[][] x = new double[c][t];
      for (int a = 0; a < c; a++) {
        for (int m = 0; m < t; m++) {
          e[a][m] = logits[at][ent];
          x[a][m] = logits[at][con];
          at++;
        }
      }
      double[] score = new double[c];
      for (int m = 0; m < t; m++) {
        if (multiLabel || c == 1) {
          for (int a = 0; a < c; a++) {
            score[a] += sigmoid(e[a][m] - x[a][m]);
          }
        } else {
          double max = Double.NEGATIVE_INFINITY;
          for (int a = 0; a < c; a++) {
            max = Math.max(max, e[a][m]);
          }
          double sum = 0;
          double[] p = new double[c];
          for (int a = 0; a < c; a++) {
            p[a] = Math.exp(e[a][m] - max);
            sum += p[a];
          }
          for (int a = 0; a < c; a++) {
            score[a] += p[a] / sum;
          }
        }
      }
      for (int a = 0; a < c; a++) {
        out[i][cand[i][a]] = (float) (score[a] / t);
      }
    }
    return out;
  }

  /**
   * Entailment logits of n documents for k labels, each the mean over the templates: the
   * features of the trained head.
   */
  static float[][] entailmentLogits(NliCrossEncoder enc, List<String> texts, String[][] hyps) {
    int n = texts.size();
    int k = hyps.length;
    int t = hyps[0].length;
    List<String> prem = new ArrayList<>(n * k * t);
    List<String> hyp = new ArrayList<>(n * k * t);
    for (String text : texts) {
      for (String[] h : hyps) {
        for (String s : h) {
          prem.add(text);
          hyp.add(s);
        }
      }
    }
    float[][] logits = enc.logits(prem, hyp);
    int ent = enc.config().entailment();
    float[][] out = new float[n][k];
    int at = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int m = 0; m < t; m++) {
          s += logits[at++][ent];
        }
        out[i][j] = (float) (s / t);
      }
    }
    return out;
  }

  /** softmax([c, e])[1] = 1 / (1 + exp(c − e)). */
  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private static int[] all(int k) {
    int[] a = new int[k];
    for (int j = 0; j < k; j++) {
      a[j] = j;
    }
    return a;
  }

  /** The parameters every NLI method records: the cross-encoder's and the hypotheses'. */
  static Map<String, Object> params(NliCrossEncoder encoder, Hypotheses hypotheses) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("model", encoder.directory().toString());
    p.put("templates", hypotheses.templates());
    p.put("hypothesis", hypotheses.labelText().name().toLowerCase(Locale.ROOT));
    p.put("entailment", encoder.config().entailment());
    p.put("contradiction", encoder.config().contradiction());
    p.put("max_length", encoder.config().maxLength());
    return p;
  }
}
