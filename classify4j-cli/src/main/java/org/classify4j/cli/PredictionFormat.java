package org.classify4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;

/** How classify shows predictions: JSON lines (for programs) or a table (for people). */
enum PredictionFormat {
  JSON,
  TABLE;

  /** Writes a batch in this format; {@code first} says whether a table header is due. */
  void write(PrintWriter out, List<Document> docs, List<Prediction> preds, ScoreMatrix s, int top,
      boolean first) {
    if (this == JSON) {
      throw new IllegalStateException("JSON goes through PredictionOutput");
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
