package org.classify4j.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classify4j.Json;

/**
 * Per-label precision/recall/F1/support (labels present in the gold or decided sets, in
 * label-space order), the four averages, and the headline metrics of {@link Metrics#names()}.
 */
public record ClassificationReport(
    int documents,
    boolean multiLabel,
    List<LabelRow> labels,
    Map<Average, Prf> averages,
    Map<String, Double> headline) {

  /** One label's line. */
  public record LabelRow(String label, double precision, double recall, double f1, int support) {}

  public ClassificationReport {
    labels = List.copyOf(labels);
    averages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(averages));
    headline = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headline));
  }

  public static ClassificationReport of(EvalData d) {
    LabelStats s = LabelStats.of(d);
    List<LabelRow> rows = new ArrayList<>();
    for (int j = 0; j < s.labels(); j++) {
      if (s.present(j)) {
        rows.add(new LabelRow(d.labels().name(j), s.precision(j), s.recall(j), s.f1(j), s.support(j)));
      }
    }
    Map<Average, Prf> avg = new LinkedHashMap<>();
    for (Average a : Average.values()) {
      avg.put(a, Metrics.average(d, s, a));
    }
    return new ClassificationReport(d.size(), d.multiLabel(), rows, avg, Metrics.all(d));
  }

  /** An aligned plain-text table for terminals. */
  public String toText() {
    int w = "weighted avg".length();
    for (LabelRow r : labels) {
      w = Math.max(w, Math.min(60, r.label().length()));
    }
    StringBuilder b = new StringBuilder();
    String head = "%-" + w + "s  %9s  %9s  %9s  %9s%n";
    String line = "%-" + w + "s  %9.4f  %9.4f  %9.4f  %9d%n";
    b.append(String.format(Locale.ROOT, head, "", "precision", "recall", "f1", "support"));
    b.append('\n');
    long support = 0;
    for (LabelRow r : labels) {
      String name = r.label().length() > 60 ? r.label().substring(0, 59) + "…" : r.label();
      b.append(String.format(Locale.ROOT, line, name, r.precision(), r.recall(), r.f1(), r.support()));
      support += r.support();
    }
    b.append('\n');
    for (Map.Entry<Average, Prf> e : averages.entrySet()) {
      Prf p = e.getValue();
      b.append(String.format(Locale.ROOT, line, e.getKey().key() + " avg", p.precision(),
          p.recall(), p.f1(), support));
    }
    b.append('\n');
    int kw = 0;
    for (String k : headline.keySet()) {
      kw = Math.max(kw, k.length());
    }
    b.append(String.format(Locale.ROOT, "%-" + kw + "s  %d%n", "documents", documents));
    for (Map.Entry<String, Double> e : headline.entrySet()) {
      b.append(String.format(Locale.ROOT, "%-" + kw + "s  %.4f%n", e.getKey(), e.getValue()));
    }
    return b.toString();
  }

  /**
   * JSON: {@code documents}, {@code multi_label}, every headline metric under its name, {@code
   * averages} ({@code micro|macro|weighted|samples → precision, recall, f1}) and {@code labels}
   * (array of {@code label, precision, recall, f1, support}).
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("documents", documents);
    o.put("multi_label", multiLabel);
    headline.forEach(o::put);
    ObjectNode av = o.putObject("averages");
    averages.forEach((k, p) -> {
      ObjectNode a = av.putObject(k.key());
      a.put("precision", p.precision());
      a.put("recall", p.recall());
      a.put("f1", p.f1());
    });
    ArrayNode arr = o.putArray("labels");
    for (LabelRow r : labels) {
      ObjectNode x = arr.addObject();
      x.put("label", r.label());
      x.put("precision", r.precision());
      x.put("recall", r.recall());
      x.put("f1", r.f1());
      x.put("support", r.support());
    }
    return o;
  }
}
