package org.classify4j.llm.label;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.classify.ScoredLabel;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.eval.Bootstrap;
import org.classify4j.eval.ConfusionMatrix;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metric;
import org.classify4j.eval.Metrics;

/**
 * Audits an LLM's labels against a human-labeled sample: how often they agree, per label and
 * overall, with bootstrap confidence intervals; Cohen's kappa; the confusion matrix; the label
 * noise rate with a Wilson interval; accuracy by the LLM's confidence; and the disagreements for
 * review, the most confident mistakes first.
 *
 * <p>Documents are matched by id. Gold documents the LLM did not label are counted and listed;
 * LLM abstentions count as "no decision" (they lower recall, not precision), and the noise rate is
 * measured on the documents the LLM decided, since only those become training labels.
 */
public final class LabelAudit {
  private LabelAudit() {}

  /**
   * @param bootstrap resampling for the intervals (its level is used for every interval)
   * @param maxDisagreements how many disagreements the report lists
   * @param confidenceBins equal-width bins of the LLM's probability for the accuracy-by-confidence
   *     table
   */
  public record Options(Bootstrap bootstrap, int maxDisagreements, int confidenceBins) {
    public Options {
      Objects.requireNonNull(bootstrap, "bootstrap");
      if (maxDisagreements < 0 || confidenceBins < 1) {
        throw new IllegalArgumentException("maxDisagreements ≥ 0 and confidenceBins ≥ 1");
      }
    }

    /** 1000 resamples at 95 %, seed 42; 50 disagreements; 5 confidence bins. */
    public static Options defaults() {
      return new Options(Bootstrap.of(42), 50, 5);
    }
  }

  public static AuditReport run(List<LlmLabel> llm, Dataset gold) {
    return run(llm, gold, Options.defaults());
  }

  public static AuditReport run(List<LlmLabel> llm, Dataset gold, Options o) {
    Map<String, LlmLabel> byId = new HashMap<>();
    for (LlmLabel l : llm) {
      byId.putIfAbsent(l.id(), l);
    }
    LabelSpace space = gold.labels().union(LabelFile.labelSpace(llm));
    boolean multi = gold.multiLabel();
    for (LlmLabel l : llm) {
      multi |= l.labels().size() > 1;
    }
    List<String> missing = new ArrayList<>();
    List<Example> matchedGold = new ArrayList<>();
    List<LlmLabel> matched = new ArrayList<>();
    int goldUnlabeled = 0;
    for (Example e : gold.examples()) {
      if (!multi && e.labels().isEmpty()) {
        goldUnlabeled++;
        continue;
      }
      LlmLabel l = byId.get(e.document().id());
      if (l == null) {
        missing.add(e.document().id());
        continue;
      }
      matchedGold.add(e);
      matched.add(l);
    }
    int n = matched.size();
    float[][] rows = new float[n][];
    List<Prediction> preds = new ArrayList<>(n);
    List<List<String>> goldLabels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      LlmLabel l = matched.get(i);
      rows[i] = l.row(space);
      List<ScoredLabel> sl = new ArrayList<>();
      for (String name : l.labels()) {
        sl.add(new ScoredLabel(name, (float) l.score(name)));
      }
      preds.add(l.abstained() ? Prediction.abstain() : new Prediction(sl, false));
      goldLabels.add(matchedGold.get(i).labels());
    }
    EvalData d = EvalData.of(ScoreMatrix.of(space, rows), goldLabels, preds, multi);
    Bootstrap bs = o.bootstrap();
    double level = bs.level();

    List<AuditReport.LabelAgreement> perLabel = new ArrayList<>();
    var stats = org.classify4j.eval.LabelStats.of(d);
    for (int j = 0; j < space.size(); j++) {
      if (!stats.present(j)) {
        continue;
      }
      final int col = j;
      String name = space.name(j);
      perLabel.add(new AuditReport.LabelAgreement(name, stats.support(j),
          stats.tp(j) + stats.fp(j),
          bs.interval(d, Metric.of("precision", true, x -> Metrics.perLabel(x, col).precision())),
          bs.interval(d, Metric.of("recall", true, x -> Metrics.perLabel(x, col).recall())),
          bs.interval(d, Metric.of("f1", true, x -> Metrics.perLabel(x, col).f1()))));
    }
    Bootstrap.Interval kappa = bs.interval(d, Metric.of("kappa", true, Metrics::kappa));
    Bootstrap.Interval agreement =
        bs.interval(d, Metric.of("agreement", true, Metrics::accuracyOnCovered));

    int decided = 0;
    int mismatches = 0;
    int abstained = 0;
    List<AuditReport.Disagreement> dis = new ArrayList<>();
    long[] predictedAs = new long[space.size()];
    long[] wrongAs = new long[space.size()];
    int bins = o.confidenceBins();
    long[] binCount = new long[bins];
    long[] binAgree = new long[bins];
    for (int i = 0; i < n; i++) {
      LlmLabel l = matched.get(i);
      if (l.abstained()) {
        abstained++;
        continue;
      }
      decided++;
      int[] g = d.gold(i);
      int[] p = d.predicted(i);
      boolean agree = Arrays.equals(g, p);
      int bin = Math.min(bins - 1, (int) Math.floor(l.probability() * bins));
      binCount[bin]++;
      if (agree) {
        binAgree[bin]++;
      } else {
        mismatches++;
        Example e = matchedGold.get(i);
        double goldScore = 0;
        for (String gl : e.labels()) {
          goldScore = Math.max(goldScore, l.score(gl));
        }
        dis.add(new AuditReport.Disagreement(l.id(), l.text(), e.labels(), l.labels(),
            l.probability(), goldScore));
      }
      for (int j : p) {
        predictedAs[j]++;
        if (Arrays.binarySearch(g, j) < 0) {
          wrongAs[j]++;
        }
      }
    }
    dis.sort(Comparator.comparingDouble(AuditReport.Disagreement::llmProbability).reversed()
        .thenComparing(AuditReport.Disagreement::id));
    List<AuditReport.LabelNoise> noiseBy = new ArrayList<>();
    for (int j = 0; j < space.size(); j++) {
      if (predictedAs[j] > 0) {
        noiseBy.add(new AuditReport.LabelNoise(space.name(j),
            Wilson.interval(wrongAs[j], predictedAs[j], level)));
      }
    }
    List<AuditReport.ConfidenceBin> byConf = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      byConf.add(new AuditReport.ConfidenceBin((double) b / bins, (double) (b + 1) / bins,
          binCount[b], binCount[b] == 0 ? 0 : (double) binAgree[b] / binCount[b]));
    }
    AuditReport.Confusion confusion = null;
    if (!multi) {
      ConfusionMatrix cm = ConfusionMatrix.of(d);
      long[][] m = new long[space.size()][space.size()];
      long[] und = new long[space.size()];
      for (int a = 0; a < space.size(); a++) {
        und[a] = cm.undecided(a);
        for (int b = 0; b < space.size(); b++) {
          m[a][b] = cm.count(a, b);
        }
      }
      confusion = new AuditReport.Confusion(space.names(), m, und);
    }
    return new AuditReport(gold.size(), n, missing.size(),
        missing.subList(0, Math.min(20, missing.size())), goldUnlabeled, abstained, decided,
        multi, perLabel, agreement, kappa,
        Wilson.interval(mismatches, decided, level), noiseBy, byConf,
        java.util.Optional.ofNullable(confusion),
        multi ? Double.NaN : Metrics.expectedCalibrationError(d.withPredictions(preds)),
        dis.size(), dis.subList(0, Math.min(o.maxDisagreements(), dis.size())),
        (int) matched.stream().filter(LlmLabel::oneHot).count());
  }
}
