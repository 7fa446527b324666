package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;

/**
 * Finds label names in analyzed text: every label's preferred name, its name without a trailing
 * qualifier in parentheses ("ATLAS (Teilchendetektor)" → "ATLAS") and its synonyms are analyzed
 * into token sequences; a document matches a label where one of these sequences occurs. Immutable.
 */
final class LabelMatcher {
  static final int MAX_TOKENS = 8;

  /** One analyzed form of a label. */
  private record Form(int label, boolean preferred, int tokens, int ambiguity) {}

  /** What matching found for one label in one document. */
  static final class Match {
    final int label;
    int count;
    int first = Integer.MAX_VALUE;
    int last = -1;
    int maxTokens;
    boolean preferred;
    boolean inTitle;
    int minAmbiguity = Integer.MAX_VALUE;

    Match(int label) {
      this.label = label;
    }
  }

  private final Analysis analysis;
  private final Map<String, List<Form>> forms;

  LabelMatcher(LabelSpace labels, Analysis analysis) {
    this.analysis = analysis;
    Map<String, List<int[]>> raw = new HashMap<>();
    for (int j = 0; j < labels.size(); j++) {
      Label l = labels.get(j);
      add(raw, analysis.tokens(l.name()), j, true);
      String stripped = l.name().replaceAll("\\s*\\([^)]*\\)\\s*$", "");
      if (!stripped.equals(l.name()) && !stripped.isBlank()) {
        add(raw, analysis.tokens(stripped), j, false);
      }
      for (String s : l.synonyms()) {
        add(raw, analysis.tokens(s), j, false);
      }
    }
    this.forms = new HashMap<>(raw.size() * 2);
    for (Map.Entry<String, List<int[]>> e : raw.entrySet()) {
      long distinct = e.getValue().stream().mapToInt(a -> a[0]).distinct().count();
      List<Form> fs = new ArrayList<>();
      for (int[] a : e.getValue()) {
        fs.add(new Form(a[0], a[1] == 1, a[2], (int) distinct));
      }
      forms.put(e.getKey(), List.copyOf(fs));
    }
  }

  private static void add(Map<String, List<int[]>> raw, String[] tokens, int label,
      boolean preferred) {
    if (tokens.length == 0 || tokens.length > MAX_TOKENS) {
      return;
    }
    List<int[]> l = raw.computeIfAbsent(String.join(" ", tokens), k -> new ArrayList<>());
    for (int[] a : l) {
      if (a[0] == label) {
        a[1] = Math.max(a[1], preferred ? 1 : 0);
        return;
      }
    }
    l.add(new int[] {label, preferred ? 1 : 0, tokens.length});
  }

  /** The labels found in a text (title = its first line), with where and how often. */
  Found match(String text) {
    int nl = text.indexOf('\n');
    int titleTokens = nl < 0 ? 0 : analysis.tokens(text.substring(0, nl)).length;
    String[] t = analysis.tokens(text);
    Map<Integer, Match> found = new HashMap<>();
    for (int i = 0; i < t.length; i++) {
      StringBuilder key = new StringBuilder();
      for (int len = 1; len <= MAX_TOKENS && i + len <= t.length; len++) {
        if (len > 1) {
          key.append(' ');
        }
        key.append(t[i + len - 1]);
        List<Form> fs = forms.get(key.toString());
        if (fs == null) {
          continue;
        }
        for (Form f : fs) {
          Match m = found.computeIfAbsent(f.label(), Match::new);
          m.count++;
          m.first = Math.min(m.first, i);
          m.last = Math.max(m.last, i);
          m.maxTokens = Math.max(m.maxTokens, f.tokens());
          m.preferred |= f.preferred();
          m.inTitle |= i < titleTokens;
          m.minAmbiguity = Math.min(m.minAmbiguity, f.ambiguity());
        }
      }
    }
    List<Match> list = new ArrayList<>(found.values());
    list.sort((a, b) -> Integer.compare(a.label, b.label));
    return new Found(list, Math.max(1, t.length), titleTokens > 0);
  }

  record Found(List<Match> matches, int tokens, boolean hasTitle) {}
}
