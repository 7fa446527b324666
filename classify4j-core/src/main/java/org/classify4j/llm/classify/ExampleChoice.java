package org.classify4j.llm.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.classify.LlmSettings.Mode;

/**
 * Which training examples go into a document's prompt: few-shot takes the seeded, label-diverse
 * pool of the candidate labels; dynamic few-shot the stored examples nearest the document,
 * covering the candidates' labels first. Examples the options cannot express, and the document
 * itself, are left out.
 */
final class ExampleChoice {
  private final LabelSpace classes;
  private final boolean multiLabel;
  private final LlmSettings s;
  private final List<Example> store;
  private final float[][] storeVectors;
  private final int[][] pool;

  ExampleChoice(LabelSpace classes, boolean multiLabel, LlmSettings s, List<Example> store,
      float[][] storeVectors, int[][] pool) {
    this.classes = classes;
    this.multiLabel = multiLabel;
    this.s = s;
    this.store = store;
    this.storeVectors = storeVectors;
    this.pool = pool;
  }

  List<Example> examples(Document doc, float[] vec, int[] cands, Map<Integer, Integer> pos) {
    int want = s.examplesPerPrompt();
    if (s.mode() == Mode.ZERO_SHOT || want == 0 || store.isEmpty()) {
      return List.of();
    }
    if (s.mode() == Mode.FEW_SHOT) {
      LinkedHashSet<Integer> chosen = new LinkedHashSet<>();
      int k = classes.size();
      for (int r = 0; chosen.size() < want; r++) {
        boolean any = false;
        for (int c : cands) {
          if (r < pool[c].length) {
            any = true;
            if (chosen.size() < want && usable(store.get(pool[c][r]), doc, pos)) {
              chosen.add(pool[c][r]);
            }
          }
        }
        if (multiLabel && r == 0 && pool.length > k && pool[k].length > 0
            && chosen.size() < want) {
          chosen.add(pool[k][0]);
        }
        if (!any) {
          break;
        }
      }
      List<Example> out = new ArrayList<>();
      for (int i : chosen) {
        out.add(store.get(i));
      }
      return out;
    }
    // dynamic: nearest globally, restricted to examples the options can express, covering labels
    float[] sims = new float[store.size()];
    int[] near = topBySimilarity(vec, storeVectors, Math.max(4 * want, want + cands.length), sims);
    List<Integer> eligible = new ArrayList<>();
    for (int i : near) {
      if (usable(store.get(i), doc, pos)) {
        eligible.add(i);
      }
    }
    LinkedHashSet<Integer> chosen = new LinkedHashSet<>();
    Set<String> covered = new HashSet<>();
    for (int i : eligible) {
      if (chosen.size() >= want) {
        break;
      }
      boolean adds = false;
      for (String l : store.get(i).labels()) {
        adds |= pos.containsKey(classes.requireIndex(l)) && !covered.contains(l);
      }
      if (adds) {
        chosen.add(i);
        covered.addAll(store.get(i).labels());
      }
    }
    for (int i : eligible) {
      if (chosen.size() >= want) {
        break;
      }
      chosen.add(i);
    }
    List<Integer> ordered = new ArrayList<>(chosen);
    ordered.sort((a, b) -> {
      int c = Float.compare(sims[a], sims[b]); // least similar first, the nearest just before the text
      return c != 0 ? c : Integer.compare(b, a);
    });
    List<Example> out = new ArrayList<>();
    for (int i : ordered) {
      out.add(store.get(i));
    }
    return out;
  }

  private boolean usable(Example e, Document doc, Map<Integer, Integer> pos) {
    if (e.document().text().equals(doc.text())) {
      return false;
    }
    if (e.labels().isEmpty()) {
      return multiLabel;
    }
    for (String l : e.labels()) {
      if (pos.containsKey(classes.requireIndex(l))) {
        return true;
      }
    }
    return false;
  }


  /** Indices of the {@code n} rows most similar to {@code vec}, best first (ties: lower index). */
  static int[] topBySimilarity(float[] vec, float[][] rows, int n, float[] simsOut) {
    Integer[] idx = new Integer[rows.length];
    float[] sims = simsOut != null ? simsOut : new float[rows.length];
    for (int j = 0; j < rows.length; j++) {
      idx[j] = j;
      sims[j] = dot(vec, rows[j]);
    }
    Arrays.sort(idx, (a, b) -> {
      int c = Float.compare(sims[b], sims[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int m = Math.min(n, rows.length);
    int[] out = new int[m];
    for (int j = 0; j < m; j++) {
      out[j] = idx[j];
    }
    return out;
  }

  private static float dot(float[] a, float[] b) {
    float d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
    }
    return d;
  }

}
