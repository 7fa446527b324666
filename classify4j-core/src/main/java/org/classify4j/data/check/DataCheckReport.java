package org.classify4j.data.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.classify4j.Json;

/**
 * The findings of {@link DataChecks}: one report per split and, for a train/test pair, what lies
 * between them. {@link #toText()} is for people (aligned columns, a few examples of each issue by
 * split, id and line, never the texts); {@link #toJson()} for programs.
 */
public record DataCheckReport(List<SplitReport> splits, Optional<PairReport> pair) {
  private static final int SHOWN_LABELS = 5;

  public DataCheckReport {
    splits = List.copyOf(splits);
    Objects.requireNonNull(pair, "pair");
  }

  /** The report of the split with this name. */
  public SplitReport split(String name) {
    return splits.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no split '" + name + "'"));
  }

  /** Every issue found (count > 0), split issues first. */
  public List<Issue> found() {
    List<Issue> out = new ArrayList<>();
    for (SplitReport s : splits) {
      s.issues().stream().filter(Issue::found).forEach(out::add);
    }
    pair.ifPresent(p -> p.issues().stream().filter(Issue::found).forEach(out::add));
    return out;
  }

  /** A human-readable report. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    for (SplitReport s : splits) {
      b.append("== ").append(s.name()).append(": ").append(s.examples()).append(" examples");
      if (!s.source().isEmpty()) {
        b.append(" (").append(s.source()).append(')');
      }
      b.append('\n');
      row(b, "labels", s.labelSpaceSize() + " in label space, " + s.labelsUsed() + " used, "
          + (s.multiLabel() ? "multi-label" : "single-label"));
      row(b, "unlabeled", Integer.toString(s.unlabeled()));
      if (s.multiLabel()) {
        row(b, "with several labels", Integer.toString(s.withSeveralLabels()));
      }
      List<LabelCount> used = new ArrayList<>();
      s.labelCounts().stream().filter(c -> c.count() > 0).forEach(used::add);
      if (!used.isEmpty()) {
        used.sort(Comparator.comparingInt(LabelCount::count).thenComparing(LabelCount::label));
        int min = used.get(0).count();
        int max = used.get(used.size() - 1).count();
        row(b, "examples per label", "min " + min + ", max " + max + ", imbalance ratio "
            + String.format(Locale.ROOT, "%.2f", s.imbalanceRatio()) + " (max/min)");
        row(b, "fewest", join(used.subList(0, Math.min(SHOWN_LABELS, used.size())), used.size()));
        List<LabelCount> top = new ArrayList<>(used.subList(
            Math.max(0, used.size() - SHOWN_LABELS), used.size()));
        java.util.Collections.reverse(top);
        row(b, "most", join(top, used.size()));
      }
      row(b, "rare (< " + s.rareThreshold() + ")", s.rareLabels().isEmpty() ? "none"
          : s.rareLabels().size() + " labels: " + join(s.rareLabels(), s.rareLabels().size()));
      row(b, "unused labels", s.unusedLabels().isEmpty() ? "none"
          : s.unusedLabels().size() + ": " + String.join(", ", s.unusedLabels().subList(0,
              Math.min(SHOWN_LABELS, s.unusedLabels().size())))
              + (s.unusedLabels().size() > SHOWN_LABELS ? ", ..." : ""));
      row(b, "length (chars)", stats(s.chars()));
      row(b, "length (words)", stats(s.words()));
      for (Issue i : s.issues()) {
        issue(b, i);
      }
      b.append('\n');
    }
    pair.ifPresent(p -> {
      b.append("== ").append(p.train()).append(" vs ").append(p.test()).append('\n');
      for (Issue i : p.issues()) {
        issue(b, i);
      }
      row(b, p.test() + " labels not in " + p.train(), p.testLabelsMissingInTrain().isEmpty()
          ? "none"
          : p.testLabelsMissingInTrain().size() + " labels on " + p.testExamplesWithUnseenLabels()
              + " " + p.test() + " examples: " + join(p.testLabelsMissingInTrain(),
                  p.testLabelsMissingInTrain().size()));
    });
    return b.toString();
  }

  private static void row(StringBuilder b, String key, String value) {
    b.append(String.format(Locale.ROOT, "  %-26s %s%n", key, value));
  }

  private static void issue(StringBuilder b, Issue i) {
    String v;
    if (!i.found()) {
      v = "0";
    } else if (i.groups() == i.count()) {
      v = Integer.toString(i.count());
    } else if (i.code().equals("conflicting_labels")) {
      v = i.groups() + (i.groups() == 1 ? " text (" : " texts (") + i.count() + " examples)";
    } else {
      v = i.count() + " examples, " + i.groups() + " distinct texts";
    }
    row(b, i.title().length() > 26 ? shortTitle(i) : i.title(), v);
    for (Issue.Sample s : i.samples()) {
      b.append(String.format(Locale.ROOT, "  %-26s   e.g. %s%n", "", s));
    }
  }

  private static String shortTitle(Issue i) {
    switch (i.code()) {
      case "empty_texts":
        return "empty texts";
      case "exact_duplicates":
        return "exact duplicates";
      case "normalized_duplicates":
        return "normalized duplicates";
      case "conflicting_labels":
        return "conflicting labels";
      case "exact_overlap":
        return "overlap (exact)";
      case "normalized_overlap":
        return "overlap (normalized)";
      default:
        return i.code();
    }
  }

  private static String join(List<LabelCount> shown, int total) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < shown.size() && k < SHOWN_LABELS; k++) {
      if (k > 0) {
        b.append(", ");
      }
      b.append(shown.get(k));
    }
    if (total > Math.min(shown.size(), SHOWN_LABELS)) {
      b.append(", ...");
    }
    return b.toString();
  }

  private static String stats(LengthStats s) {
    return String.format(Locale.ROOT, "min %d  p50 %d  p90 %d  p99 %d  max %d  mean %.1f",
        s.min(), s.p50(), s.p90(), s.p99(), s.max(), s.mean());
  }

  /** The report as JSON (every count; label counts in full; samples as in the text report). */
  public ObjectNode toJson() {
    ObjectNode root = Json.mapper().createObjectNode();
    ArrayNode ss = root.putArray("splits");
    for (SplitReport s : splits) {
      ObjectNode o = ss.addObject();
      o.put("name", s.name());
      o.put("source", s.source());
      o.put("examples", s.examples());
      o.put("labelSpaceSize", s.labelSpaceSize());
      o.put("labelsUsed", s.labelsUsed());
      o.put("multiLabel", s.multiLabel());
      o.put("unlabeled", s.unlabeled());
      o.put("withSeveralLabels", s.withSeveralLabels());
      o.put("imbalanceRatio", s.imbalanceRatio());
      ObjectNode lc = o.putObject("labelCounts");
      s.labelCounts().forEach(c -> lc.put(c.label(), c.count()));
      o.put("rareThreshold", s.rareThreshold());
      ObjectNode rare = o.putObject("rareLabels");
      s.rareLabels().forEach(c -> rare.put(c.label(), c.count()));
      ArrayNode unused = o.putArray("unusedLabels");
      s.unusedLabels().forEach(unused::add);
      o.set("chars", statsJson(s.chars()));
      o.set("words", statsJson(s.words()));
      ObjectNode is = o.putObject("issues");
      s.issues().forEach(i -> is.set(i.code(), issue(i)));
    }
    pair.ifPresent(p -> {
      ObjectNode o = root.putObject("pair");
      o.put("train", p.train());
      o.put("test", p.test());
      ObjectNode is = o.putObject("issues");
      p.issues().forEach(i -> is.set(i.code(), issue(i)));
      ObjectNode m = o.putObject("testLabelsMissingInTrain");
      p.testLabelsMissingInTrain().forEach(c -> m.put(c.label(), c.count()));
      o.put("testExamplesWithUnseenLabels", p.testExamplesWithUnseenLabels());
    });
    return root;
  }

  private static ObjectNode statsJson(LengthStats s) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("min", s.min());
    o.put("p50", s.p50());
    o.put("p90", s.p90());
    o.put("p99", s.p99());
    o.put("max", s.max());
    o.put("mean", s.mean());
    return o;
  }

  private static ObjectNode issue(Issue i) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("title", i.title());
    o.put("count", i.count());
    o.put("groups", i.groups());
    ArrayNode samples = o.putArray("samples");
    for (Issue.Sample s : i.samples()) {
      ObjectNode so = samples.addObject();
      ArrayNode refs = so.putArray("examples");
      for (Ref r : s.refs()) {
        ObjectNode ro = refs.addObject();
        ro.put("split", r.split());
        ro.put("id", r.id());
        ro.put("line", r.line());
      }
      so.put("note", s.note());
    }
    return o;
  }
}
