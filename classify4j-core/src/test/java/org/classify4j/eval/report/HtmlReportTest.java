package org.classify4j.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.LabelSpace;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.EvalFixtures;
import org.classify4j.eval.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  static final List<String> SECTIONS = List.of("summary", "metrics", "confusion", "per-label",
      "pr-curve", "threshold-curves", "reliability", "risk-coverage");

  static void assertSelfContained(String html) {
    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html).doesNotContain("<script", "http://", "https://", "<link", " src=", "url(", "@import");
    for (String s : SECTIONS) {
      assertThat(html).contains("<section id=\"" + s + "\">");
    }
    assertThat(html.split("<section ", -1)).hasSize(SECTIONS.size() + 1);
    assertThat(html.split("</section>", -1)).hasSize(SECTIONS.size() + 1);
  }

  /** Every inline SVG parses as well-formed XML. */
  static List<String> svgs(String html) throws Exception {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      String svg = m.group();
      DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      out.add(svg);
    }
    return out;
  }

  static int count(String s, String part) {
    return s.split(Pattern.quote(part), -1).length - 1;
  }

  @Test
  void singleLabelReportHasEveryChart() throws Exception {
    String html = HtmlReport.of("Topics", EvalFixtures.single())
        .withInfo(Map.of("model", "centroid")).toHtml();
    assertSelfContained(html);
    List<String> svgs = svgs(html);
    assertThat(svgs).hasSize(6);
    for (String id : List.of("confusion-heatmap", "f1-bars", "pr-chart", "threshold-chart",
        "reliability-chart", "risk-coverage-chart")) {
      assertThat(html).contains("<svg id=\"" + id + "\"");
    }
    for (String name : Metrics.names()) {
      // hierarchical metrics only when the labels form a tree
      assertThat(html.contains("data-metric=\"" + name + "\"")).as(name)
          .isEqualTo(!Metrics.HIERARCHICAL.contains(name));
    }
    // 3×3 heatmap cells; the two confusions listed
    String heat = svgs.get(0);
    assertThat(count(heat, "<rect ")).isEqualTo(9);
    assertThat(html).contains("<table id=\"top-confusions\">");
    assertThat(html).contains("95% CI");
    assertThat(html).contains("<th>model</th><td>centroid</td>");
    // 3 labels, 3 bars
    assertThat(count(svgs.get(1), "class=\"bar\"")).isEqualTo(3);
    assertThat(html).contains("Abstain threshold on the top score");
    // the operating point: micro P = R = .6 → (.6·pw, .4·ph) in a 384×286 plot
    assertThat(svgs.get(2)).contains("class=\"operating-point\" cx=\"230.4\" cy=\"114.4\"");
  }

  @Test
  void labelNamesAndTitlesAreEscaped() throws Exception {
    String evil = "<b>\"x\"&'y'</b>";
    LabelSpace space = LabelSpace.ofNames(evil, "plain");
    ScoreMatrix s = ScoreMatrix.of(space, new float[][] {{.8f, .2f}, {.4f, .6f}, {.7f, .3f}});
    EvalData d = EvalData.of(s, List.of(List.of(evil), List.of(evil), List.of("plain")),
        DecisionRule.argmax().decideAll(s), false);
    String html = HtmlReport.of("<script>alert(1)</script>", d)
        .withInfo(Map.of("note", "a < b & c")).toHtml();
    assertThat(html).doesNotContain(evil).doesNotContain("<script>").doesNotContain("<b>");
    assertThat(html).contains("&lt;b&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/b&gt;");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("a &lt; b &amp; c");
    svgs(html);
  }

  @Test
  void multiLabelReportExplainsTheMissingConfusionMatrix() throws Exception {
    String html = HtmlReport.of("Multi", EvalFixtures.multi()).toHtml();
    assertSelfContained(html);
    assertThat(html).doesNotContain("confusion-heatmap");
    assertThat(html).contains("needs single-label data");
    assertThat(html).contains("Micro precision, recall, F1 vs threshold");
    assertThat(svgs(html)).hasSize(5);
  }

  @Test
  void severalRunsShowMeanAndSd() throws Exception {
    EvalData d = EvalFixtures.single();
    List<EvalData> runs = List.of(d.subset(new int[] {0, 1, 2}), d.subset(new int[] {2, 3, 4}),
        d.subset(new int[] {0, 4, 1}));
    String html = HtmlReport.of("CV", runs).toHtml();
    assertSelfContained(html);
    assertThat(html).contains("in 3 runs").contains("Mean ± sample standard deviation over 3 runs");
    assertThat(html).doesNotContain("95% CI");
    // accuracy per run: 2/3, 2/3, 2/3 → 0.667 ± 0.000
    assertThat(html).containsPattern("data-metric=\"accuracy\">.*?0\\.667 <span class=\"ci\">± 0\\.000");
    // one risk–coverage line per run
    String rc = svgs(html).get(5);
    assertThat(count(rc, "<polyline")).isEqualTo(3);
    assertThatThrownBy(() -> HtmlReport.of("x", List.of(d, EvalFixtures.multi())))
        .hasMessageContaining("share labels");
  }

  @Test
  void manyLabelsAreTruncated() throws Exception {
    int k = 1000;
    List<String> names = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      names.add("label-" + j);
    }
    LabelSpace space = LabelSpace.ofNames(names);
    Random r = new Random(1);
    int n = 3000;
    float[][] s = new float[n][k];
    List<List<String>> gold = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int g = r.nextInt(k);
      gold.add(List.of(names.get(g)));
      // mostly right, sometimes a neighbouring label wins
      int top = r.nextDouble() < 0.7 ? g : (g + 1 + r.nextInt(3)) % k;
      s[i][top] = 0.6f;
      s[i][(top + 7) % k] = 0.4f;
    }
    ScoreMatrix m = ScoreMatrix.of(space, s);
    EvalData d = EvalData.of(m, gold, DecisionRule.argmax().decideAll(m), false);
    String html = HtmlReport.of("Big", d).toHtml();
    assertSelfContained(html);
    List<String> svgs = svgs(html);
    assertThat(count(svgs.get(0), "<rect ")).isEqualTo(20 * 20);
    assertThat(html).contains("Showing 20 of 1000 labels");
    assertThat(count(svgs.get(1), "class=\"bar\"")).isEqualTo(60);
    assertThat(html).containsPattern("… \\d+ labels not shown …");
    // the page stays small enough to open: curves are downsampled
    assertThat(html.length()).isLessThan(600_000);
  }

  @Test
  void degenerateEvaluationsStillRender() throws Exception {
    // all abstained
    EvalData abstained = EvalFixtures.single(
        new org.classify4j.classify.DecisionRules.Abstain(DecisionRule.argmax(), 0.99, 0.0));
    String html = HtmlReport.of("Abstained", abstained).toHtml();
    assertSelfContained(html);
    assertThat(html).contains("<th>abstained</th><td>5</td>");
    svgs(html);
    // no documents at all
    ScoreMatrix none = ScoreMatrix.of(EvalFixtures.ABC, new float[0][]);
    EvalData empty = EvalData.of(none, List.<List<String>>of(), List.of(), false);
    String e = HtmlReport.of("Empty", empty).toHtml();
    assertSelfContained(e);
    assertThat(svgs(e)).hasSize(6);
    assertThat(e).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void writesAFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("report.html");
    HtmlReport.of("File", EvalFixtures.single()).writeTo(f);
    assertThat(Files.readString(f)).contains("<title>File</title>");
  }
}
