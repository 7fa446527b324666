package org.classify4j.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.classify4j.Classify4jException;
import org.classify4j.Version;
import org.classify4j.eval.Average;
import org.classify4j.eval.Bootstrap;
import org.classify4j.eval.Calibration;
import org.classify4j.eval.ConfusionMatrix;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.LabelStats;
import org.classify4j.eval.Metrics;
import org.classify4j.eval.Prf;
import org.classify4j.eval.RiskCoverageCurve;
import org.classify4j.eval.ThresholdCurve;

/**
 * One self-contained HTML page about an evaluation: no scripts, no external styles or fonts, no
 * network; charts are inline SVG generated here. Sections (each a {@code <section id=…>}):
 * {@code summary}, {@code metrics} (headline metrics; with several runs mean ± sd, with one run
 * bootstrap 95 % intervals for the set metrics), {@code confusion} (single-label: heatmap of the
 * most confused labels and a top-confusions table), {@code per-label} (F1 bars, worst first,
 * truncated for many labels), {@code pr-curve}, {@code threshold-curves}, {@code reliability} and
 * {@code risk-coverage}. Several runs (folds, few-shot draws, seeds) are drawn as one line each;
 * the confusion matrix and the reliability diagram pool all runs. Label names and all other text
 * are escaped.
 */
public final class HtmlReport {
  private final String title;
  private final List<EvalData> runs;
  private final Map<String, String> info;
  private final int confusionLabels;
  private final int f1Bars;

  private HtmlReport(
      String title, List<EvalData> runs, Map<String, String> info, int confusionLabels, int f1Bars) {
    this.title = Objects.requireNonNull(title, "title");
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one evaluation");
    }
    for (EvalData d : runs) {
      if (!d.labels().equals(runs.get(0).labels()) || d.multiLabel() != runs.get(0).multiLabel()) {
        throw new IllegalArgumentException("all runs of a report must share labels and kind");
      }
    }
    this.runs = List.copyOf(runs);
    this.info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
    if (confusionLabels < 2 || f1Bars < 2) {
      throw new IllegalArgumentException("limits must be ≥ 2");
    }
    this.confusionLabels = confusionLabels;
    this.f1Bars = f1Bars;
  }

  public static HtmlReport of(String title, EvalData data) {
    return of(title, List.of(data));
  }

  /** A report over several runs of the same setup (folds, seeds, few-shot draws). */
  public static HtmlReport of(String title, List<EvalData> runs) {
    return new HtmlReport(title, runs, Map.of(), 20, 60);
  }

  /** Extra lines for the summary table (model, dataset, parameters, …), in order. */
  public HtmlReport withInfo(Map<String, String> info) {
    return new HtmlReport(title, runs, info, confusionLabels, f1Bars);
  }

  /** At most {@code confusionLabels} labels in the heatmap and {@code f1Bars} bars. */
  public HtmlReport withLimits(int confusionLabels, int f1Bars) {
    return new HtmlReport(title, runs, info, confusionLabels, f1Bars);
  }

  public void writeTo(Path file) {
    try {
      Files.writeString(file, toHtml(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Classify4jException("cannot write report " + file + ": " + e.getMessage(), e);
    }
  }

  private static final String CSS = String.join("\n",
      "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:24px auto;max-width:1280px;color:#222;padding:0 16px}",
      "h1{font-size:1.6em;margin-bottom:4px}h2{font-size:1.2em;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}",
      "table{border-collapse:collapse;font-size:.9em}td,th{padding:3px 10px;text-align:left;border-bottom:1px solid #eee}",
      "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}",
      ".charts{display:flex;flex-wrap:wrap;gap:16px}.note{color:#666;font-size:.85em;max-width:900px}",
      "svg{background:#fff;font-size:11px}svg .grid{stroke:#eee}svg .frame{fill:none;stroke:#999}",
      "svg .tick{fill:#666}svg .axis{fill:#333;font-size:12px}svg .ct{text-anchor:middle;font-weight:600;font-size:13px}",
      "svg .legend{fill:#333}.metrics{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px;margin:8px 0 12px}",
      ".card{border:1px solid #e3e3e3;border-radius:6px;padding:8px 10px}.card .k{color:#666;font-size:.8em}.card .v{font-size:1.25em;font-weight:600}",
      ".row{display:flex;flex-wrap:wrap;gap:0 28px}.row>section{flex:1 1 520px;min-width:0}",
      ".card .ci{color:#888;font-size:.75em}footer{margin-top:40px;color:#999;font-size:.8em}");

  /** The whole page. */
  public String toHtml() {
    EvalData pooled = runs.size() == 1 ? runs.get(0) : EvalData.concat(runs);
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Svg.esc(title)).append("</title>\n<style>\n").append(CSS)
        .append("\n</style>\n</head>\n<body>\n");
    b.append("<h1>").append(Svg.esc(title)).append("</h1>\n");
    summary(b, pooled);
    metrics(b);
    confusion(b, pooled);
    perLabel(b);
    b.append("<div class=\"row\">\n");
    prCurves(b);
    thresholdCurves(b, pooled);
    b.append("</div>\n<div class=\"row\">\n");
    reliability(b, pooled);
    riskCoverage(b);
    b.append("</div>\n");
    b.append("<footer>classify4j ").append(Svg.esc(Version.get()))
        .append(" · self-contained report, no scripts</footer>\n</body>\n</html>\n");
    return b.toString();
  }

  private void summary(StringBuilder b, EvalData pooled) {
    b.append("<section id=\"summary\">\n<table>\n");
    row(b, "documents", runs.size() == 1 ? String.valueOf(pooled.size())
        : pooled.size() + " in " + runs.size() + " runs");
    row(b, "labels", String.valueOf(pooled.labels().size()));
    row(b, "kind", pooled.multiLabel() ? "multi-label" : "single-label");
    if (pooled.abstentions() > 0) {
      row(b, "abstained", String.valueOf(pooled.abstentions()));
    }
    info.forEach((k, v) -> row(b, k, v));
    b.append("</table>\n</section>\n");
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("<tr><th>").append(Svg.esc(k)).append("</th><td>").append(Svg.esc(v))
        .append("</td></tr>\n");
  }

  private static final List<String> CI_METRICS =
      List.of("accuracy", "macro_f1", "micro_f1", "samples_f1");

  private void metrics(StringBuilder b) {
    b.append("<section id=\"metrics\">\n<h2>Metrics</h2>\n<div class=\"metrics\">\n");
    List<Map<String, Double>> all = new ArrayList<>();
    for (EvalData d : runs) {
      all.add(Metrics.all(d));
    }
    for (String name : all.get(0).keySet()) { // hierarchical metrics only over a label tree
      double[] v = new double[runs.size()];
      for (int r = 0; r < v.length; r++) {
        v[r] = all.get(r).get(name);
      }
      b.append("<div class=\"card\" data-metric=\"").append(name).append("\"><div class=\"k\">")
          .append(name).append("</div><div class=\"v\">");
      if (runs.size() == 1) {
        b.append(Svg.f3(v[0])).append("</div>");
        if (CI_METRICS.contains(name) && runs.get(0).size() > 1) {
          Bootstrap.Interval ci =
              new Bootstrap(200, 0.95, 0).interval(runs.get(0), Metrics.byName(name));
          b.append("<div class=\"ci\">95% CI ").append(Svg.f3(ci.lower())).append("–")
              .append(Svg.f3(ci.upper())).append("</div>");
        }
      } else {
        double[] ms = meanSd(v);
        b.append(Svg.f3(ms[0])).append(" <span class=\"ci\">± ").append(Svg.f3(ms[1]))
            .append("</span></div>");
      }
      b.append("</div>\n");
    }
    b.append("</div>\n<p class=\"note\">Ratios with a zero denominator count as 0. ");
    if (runs.size() == 1) {
      b.append("Intervals: percentile bootstrap, 200 resamples, seed 0.");
    } else {
      b.append("Mean ± sample standard deviation over ").append(runs.size()).append(" runs.");
    }
    b.append("</p>\n</section>\n");
  }

  static double[] meanSd(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return new double[] {m, v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0};
  }

  // ------------------------------------------------------------------- confusion heatmap

  private void confusion(StringBuilder b, EvalData pooled) {
    b.append("<section id=\"confusion\">\n<h2>Confusion matrix</h2>\n");
    if (pooled.multiLabel()) {
      b.append("<p class=\"note\">A confusion matrix needs single-label data; see the per-label "
          + "scores below.</p>\n</section>\n");
      return;
    }
    ConfusionMatrix cm = ConfusionMatrix.of(pooled);
    int[] focus = cm.focusLabels(confusionLabels);
    int m = focus.length;
    int cell = Math.max(14, Math.min(34, 560 / Math.max(1, m)));
    int longest = 1;
    for (int j : focus) {
      longest = Math.max(longest, cm.labels().name(j).length());
    }
    int left = 16 + 7 * Math.min(22, longest);
    int top = 16 + (int) Math.round(5.6 * Math.min(18, longest));
    int w = left + cell * m + 90, h = top + cell * m + 40;
    b.append("<svg id=\"confusion-heatmap\" width=\"").append(w).append("\" height=\"").append(h)
        .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
        .append("\" role=\"img\" aria-label=\"confusion matrix\">");
    b.append("<title>confusion matrix</title>");
    for (int a = 0; a < m; a++) {
      long rowTotal = cm.undecided(focus[a]);
      for (long[] c : cm.cells()) {
        if (c[0] == focus[a]) {
          rowTotal += c[2];
        }
      }
      String gold = cm.labels().name(focus[a]);
      double y = top + a * cell;
      b.append("<text x=\"").append(left - 6).append("\" y=\"").append(Svg.f(y + cell / 2.0 + 4))
          .append("\" text-anchor=\"end\">").append(Svg.shortName(gold, 22)).append("<title>")
          .append(Svg.esc(gold)).append("</title></text>");
      for (int p = 0; p < m; p++) {
        long c = cm.count(focus[a], focus[p]);
        double share = rowTotal == 0 ? 0 : (double) c / rowTotal;
        String pred = cm.labels().name(focus[p]);
        double x = left + p * cell;
        b.append("<rect x=\"").append(Svg.f(x)).append("\" y=\"").append(Svg.f(y))
            .append("\" width=\"").append(cell - 1).append("\" height=\"").append(cell - 1)
            .append("\" fill=\"").append(heat(share, a == p)).append("\"><title>")
            .append(Svg.esc(gold)).append(" → ").append(Svg.esc(pred)).append(": ").append(c)
            .append(" (").append(String.format(Locale.ROOT, "%.0f%%", 100 * share))
            .append(" of the row)</title></rect>");
        if (c > 0 && cell >= 20) {
          b.append("<text x=\"").append(Svg.f(x + cell / 2.0)).append("\" y=\"")
              .append(Svg.f(y + cell / 2.0 + 4)).append("\" text-anchor=\"middle\" fill=\"")
              .append(share > 0.5 ? "#fff" : "#222").append("\" font-size=\"10\">").append(c)
              .append("</text>");
        }
      }
      b.append("<text x=\"").append(left + m * cell + 6).append("\" y=\"")
          .append(Svg.f(y + cell / 2.0 + 4)).append("\" fill=\"#888\">n=").append(rowTotal)
          .append("</text>");
    }
    for (int p = 0; p < m; p++) {
      String pred = cm.labels().name(focus[p]);
      double x = left + p * cell + cell / 2.0;
      b.append("<text transform=\"translate(").append(Svg.f(x)).append(',').append(top - 6)
          .append(") rotate(-50)\">").append(Svg.shortName(pred, 18)).append("<title>")
          .append(Svg.esc(pred)).append("</title></text>");
    }
    b.append("<text x=\"").append(left + m * cell / 2).append("\" y=\"").append(h - 12)
        .append("\" text-anchor=\"middle\" class=\"axis\">rows: gold label · columns: decided label")
        .append("</text></svg>\n");
    b.append("<p class=\"note\">");
    if (focus.length < cm.size()) {
      b.append("Showing ").append(m).append(" of ").append(cm.size())
          .append(" labels: those involved in the largest confusions. ");
    }
    b.append("Colour: share of the gold label's documents (row). n counts all the row's documents, "
        + "including those decided outside the shown labels or not at all.</p>\n");
    List<ConfusionMatrix.Confusion> largest = cm.topConfusions(15);
    if (!largest.isEmpty()) {
      b.append("<table id=\"top-confusions\"><tr><th>gold</th><th>decided as</th>"
          + "<th class=\"num\">documents</th></tr>\n");
      for (ConfusionMatrix.Confusion c : largest) {
        b.append("<tr><td>").append(Svg.esc(c.gold())).append("</td><td>")
            .append(Svg.esc(c.predicted())).append("</td><td class=\"num\">").append(c.count())
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("</section>\n");
  }

  /** Blue scale for the diagonal, red scale off it; white at 0. */
  static String heat(double share, boolean diagonal) {
    double s = Math.max(0, Math.min(1, share));
    int[] to = diagonal ? new int[] {31, 119, 180} : new int[] {214, 39, 40};
    int r = (int) Math.round(255 + (to[0] - 255) * s);
    int g = (int) Math.round(255 + (to[1] - 255) * s);
    int bl = (int) Math.round(255 + (to[2] - 255) * s);
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
  }

  // ---------------------------------------------------------------------- per-label F1

  private void perLabel(StringBuilder b) {
    b.append("<section id=\"per-label\">\n<h2>F1 per label</h2>\n");
    int k = runs.get(0).labels().size();
    List<LabelStats> stats = new ArrayList<>();
    for (EvalData d : runs) {
      stats.add(LabelStats.of(d));
    }
    List<double[]> rows = new ArrayList<>(); // {label, mean f1, sd, support}
    for (int j = 0; j < k; j++) {
      List<Double> f = new ArrayList<>();
      long support = 0;
      for (LabelStats s : stats) {
        if (s.present(j)) {
          f.add(s.f1(j));
        }
        support += s.support(j);
      }
      if (f.isEmpty()) {
        continue;
      }
      double[] ms = meanSd(f.stream().mapToDouble(Double::doubleValue).toArray());
      rows.add(new double[] {j, ms[0], ms[1], support});
    }
    rows.sort((x, y) -> x[1] != y[1] ? Double.compare(x[1], y[1]) : Double.compare(y[3], x[3]));
    List<double[]> shown = new ArrayList<>();
    int omitted = 0;
    if (rows.size() <= f1Bars) {
      shown.addAll(rows);
    } else {
      int worst = f1Bars * 2 / 3;
      int best = f1Bars - worst;
      shown.addAll(rows.subList(0, worst));
      shown.add(null);
      shown.addAll(rows.subList(rows.size() - best, rows.size()));
      omitted = rows.size() - worst - best;
    }
    int rowH = 16, left = 220, barW = 420, top = 20;
    int h = top + rowH * shown.size() + 30;
    int w = left + barW + 130;
    b.append("<svg id=\"f1-bars\" width=\"").append(w).append("\" height=\"").append(h)
        .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
        .append("\" role=\"img\" aria-label=\"F1 per label\"><title>F1 per label</title>");
    for (int t = 0; t <= 4; t++) {
      double x = left + barW * t / 4.0;
      b.append("<line class=\"grid\" x1=\"").append(Svg.f(x)).append("\" y1=\"").append(top - 4)
          .append("\" x2=\"").append(Svg.f(x)).append("\" y2=\"").append(h - 24).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(Svg.f(x)).append("\" y=\"").append(h - 10)
          .append("\" text-anchor=\"middle\">").append(String.format(Locale.ROOT, "%.2f", t / 4.0))
          .append("</text>");
    }
    for (int i = 0; i < shown.size(); i++) {
      double[] r = shown.get(i);
      double y = top + i * rowH;
      if (r == null) {
        b.append("<text x=\"").append(left).append("\" y=\"").append(Svg.f(y + 12))
            .append("\" fill=\"#888\">… ").append(omitted).append(" labels not shown …</text>");
        continue;
      }
      String name = runs.get(0).labels().name((int) r[0]);
      double bw = barW * Svg.clamp(r[1]);
      b.append("<text x=\"").append(left - 6).append("\" y=\"").append(Svg.f(y + 12))
          .append("\" text-anchor=\"end\">").append(Svg.shortName(name, 30)).append("<title>")
          .append(Svg.esc(name)).append("</title></text>");
      b.append("<rect class=\"bar\" x=\"").append(left).append("\" y=\"").append(Svg.f(y + 2))
          .append("\" width=\"").append(Svg.f(Math.max(bw, 0.5))).append("\" height=\"")
          .append(rowH - 4).append("\" fill=\"").append(r[1] < 0.5 ? "#d62728" : "#1f77b4")
          .append("\"><title>").append(Svg.esc(name)).append(": F1 ").append(Svg.f3(r[1]));
      if (runs.size() > 1) {
        b.append(" ± ").append(Svg.f3(r[2]));
      }
      b.append(", support ").append((long) r[3]).append("</title></rect>");
      if (runs.size() > 1 && r[2] > 0) {
        double x1 = left + barW * Svg.clamp(r[1] - r[2]);
        double x2 = left + barW * Svg.clamp(r[1] + r[2]);
        b.append("<line x1=\"").append(Svg.f(x1)).append("\" x2=\"").append(Svg.f(x2))
            .append("\" y1=\"").append(Svg.f(y + rowH / 2.0)).append("\" y2=\"")
            .append(Svg.f(y + rowH / 2.0)).append("\" stroke=\"#333\"/>");
      }
      b.append("<text x=\"").append(Svg.f(left + barW + 6)).append("\" y=\"").append(Svg.f(y + 12))
          .append("\">").append(Svg.f3(r[1]));
      if (runs.size() > 1) {
        b.append(" ± ").append(Svg.f3(r[2]));
      }
      b.append(" <tspan fill=\"#888\">(n=").append((long) r[3]).append(")</tspan></text>");
    }
    b.append("</svg>\n<p class=\"note\">Worst first. ");
    if (omitted > 0) {
      b.append("With ").append(rows.size()).append(" labels only the ")
          .append(f1Bars * 2 / 3).append(" worst and ").append(f1Bars - f1Bars * 2 / 3)
          .append(" best are drawn. ");
    }
    b.append("Labels that occur neither in the gold nor in the decided labels are left out; "
        + "n is the gold support.</p>\n</section>\n");
  }

  // ---------------------------------------------------------------------------- curves

  private void prCurves(StringBuilder b) {
    b.append("<section id=\"pr-curve\">\n<h2>Precision–recall</h2>\n<div class=\"charts\">");
    List<Svg.Series> series = new ArrayList<>();
    double[] ap = new double[runs.size()];
    for (int r = 0; r < runs.size(); r++) {
      ThresholdCurve c = ThresholdCurve.micro(runs.get(r));
      ap[r] = c.averagePrecision();
      series.add(new Svg.Series(runs.size() == 1 ? "micro" : "micro (a line per run)",
          Svg.COLORS[0], c.recalls(), c.precisions(), runs.size() > 1));
    }
    List<double[]> points = new ArrayList<>();
    for (EvalData d : runs) {
      Prf micro = Metrics.average(d, Average.MICRO);
      points.add(new double[] {micro.recall(), micro.precision()});
    }
    Svg.Extra dots = (pw, ph) -> {
      StringBuilder s = new StringBuilder();
      for (double[] p : points) {
        s.append("<circle class=\"operating-point\" cx=\"").append(Svg.f(Svg.clamp(p[0]) * pw))
            .append("\" cy=\"").append(Svg.f((1 - Svg.clamp(p[1])) * ph))
            .append("\" r=\"5\" fill=\"#d62728\" stroke=\"#fff\"><title>decisions: precision ")
            .append(Svg.f3(p[1])).append(", recall ").append(Svg.f3(p[0]))
            .append("</title></circle>");
      }
      return s.toString();
    };
    b.append(Svg.lineChart("pr-chart", "Precision–recall (micro, all label decisions)", "recall",
        "precision", series, dots));
    b.append("</div>\n<p class=\"note\">Every (document, label) pair scoring at least t is decided"
        + " for t from the highest score down; the red dot is the evaluated decisions' micro precision"
        + " and recall. Average precision ");
    double[] ms = meanSd(ap);
    b.append(Svg.f3(ms[0]));
    if (runs.size() > 1) {
      b.append(" ± ").append(Svg.f3(ms[1]));
    }
    b.append(".</p>\n</section>\n");
  }

  private void thresholdCurves(StringBuilder b, EvalData pooled) {
    b.append("<section id=\"threshold-curves\">\n<h2>Thresholds</h2>\n<div class=\"charts\">");
    boolean multi = runs.get(0).multiLabel();
    List<Svg.Series> series = new ArrayList<>();
    {
      ThresholdCurve c = multi ? ThresholdCurve.micro(pooled) : ThresholdCurve.topScore(pooled);
      double[] t = c.thresholds();
      boolean thin = false;
      series.add(new Svg.Series(multi ? "precision" : "accuracy on answered", Svg.COLORS[0], t,
          c.precisions(), thin));
      series.add(new Svg.Series(multi ? "recall" : "correct / all", Svg.COLORS[1], t,
          c.recalls(), thin));
      series.add(new Svg.Series("F1", Svg.COLORS[2], t, c.f1s(), thin));
      if (!multi) {
        double[] cov = new double[c.size()];
        for (int i = 0; i < cov.length; i++) {
          cov[i] = c.positives() == 0 ? 0 : (double) (c.tp(i) + c.fp(i)) / c.positives();
        }
        series.add(new Svg.Series("coverage", Svg.COLORS[4], t, cov, thin));
      }
    }
    b.append(Svg.lineChart("threshold-chart",
        multi ? "Micro precision, recall, F1 vs threshold" : "Abstain threshold on the top score",
        "threshold", "value", series, (pw, ph) -> ""));
    b.append("</div>\n<p class=\"note\">");
    if (runs.size() > 1) {
      b.append("All runs pooled. ");
    }
    if (multi) {
      b.append("Decide every label scoring at least the threshold.");
    } else {
      b.append("Answer with the top label only when its score reaches the threshold, abstain "
          + "otherwise: accuracy among answered documents, share of all documents answered "
          + "correctly, and coverage.");
    }
    b.append("</p>\n</section>\n");
  }

  private void reliability(StringBuilder b, EvalData pooled) {
    b.append("<section id=\"reliability\">\n<h2>Calibration</h2>\n<div class=\"charts\">");
    Calibration cal = Calibration.of(pooled, 10);
    long max = 1;
    for (Calibration.Bin bin : cal.bins()) {
      max = Math.max(max, bin.count());
    }
    final long maxCount = max;
    Svg.Extra extra = (pw, ph) -> {
      StringBuilder s = new StringBuilder();
      s.append("<line x1=\"0\" y1=\"").append(Svg.f(ph)).append("\" x2=\"").append(Svg.f(pw))
          .append("\" y2=\"0\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>");
      for (Calibration.Bin bin : cal.bins()) {
        double x = bin.lower() * pw;
        double bw = (bin.upper() - bin.lower()) * pw;
        if (bin.count() > 0) {
          double ah = bin.accuracy() * ph;
          s.append("<rect x=\"").append(Svg.f(x + 3)).append("\" y=\"").append(Svg.f(ph - ah))
              .append("\" width=\"").append(Svg.f(bw - 6)).append("\" height=\"")
              .append(Svg.f(ah)).append("\" fill=\"#1f77b4\" fill-opacity=\"0.7\"><title>")
              .append("accuracy ").append(Svg.f3(bin.accuracy())).append(", mean confidence ")
              .append(Svg.f3(bin.meanConfidence())).append(", ").append(bin.count())
              .append(" points</title></rect>");
          s.append("<circle cx=\"").append(Svg.f(bin.meanConfidence() * pw)).append("\" cy=\"")
              .append(Svg.f(ph - ah)).append("\" r=\"3\" fill=\"#ff7f0e\"/>");
        }
        double ch = 0.15 * ph * bin.count() / maxCount;
        s.append("<rect x=\"").append(Svg.f(x + bw * 0.3)).append("\" y=\"").append(Svg.f(ph - ch))
            .append("\" width=\"").append(Svg.f(bw * 0.4)).append("\" height=\"").append(Svg.f(ch))
            .append("\" fill=\"#444\" fill-opacity=\"0.45\"><title>").append(bin.count())
            .append(" points in [").append(Svg.f3(bin.lower())).append(", ")
            .append(Svg.f3(bin.upper())).append(")</title></rect>");
      }
      return s.toString();
    };
    b.append(Svg.lineChart("reliability-chart", "Reliability diagram", "confidence (score)",
        "observed accuracy", List.of(), extra));
    b.append("</div>\n<p class=\"note\">ECE ").append(Svg.f3(cal.ece())).append(", MCE ")
        .append(Svg.f3(cal.mce())).append(". ");
    b.append(pooled.multiLabel()
        ? "One point per (document, label) pair: its score and whether the label is gold."
        : "One point per document: its top score and whether the top label is gold.");
    b.append(" Blue bars: accuracy per bin (orange dot at the bin's mean confidence); narrow grey bars: "
        + "number of points (scaled to the fullest bin); dashed: perfect calibration.</p>\n</section>\n");
  }

  private void riskCoverage(StringBuilder b) {
    b.append("<section id=\"risk-coverage\">\n<h2>Risk–coverage</h2>\n<div class=\"charts\">");
    List<Svg.Series> series = new ArrayList<>();
    double[] aurc = new double[runs.size()];
    for (int r = 0; r < runs.size(); r++) {
      RiskCoverageCurve c = RiskCoverageCurve.of(runs.get(r));
      aurc[r] = c.aurc();
      series.add(new Svg.Series(runs.size() == 1 ? "risk" : "risk (a line per run)", Svg.COLORS[0],
          c.coverages(), c.risks(), runs.size() > 1));
    }
    b.append(Svg.lineChart("risk-coverage-chart", "Risk–coverage (keep the most confident)",
        "coverage", "risk (error rate of the kept)", series, (pw, ph) -> ""));
    double[] ms = meanSd(aurc);
    b.append("</div>\n<p class=\"note\">AURC ").append(Svg.f3(ms[0]));
    if (runs.size() > 1) {
      b.append(" ± ").append(Svg.f3(ms[1]));
    }
    b.append(" (lower is better). A document is right when its top-scored label is gold.</p>\n"
        + "</section>\n");
  }
}
