package org.classify4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.LabelFiles;
import org.classify4j.data.io.ReadOptions;
import org.classify4j.embed.CachingTextEmbedder;
import org.classify4j.embed.CentroidClassifier;
import org.classify4j.embed.DiskEmbeddingCache;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.KnnClassifier;
import org.classify4j.embed.LinearHeadClassifier;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.embed.ZeroShotClassifier;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metrics;
import org.classify4j.select.DecisionTuning;
import org.classify4j.select.FewShotSampler;
import org.classify4j.select.Fold;
import org.classify4j.select.TrainValidationSplit;
import org.classify4j.text.TfidfLinearClassifier;

/**
 * The quality table of docs/benchmarks.md: every embedding method (and the TF-IDF baseline) on the
 * shared datasets. Single-label: accuracy and macro-F1 on test; few-shot rows draw N examples per
 * label from train with 10 seeds (mean ± sd). Multi-label: a validation split (20%, seeded) of
 * train tunes Annif's limit × threshold rule for micro-F1; the model is fitted on the rest; test is
 * only scored.
 *
 * <pre>java -Xmx8g -cp classify4j-bench/target/classify4j-bench.jar org.classify4j.bench.QualityBench
 *     --datasets ../shared/datasets [--model all-minilm-l6-v2] [--only banking77,trec]</pre>
 */
public final class QualityBench {
  private static final List<String> SINGLE =
      List.of("banking77", "agnews", "sst2", "trec", "trec-fine", "20newsgroups");
  private static final List<String> MULTI = List.of("reuters21578", "nlupp-banking");

  public static void main(String[] args) throws IOException {
    Path root = Path.of("../shared/datasets");
    String model = Embedders.DEFAULT_ID;
    List<String> only = null;
    int seeds = 10;
    Path out = Path.of("target/quality.md");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datasets" -> root = Path.of(args[++i]);
        case "--model" -> model = args[++i];
        case "--only" -> only = List.of(args[++i].split(","));
        case "--seeds" -> seeds = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (TextEmbedder base = Embedders.create(model);
        PrintStream md = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
      md.println("| dataset | method | train | accuracy | macro-F1 | micro-F1 | seconds |");
      md.println("|---|---|---|---|---|---|---|");
      for (String name : concat(SINGLE, MULTI)) {
        if (only != null && !only.contains(name)) {
          continue;
        }
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
          System.err.println("skip " + name + ": no " + dir);
          continue;
        }
        CachingTextEmbedder emb = new CachingTextEmbedder(base, 60_000);
        LabelSpace labels = labels(dir);
        Dataset train = read(dir.resolve("train.jsonl"), labels);
        Dataset test = read(dir.resolve("test.jsonl"), labels);
        long t0 = System.nanoTime();
        emb.embed(train.texts());
        emb.embed(test.texts());
        System.err.printf(Locale.ROOT, "%s: embedded %d texts in %.1f s%n", name,
            train.size() + test.size(), (System.nanoTime() - t0) / 1e9);
        for (Row r : runDataset(name, train, test, emb, seeds)) {
          md.println(r.markdown());
          System.out.println(r.markdown());
        }
      }
    }
  }

  record Row(String dataset, String method, String train, Stat acc, Stat macro, Stat micro, double seconds) {
    String markdown() {
      return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.1f |",
          dataset, method, train, acc, macro, micro, seconds);
    }
  }

  record Stat(double mean, double sd, int n) {
    static Stat of(List<Double> v) {
      if (v.isEmpty()) {
        return new Stat(Double.NaN, 0, 0);
      }
      double m = v.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
      double ss = v.stream().mapToDouble(d -> (d - m) * (d - m)).sum();
      return new Stat(m, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0, v.size());
    }

    @Override
    public String toString() {
      if (n == 0) {
        return "–";
      }
      return n > 1
          ? String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean, 100 * sd)
          : String.format(Locale.ROOT, "%.2f", 100 * mean);
    }
  }

  static List<Row> runDataset(String name, Dataset train, Dataset test, TextEmbedder emb, int seeds) {
    List<Row> rows = new ArrayList<>();
    Map<String, Function<Dataset, ClassifierModel>> methods = new LinkedHashMap<>();
    methods.put("zero-shot", d -> ZeroShotClassifier.of(emb).fit(d));
    methods.put("centroid", d -> CentroidClassifier.of(emb).fit(d));
    methods.put("knn (k=10)", d -> KnnClassifier.of(emb).fit(d));
    methods.put("linear (C=1)", d -> LinearHeadClassifier.of(emb).fit(d));
    methods.put("tfidf-linear", d -> TfidfLinearClassifier.defaults().fit(d));
    boolean multi = train.multiLabel() || test.multiLabel();
    for (var m : methods.entrySet()) {
      rows.add(run(name, m.getKey(), "full", List.of(train), test, m.getValue(), multi, 13));
    }
    if (!multi) {
      for (int n : new int[] {8, 64}) {
        List<Dataset> draws = new ArrayList<>();
        for (Fold f : new FewShotSampler(n, seeds, 42).split(train)) {
          draws.add(f.trainSet(train));
        }
        for (var m : methods.entrySet()) {
          if (m.getKey().equals("zero-shot")) {
            continue; // zero-shot uses the examples only to fit the temperature: same argmax
          }
          rows.add(run(name, m.getKey(), n + "/label ×" + seeds, draws, test, m.getValue(), false, 13));
        }
      }
    }
    return rows;
  }

  static Row run(String name, String method, String trainDesc, List<Dataset> trains, Dataset test,
      Function<Dataset, ClassifierModel> fit, boolean multi, long seed) {
    List<Double> acc = new ArrayList<>();
    List<Double> macro = new ArrayList<>();
    List<Double> micro = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Dataset train : trains) {
      double[] s = score(name + " " + method, train, test, fit, multi, seed);
      acc.add(s[0]);
      macro.add(s[1]);
      micro.add(s[2]);
    }
    double secs = (System.nanoTime() - t0) / 1e9 / trains.size();
    Row r = new Row(name, method, trainDesc, Stat.of(acc), Stat.of(macro), Stat.of(micro), secs);
    System.err.println(r.markdown());
    return r;
  }

  /**
   * Fits on {@code train} and scores {@code test}: single-label by argmax (accuracy, macro-F1,
   * micro-F1); multi-label by the limit × threshold rule tuned for micro-F1 on a seeded 20 %
   * validation split of train, the model fitted on the other 80 % (subset accuracy, macro-F1,
   * micro-F1).
   */
  static double[] score(String what, Dataset train, Dataset test, Function<Dataset, ClassifierModel> fit,
      boolean multi, long seed) {
    if (!multi) {
      ClassifierModel m = fit.apply(train);
      EvalData e = EvalData.of(test, m.predictProba(test.documents()), DecisionRule.argmax());
      return new double[] {Metrics.accuracy(e), Metrics.macroF1(e), Metrics.microF1(e)};
    }
    Fold f = new TrainValidationSplit(0.2, seed).fold(train);
    Dataset validation = f.testSet(train);
    ClassifierModel m = fit.apply(f.trainSet(train));
    EvalData v = EvalData.of(validation, m.predictProba(validation.documents()));
    DecisionRule rule = DecisionTuning.limitThreshold(v, Metrics.byName("micro_f1")).rule();
    EvalData e = EvalData.of(test, m.predictProba(test.documents()), rule);
    System.err.println(what + ": tuned rule " + rule);
    return new double[] {Metrics.subsetAccuracy(e), Metrics.macroF1(e), Metrics.microF1(e)};
  }

  static LabelSpace labels(Path dir) throws IOException {
    Map<String, String> desc = new HashMap<>();
    Path tsv = dir.resolve("label_descriptions.tsv");
    if (Files.exists(tsv)) {
      for (Label l : LabelFiles.read(tsv).labels()) {
        desc.put(l.name(), l.description());
      }
    }
    List<Label> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("labels.txt"), StandardCharsets.UTF_8)) {
      String n = line.strip();
      if (!n.isEmpty()) {
        out.add(Label.of(n, desc.getOrDefault(n, "")));
      }
    }
    return LabelSpace.of(out);
  }

  static Dataset read(Path file, LabelSpace labels) {
    return DatasetReader.read(file, ReadOptions.defaults().withLabelSpace(labels));
  }

  /**
   * The embedder with its vectors kept on disk in {@code dir/<id>.vectors} (the id with other
   * characters than letters, digits and {@code ._=-} as {@code _}), so reruns skip the embedding;
   * the id names the file, so vectors of different models or options never share one.
   */
  static TextEmbedder diskCached(TextEmbedder inner, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String stem = inner.id().replaceAll("[^A-Za-z0-9._=-]+", "_");
    return new DiskEmbeddingCache(inner, dir.resolve(stem + ".vectors"));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
