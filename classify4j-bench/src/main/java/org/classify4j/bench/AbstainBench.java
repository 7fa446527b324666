package org.classify4j.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metrics;
import org.classify4j.eval.RiskCoverageCurve;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.select.Fold;
import org.classify4j.select.TrainValidationSplit;
import org.classify4j.select.TunedRule;
import org.classify4j.selective.CoverageTuning;

/**
 * Abstention tuned for a target coverage: the method is fitted on 80 % of train, the threshold is
 * tuned on the other 20 % (seeded split) for each target coverage, and test is scored once with
 * each rule; the test risk–coverage curve is printed at fixed coverages.
 *
 * <pre>java -cp ... org.classify4j.bench.AbstainBench --datasets ../shared/datasets
 *     --dataset banking77 --method 'linear;C=100' --targets 0.8,0.9</pre>
 */
public final class AbstainBench {
  public static void main(String[] args) throws java.io.IOException {
    Path root = Path.of("../shared/datasets");
    String dataset = "banking77";
    String model = Embedders.DEFAULT_ID;
    String method = "linear";
    double[] targets = {0.8, 0.9, 0.95};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datasets" -> root = Path.of(args[++i]);
        case "--dataset" -> dataset = args[++i];
        case "--model" -> model = args[++i];
        case "--method" -> method = args[++i];
        case "--targets" -> targets =
            java.util.Arrays.stream(args[++i].split(",")).mapToDouble(Double::parseDouble).toArray();
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path dir = root.resolve(dataset);
    LabelSpace labels = QualityBench.labels(dir);
    Dataset train = QualityBench.read(dir.resolve("train.jsonl"), labels);
    Dataset test = QualityBench.read(dir.resolve("test.jsonl"), labels);
    Fold f = new TrainValidationSplit(0.2, 13).fold(train);
    Dataset fitPart = f.trainSet(train);
    Dataset validation = f.testSet(train);
    try (TextEmbedder base = Embedders.create(model);
        LoadContext ctx = LoadContext.standard()) {
      TextEmbedder emb = QualityBench.diskCached(base, Path.of("target/vector-cache"));
      ctx.with(emb);
      String[] parts = method.split(";");
      Map<String, String> p = new LinkedHashMap<>();
      p.put("model", emb.id());
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        p.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
      }
      Classifier spec = Methods.create(parts[0], MethodParams.of(p), ctx);
      ClassifierModel m = spec.fit(fitPart);
      EvalData v = EvalData.of(validation, m.predictProba(validation.documents()));
      EvalData t = EvalData.of(test, m.predictProba(test.documents()));
      System.out.printf(Locale.ROOT, "%s, %s, %s: fitted on %d, validation %d, test %d; test accuracy"
          + " with no abstention %.2f, AURC %.4f%n", dataset, base.id(), method, fitPart.size(),
          validation.size(), test.size(), 100 * Metrics.accuracy(t), RiskCoverageCurve.of(t).aurc());
      System.out.println("| target coverage | threshold (tuned on validation) | validation coverage"
          + " | validation risk | test coverage | test risk (error among answered) |");
      System.out.println("|---|---|---|---|---|---|");
      for (double target : targets) {
        TunedRule r = CoverageTuning.forCoverage(v, target);
        EvalData applied = t.withRule(r.rule());
        System.out.printf(Locale.ROOT, "| %.2f | %.4f | %.2f | %.2f | %.2f | %.2f |%n", target,
            r.details().get("threshold"), 100 * r.details().get("coverage"),
            100 * r.details().get("risk"), 100 * Metrics.coverage(applied),
            100 * (1 - Metrics.accuracyOnCovered(applied)));
      }
      System.out.println();
      System.out.println("| test coverage | test risk | threshold |");
      System.out.println("|---|---|---|");
      for (CoverageTuning.Point pt : CoverageTuning.curve(t, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)) {
        System.out.printf(Locale.ROOT, "| %.2f | %.2f | %.4f |%n", 100 * pt.coverage(),
            100 * pt.risk(), pt.threshold());
      }
    }
  }
}
