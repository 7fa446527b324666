package org.classify4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.classify.ScoredLabel;
import org.classify4j.data.Document;

/** How predictions are shown on stdout: JSON lines (for programs) or a table (for people). */
enum PredictionFormat {
  JSON,
  TABLE;

  /** Scores as written: the float's shortest decimal form, not its double expansion. */
  static double clean(double score) {
    return Double.parseDouble(Float.toString((float) score));
  }

  /**
   * {@code {"id", "labels", "scores", "abstained"}}; scores holds the {@code top} best labels
   * (all when top &le; 0), best first.
   */
  static ObjectNode json(Document doc, Prediction p, ScoreMatrix s, int row, int top) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("id", doc.id());
    ArrayNode labels = n.putArray("labels");
    for (ScoredLabel l : p.labels()) {
      labels.add(l.label());
    }
    ObjectNode scores = n.putObject("scores");
    int k = top <= 0 ? s.cols() : Math.min(top, s.cols());
    for (int j : s.topColumns(row, k)) {
      scores.put(s.classes().name(j), clean(s.get(row, j)));
    }
    n.put("abstained", p.abstained());
    return n;
  }

  static String line(ObjectNode n) {
    try {
      return Json.mapper().writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a batch in this format; {@code first} says whether a table header is due. */
  void write(PrintWriter out, List<Document> docs, List<Prediction> preds, ScoreMatrix s, int top,
      boolean first) {
    if (this == JSON) {
      for (int i = 0; i < docs.size(); i++) {
        out.println(line(json(docs.get(i), preds.get(i), s, i, top)));
      }
    } else {
      if (first) {
        out.println(String.format("%-8s  %-24s  %-44s  %s", "ID", "LABELS", "TOP SCORES", "TEXT"));
      }
      for (int i = 0; i < docs.size(); i++) {
        Prediction p = preds.get(i);
        String labels = p.abstained() ? "(abstained)"
            : p.labels().isEmpty() ? "(none)" : String.join(",", p.labelNames());
        StringBuilder sc = new StringBuilder();
        int k = top <= 0 ? s.cols() : Math.min(top, s.cols());
        for (int j : s.topColumns(i, k)) {
          if (sc.length() > 0) {
            sc.append(' ');
          }
          sc.append(s.classes().name(j)).append('=')
              .append(String.format(java.util.Locale.ROOT, "%.2f", s.get(i, j)));
        }
        out.println(String.format("%-8s  %-24s  %-44s  %s", cut(docs.get(i).id(), 8),
            cut(labels, 24), cut(sc.toString(), 44), cut(docs.get(i).text(), 60)));
      }
    }
    out.flush();
  }

  static String cut(String s, int n) {
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() <= n ? t : t.substring(0, n - 1) + "…";
  }
}
