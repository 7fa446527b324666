package org.classify4j.data.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.io.LoadedDataset;

/**
 * Checks a data set, or a training and a test set, for what commonly spoils text classification:
 * label imbalance and rare labels, empty texts, duplicates (exact and after normalization), equal
 * texts with different labels, test texts that also occur in training (leakage), test labels that
 * training lacks; and describes text lengths.
 *
 * <p>Normalization for the "normalized" checks: lower case (root locale), punctuation (Unicode
 * category P) removed, runs of whitespace made one space, ends stripped. Counts:
 *
 * <ul>
 *   <li>{@code empty_texts}: examples whose text is empty or only whitespace;
 *   <li>{@code exact_duplicates}: examples whose text equals an earlier example's (count), in
 *       groups of equal texts (groups);
 *   <li>{@code normalized_duplicates}: the same after normalization (exact ones included);
 *   <li>{@code conflicting_labels}: groups of equal texts whose label sets differ (count = rows
 *       in such groups);
 *   <li>{@code exact_overlap}/{@code normalized_overlap}: test examples whose (normalized) text
 *       occurs in training; groups = distinct texts.
 * </ul>
 *
 * <p>Memory: a map over the distinct texts of each split. Not for streams of millions of texts.
 */
public final class DataChecks {
  private static final Pattern PUNCT = Pattern.compile("\\p{P}+");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  /**
   * @param rareThreshold labels with fewer examples than this are listed as rare
   * @param samples how many occurrences each issue shows
   */
  public record Options(int rareThreshold, int samples) {
    public Options {
      if (rareThreshold < 1) {
        throw new IllegalArgumentException("rareThreshold must be >= 1, got " + rareThreshold);
      }
      if (samples < 0) {
        throw new IllegalArgumentException("samples must be >= 0, got " + samples);
      }
    }

    /** Rare below 5 examples; 5 samples per issue. */
    public static Options defaults() {
      return new Options(5, 5);
    }
  }

  private final Options options;

  private DataChecks(Options options) {
    this.options = options;
  }

  public static DataCheckReport check(Split split) {
    return check(split, Options.defaults());
  }

  public static DataCheckReport check(Split split, Options options) {
    DataChecks c = new DataChecks(options);
    return new DataCheckReport(List.of(c.splitReport(split, c.index(split))), Optional.empty());
  }

  public static DataCheckReport check(Split train, Split test) {
    return check(train, test, Options.defaults());
  }

  /** Checks both splits and what lies between them. */
  public static DataCheckReport check(Split train, Split test, Options options) {
    DataChecks c = new DataChecks(options);
    TextIndex ti = c.index(train);
    TextIndex si = c.index(test);
    return new DataCheckReport(
        List.of(c.splitReport(train, ti), c.splitReport(test, si)),
        Optional.of(c.pairReport(train, ti, test, si)));
  }

  public static DataCheckReport check(LoadedDataset data) {
    return check(Split.of("data", data));
  }

  public static DataCheckReport check(LoadedDataset train, LoadedDataset test) {
    return check(Split.of("train", train), Split.of("test", test));
  }

  public static DataCheckReport check(Dataset data) {
    return check(Split.of("data", data));
  }

  /** The text as the normalized checks compare it. */
  public static String normalize(String text) {
    String s = text.toLowerCase(Locale.ROOT);
    s = PUNCT.matcher(s).replaceAll("");
    return SPACE.matcher(s).replaceAll(" ").strip();
  }

  /** Example positions by exact and by normalized text, in order of first appearance. */
  private record TextIndex(
      Map<String, List<Integer>> exact, Map<String, List<Integer>> normalized, String[] norm) {}

  private TextIndex index(Split s) {
    Dataset d = s.dataset();
    Map<String, List<Integer>> exact = new LinkedHashMap<>();
    Map<String, List<Integer>> normalized = new LinkedHashMap<>();
    String[] norm = new String[d.size()];
    for (int i = 0; i < d.size(); i++) {
      String t = d.get(i).document().text();
      exact.computeIfAbsent(t, k -> new ArrayList<>(1)).add(i);
      norm[i] = normalize(t);
      normalized.computeIfAbsent(norm[i], k -> new ArrayList<>(1)).add(i);
    }
    return new TextIndex(exact, normalized, norm);
  }

  private SplitReport splitReport(Split s, TextIndex idx) {
    Dataset d = s.dataset();
    int[] counts = d.labelCounts();
    List<LabelCount> labelCounts = new ArrayList<>(counts.length);
    List<String> unused = new ArrayList<>();
    List<LabelCount> rare = new ArrayList<>();
    int max = 0;
    int min = Integer.MAX_VALUE;
    for (int j = 0; j < counts.length; j++) {
      String name = d.labels().name(j);
      labelCounts.add(new LabelCount(name, counts[j]));
      if (counts[j] == 0) {
        unused.add(name);
      } else {
        max = Math.max(max, counts[j]);
        min = Math.min(min, counts[j]);
        if (counts[j] < options.rareThreshold()) {
          rare.add(new LabelCount(name, counts[j]));
        }
      }
    }
    rare.sort((a, b) -> a.count() != b.count() ? Integer.compare(a.count(), b.count())
        : a.label().compareTo(b.label()));
    double ratio = max == 0 ? 0 : (double) max / min;

    int unlabeled = 0;
    int several = 0;
    int[] chars = new int[d.size()];
    int[] words = new int[d.size()];
    List<Issue.Sample> emptySamples = new ArrayList<>();
    int empty = 0;
    for (int i = 0; i < d.size(); i++) {
      Example e = d.get(i);
      unlabeled += e.labels().isEmpty() ? 1 : 0;
      several += e.labels().size() > 1 ? 1 : 0;
      String t = e.document().text();
      chars[i] = t.codePointCount(0, t.length());
      words[i] = wordCount(t);
      if (t.isBlank()) {
        empty++;
        if (emptySamples.size() < options.samples()) {
          emptySamples.add(new Issue.Sample(List.of(s.ref(i)),
              t.isEmpty() ? "empty" : "whitespace only"));
        }
      }
    }
    List<Issue> issues = new ArrayList<>();
    issues.add(new Issue("empty_texts", "empty or whitespace-only texts", empty, empty,
        emptySamples));
    issues.add(duplicates(s, idx.exact(), "exact_duplicates", "exact duplicate texts"));
    issues.add(duplicates(s, idx.normalized(), "normalized_duplicates",
        "duplicates after normalization (incl. exact)"));
    issues.add(conflicts(s, idx.exact()));
    return new SplitReport(s.name(), s.source(), d.size(), d.labels().size(), d.multiLabel(),
        labelCounts, unlabeled, several, ratio, unused, rare, options.rareThreshold(), issues,
        LengthStats.of(chars), LengthStats.of(words));
  }

  private static int wordCount(String t) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < t.length(); i++) {
      boolean ws = Character.isWhitespace(t.charAt(i)) || Character.isSpaceChar(t.charAt(i));
      if (!ws && !in) {
        n++;
      }
      in = !ws;
    }
    return n;
  }

  private Issue duplicates(Split s, Map<String, List<Integer>> groups, String code, String title) {
    int count = 0;
    int groupCount = 0;
    List<Issue.Sample> samples = new ArrayList<>();
    for (List<Integer> g : groups.values()) {
      if (g.size() > 1) {
        count += g.size() - 1;
        groupCount++;
        if (samples.size() < options.samples()) {
          samples.add(sample(s, g, g.size() + " copies"));
        }
      }
    }
    return new Issue(code, title, count, groupCount, samples);
  }

  private Issue conflicts(Split s, Map<String, List<Integer>> exact) {
    Dataset d = s.dataset();
    int rows = 0;
    int groups = 0;
    List<Issue.Sample> samples = new ArrayList<>();
    for (List<Integer> g : exact.values()) {
      if (g.size() < 2) {
        continue;
      }
      TreeSet<String> first = new TreeSet<>(d.get(g.get(0)).labels());
      List<String> sets = new ArrayList<>();
      boolean conflict = false;
      for (int i : g) {
        TreeSet<String> ls = new TreeSet<>(d.get(i).labels());
        conflict |= !ls.equals(first);
        String shown = shownSet(ls);
        if (!sets.contains(shown)) {
          sets.add(shown);
        }
      }
      if (conflict) {
        groups++;
        rows += g.size();
        if (samples.size() < options.samples()) {
          samples.add(sample(s, g, "labels " + String.join(" vs ", sets)));
        }
      }
    }
    return new Issue("conflicting_labels", "equal texts with different labels", rows, groups,
        samples);
  }

  private static String shownSet(TreeSet<String> labels) {
    if (labels.size() <= 6) {
      return labels.toString();
    }
    List<String> first = new ArrayList<>(labels).subList(0, 5);
    return "[" + String.join(", ", first) + ", ... " + labels.size() + " labels]";
  }

  private Issue.Sample sample(Split s, List<Integer> positions, String note) {
    List<Ref> refs = new ArrayList<>();
    for (int k = 0; k < positions.size() && k < 4; k++) {
      refs.add(s.ref(positions.get(k)));
    }
    String more = positions.size() > 4 ? ", and " + (positions.size() - 4) + " more" : "";
    return new Issue.Sample(refs, note + more);
  }

  private PairReport pairReport(Split train, TextIndex ti, Split test, TextIndex si) {
    Dataset te = test.dataset();
    Issue exact = overlap(train, ti.exact(), test, si.exact(), "exact_overlap",
        "test texts also in train");
    Issue norm = overlap(train, ti.normalized(), test, si.normalized(), "normalized_overlap",
        "test texts also in train after normalization (incl. exact)");
    Map<String, Integer> trainCounts = new HashMap<>();
    for (Example e : train.dataset().examples()) {
      for (String l : e.labels()) {
        trainCounts.merge(l, 1, Integer::sum);
      }
    }
    Map<String, Integer> missing = new LinkedHashMap<>();
    int rows = 0;
    for (Example e : te.examples()) {
      boolean any = false;
      for (String l : e.labels()) {
        if (!trainCounts.containsKey(l)) {
          missing.merge(l, 1, Integer::sum);
          any = true;
        }
      }
      rows += any ? 1 : 0;
    }
    List<LabelCount> missingList = new ArrayList<>();
    missing.forEach((l, c) -> missingList.add(new LabelCount(l, c)));
    missingList.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count())
        : a.label().compareTo(b.label()));
    return new PairReport(train.name(), test.name(), List.of(exact, norm), missingList, rows);
  }

  private Issue overlap(Split train, Map<String, List<Integer>> trainIdx, Split test,
      Map<String, List<Integer>> testIdx, String code, String title) {
    int rows = 0;
    int groups = 0;
    List<Issue.Sample> samples = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : testIdx.entrySet()) {
      List<Integer> inTrain = trainIdx.get(e.getKey());
      if (inTrain == null) {
        continue;
      }
      rows += e.getValue().size();
      groups++;
      if (samples.size() < options.samples()) {
        List<Ref> refs = new ArrayList<>();
        refs.add(test.ref(e.getValue().get(0)));
        refs.add(train.ref(inTrain.get(0)));
        samples.add(new Issue.Sample(refs,
            e.getValue().size() + " in " + test.name() + ", " + inTrain.size() + " in "
                + train.name()));
      }
    }
    return new Issue(code, title, rows, groups, samples);
  }
}
