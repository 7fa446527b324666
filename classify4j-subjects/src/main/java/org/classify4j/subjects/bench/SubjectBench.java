package org.classify4j.subjects.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.classify4j.Json;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.LabelFiles;
import org.classify4j.data.io.ReadOptions;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metrics;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.persist.SavableModel;
import org.classify4j.subjects.SubjectEnsembleClassifier;
import org.classify4j.subjects.SubjectEnsembleModel;

/**
 * Trains a method on a subject-indexing split, saves it, reloads it and scores an evaluation file:
 * F1@5, P@5, R@5, NDCG@5 (core's metrics), training time, model size, documents per second, and
 * the gold labels of the evaluation file that no training record carries (and how many of those
 * the model ranks in its top 5).
 *
 * <pre>
 * java -Xmx8g -cp ... org.classify4j.subjects.bench.SubjectBench --method label-tree \
 *   --train train.jsonl --labels labels.tsv --eval dev.jsonl --out /tmp/m [-p key=value]...
 * </pre>
 *
 * <p>{@code --components yes} with {@code subject-ensemble} also saves and scores each fitted
 * component alone; {@code --fitted tree=DIR,knn=DIR,...} takes those components from saved
 * models fitted on all of train (with the ensemble's parameters for them; needs {@code -p
 * dev=FILE}) instead of fitting them again.
 */
public final class SubjectBench {
  private static final String USAGE = """
      usage: SubjectBench --method NAME --train FILE --labels FILE --eval FILE --out DIR
                          [-p key=value]... [--report FILE] [--load yes] [--components yes]
                          [--fitted name=DIR,...]""";

  private SubjectBench() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>();
    List<String> params = new ArrayList<>();
    if (args.length % 2 != 0 || List.of(args).contains("--help")) {
      System.err.println(USAGE);
      System.exit(2);
    }
    for (int i = 0; i < args.length; i += 2) {
      if (args[i].equals("-p")) {
        params.add(args[i + 1]);
      } else {
        opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
      }
    }
    for (String required : List.of("labels", "train", "eval", "out")) {
      if (!opt.containsKey(required)) {
        System.err.println("missing --" + required + "\n" + USAGE);
        System.exit(2);
      }
    }
    if (!opt.containsKey("load") && !opt.containsKey("method")) {
      System.err.println("missing --method (or --load yes with a saved --out)\n" + USAGE);
      System.exit(2);
    }
    LabelSpace space = LabelFiles.read(Path.of(opt.get("labels")));
    ReadOptions ro = ReadOptions.defaults().withLabelSpace(space).withStrictLabels(true)
        .withMultiLabel(ReadOptions.MultiLabel.MULTI);
    Dataset train = DatasetReader.read(Path.of(opt.get("train")), ro);
    Dataset eval = DatasetReader.read(Path.of(opt.get("eval")), ro);
    Path out = Path.of(opt.get("out"));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("method", opt.get("method"));
    report.put("params", params);
    report.put("train", opt.get("train"));
    report.put("eval", opt.get("eval"));
    ClassifierModel model;
    try (LoadContext ctx = LoadContext.standard()) {
      if (!opt.containsKey("load")) {
        Classifier c = Methods.create(opt.get("method"), MethodParams.parse(params), ctx);
        long t0 = System.nanoTime();
        SavableModel fitted;
        if (opt.containsKey("fitted")) {
          // components fitted on all of train before (their own runs): loaded, then tuned
          Map<String, SavableModel> given = new LinkedHashMap<>();
          for (String nd : opt.get("fitted").split(",")) {
            String[] kv = nd.split("=", 2);
            given.put(kv[0], (SavableModel) ModelStore.load(Path.of(kv[1]), ctx).model());
          }
          report.put("fitted_components", opt.get("fitted"));
          fitted = ((SubjectEnsembleClassifier) c).fit(train, given);
        } else {
          fitted = (SavableModel) c.fit(train);
        }
        report.put("train_seconds", (System.nanoTime() - t0) / 1e9);
        Runtime rt = Runtime.getRuntime();
        report.put("heap_used_after_fit_mb", (rt.totalMemory() - rt.freeMemory()) >> 20);
        ModelStore.save(fitted, out, Provenance.of(c, train));
      }
      report.put("model_bytes", size(out));
      model = ModelStore.load(out, ctx).model();
      report.putAll(evaluate(model, train, eval, space));
      if (opt.containsKey("components") && model instanceof SubjectEnsembleModel ens) {
        report.put("tuning", ens.tuning());
        Map<String, Object> parts = new LinkedHashMap<>();
        for (Map.Entry<String, SavableModel> c : ens.components().entrySet()) {
          Path dir = out.resolveSibling(out.getFileName() + "-" + c.getKey());
          ModelStore.save(c.getValue(), dir, Provenance.of(
              Methods.create(opt.get("method"), MethodParams.parse(params), ctx), train));
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("model_type", c.getValue().modelType());
          r.put("model_bytes", size(dir));
          r.putAll(evaluate(ModelStore.load(dir, ctx).model(), train, eval, space));
          parts.put(c.getKey(), r);
        }
        report.put("components", parts);
      }
    }
    String json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
    System.out.println(json);
    if (opt.containsKey("report")) {
      org.classify4j.persist.AtomicFiles.writeString(Path.of(opt.get("report")), json + "\n");
    }
  }

  static Map<String, Object> evaluate(ClassifierModel model, Dataset train, Dataset eval,
      LabelSpace space) {
    Map<String, Object> report = new LinkedHashMap<>();
    int n = eval.size();
    int batch = 250;
    double f1 = 0;
    double p5 = 0;
    double r5 = 0;
    double ndcg = 0;
    // gold labels of the evaluation file that occur in no training record
    boolean[] inTrain = new boolean[space.size()];
    for (int[] g : train.goldIndices()) {
      for (int j : g) {
        inTrain[j] = true;
      }
    }
    long goldOcc = 0;
    long unseenOcc = 0;
    long unseenTop5 = 0;
    long unseenScored = 0;
    Set<Integer> unseenDistinct = new HashSet<>();
    long t1 = System.nanoTime();
    for (int s = 0; s < n; s += batch) {
      int e = Math.min(n, s + batch);
      int[] rows = new int[e - s];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = s + i;
      }
      Dataset part = eval.subset(rows);
      ScoreMatrix scores = model.predictProba(part.documents());
      EvalData d = EvalData.of(part, scores);
      f1 += Metrics.f1AtK(d, 5) * rows.length;
      p5 += Metrics.precisionAtK(d, 5) * rows.length;
      r5 += Metrics.recallAtK(d, 5) * rows.length;
      ndcg += Metrics.ndcgAtK(d, 5) * rows.length;
      for (int i = 0; i < rows.length; i++) {
        int[] top = scores.topColumns(i, 5);
        Set<Integer> topSet = new HashSet<>();
        for (int t : top) {
          if (scores.get(i, t) > 0) {
            topSet.add(t);
          }
        }
        for (int g : part.goldIndices(i)) {
          goldOcc++;
          if (!inTrain[g]) {
            unseenOcc++;
            unseenDistinct.add(g);
            unseenTop5 += topSet.contains(g) ? 1 : 0;
            unseenScored += scores.get(i, g) > 0 ? 1 : 0;
          }
        }
      }
    }
    double predictSeconds = (System.nanoTime() - t1) / 1e9;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("f1@5", round(f1 / n));
    m.put("p@5", round(p5 / n));
    m.put("r@5", round(r5 / n));
    m.put("ndcg@5", round(ndcg / n));
    report.put("metrics", m);
    report.put("eval_docs", n);
    report.put("predict_seconds", round(predictSeconds));
    report.put("docs_per_second", round(n / predictSeconds));
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("gold_occurrences", goldOcc);
    u.put("unseen_occurrences", unseenOcc);
    u.put("unseen_share", round((double) unseenOcc / goldOcc));
    u.put("unseen_distinct_labels", unseenDistinct.size());
    u.put("unseen_found_in_top5", unseenTop5);
    u.put("unseen_scored_above_0", unseenScored);
    report.put("unseen_labels", u);
    return report;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
