package org.classify4j.eval.report;

import java.util.List;
import java.util.Locale;

/** Inline SVG pieces for {@link HtmlReport}: unit-square line charts, escaping, number formats. */
final class Svg {
  private Svg() {}

  static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

  /** Raw SVG drawn under the lines, in plot coordinates (origin top-left, size pw × ph). */
  interface Extra {
    String draw(double pw, double ph);
  }

  /** A line to draw: x and y in [0,1]. */
  record Series(String name, String color, double[] x, double[] y, boolean thin) {}

  /** Escapes text for HTML and SVG content and attribute values. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append(' ');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** A name cut to {@code max} characters (with an ellipsis), escaped. */
  static String shortName(String s, int max) {
    return esc(s.length() <= max ? s : s.substring(0, max - 1) + "…");
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** At most {@code max} evenly spaced indices of 0..n−1, always keeping the first and last. */
  static int[] sample(int n, int max) {
    if (n <= max) {
      return java.util.stream.IntStream.range(0, n).toArray();
    }
    int[] out = new int[max];
    for (int i = 0; i < max; i++) {
      out[i] = (int) Math.round((double) i * (n - 1) / (max - 1));
    }
    return out;
  }

  /**
   * A line chart over [0,1]×[0,1] with axes, grid, labels and legend; {@code extra} draws under the
   * lines.
   */
  static String lineChart(
      String id, String title, String xLabel, String yLabel, List<Series> series, Extra extra) {
    int w = 600, h = 360, l = 56, r = 160, t = 28, bt = 46;
    double pw = w - l - r, ph = h - t - bt;
    StringBuilder b = new StringBuilder();
    b.append("<svg id=\"").append(esc(id)).append("\" class=\"chart\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ')
        .append(h).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">");
    b.append("<title>").append(esc(title)).append("</title>");
    b.append("<text x=\"").append(f(l + pw / 2)).append("\" y=\"18\" class=\"ct\">").append(esc(title))
        .append("</text>");
    for (int i = 0; i <= 5; i++) {
      double v = i / 5.0;
      double x = l + v * pw;
      double y = t + (1 - v) * ph;
      b.append("<line class=\"grid\" x1=\"").append(f(l)).append("\" y1=\"").append(f(y))
          .append("\" x2=\"").append(f(l + pw)).append("\" y2=\"").append(f(y)).append("\"/>");
      b.append("<line class=\"grid\" x1=\"").append(f(x)).append("\" y1=\"").append(f(t))
          .append("\" x2=\"").append(f(x)).append("\" y2=\"").append(f(t + ph)).append("\"/>");
      b.append("<text class=\"tick\" x=\"").append(f(l - 6)).append("\" y=\"").append(f(y + 4))
          .append("\" text-anchor=\"end\">").append(String.format(Locale.ROOT, "%.1f", v))
          .append("</text>");
      b.append("<text class=\"tick\" x=\"").append(f(x)).append("\" y=\"").append(f(t + ph + 16))
          .append("\" text-anchor=\"middle\">").append(String.format(Locale.ROOT, "%.1f", v))
          .append("</text>");
    }
    b.append("<rect class=\"frame\" x=\"").append(l).append("\" y=\"").append(t)
        .append("\" width=\"").append(f(pw)).append("\" height=\"").append(f(ph)).append("\"/>");
    b.append("<text class=\"axis\" x=\"").append(f(l + pw / 2)).append("\" y=\"").append(h - 8)
        .append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>");
    b.append("<text class=\"axis\" transform=\"translate(14,").append(f(t + ph / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(yLabel)).append("</text>");
    b.append("<g transform=\"translate(").append(l).append(',').append(t).append(")\">");
    b.append(extra.draw(pw, ph));
    for (Series s : series) {
      int[] idx = sample(s.x().length, 400);
      if (idx.length == 0) {
        continue;
      }
      b.append("<polyline fill=\"none\" stroke=\"").append(s.color()).append("\" stroke-width=\"")
          .append(s.thin() ? "1" : "2").append("\"").append(s.thin() ? " stroke-opacity=\"0.6\"" : "")
          .append(" points=\"");
      for (int i : idx) {
        b.append(f(clamp(s.x()[i]) * pw)).append(',').append(f((1 - clamp(s.y()[i])) * ph)).append(' ');
      }
      b.append("\"><title>").append(esc(s.name())).append("</title></polyline>");
    }
    b.append("</g>");
    int ly = t + 8;
    java.util.Set<String> shown = new java.util.HashSet<>();
    for (Series s : series) {
      if (!shown.add(s.name())) {
        continue;
      }
      b.append("<rect x=\"").append(f(l + pw + 12)).append("\" y=\"").append(ly)
          .append("\" width=\"12\" height=\"3\" fill=\"").append(s.color()).append("\"/>");
      b.append("<text class=\"legend\" x=\"").append(f(l + pw + 29)).append("\" y=\"")
          .append(ly + 5).append("\">").append(shortName(s.name(), 22)).append("</text>");
      ly += 15;
    }
    b.append("</svg>");
    return b.toString();
  }

  static double clamp(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
  }
}
