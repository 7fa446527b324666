package org.classify4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.LabelFiles;
import org.classify4j.embed.ConcatEmbedder;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.select.FewShotSampler;
import org.classify4j.select.Fold;

/**
 * One target of issue 14 per command: methods by registry name and parameters (what {@code
 * classify4j train -p} takes) on one dataset, fitted on the full training set or on N per label
 * drawn with 10 seeds ({@link FewShotSampler}, seed 42), scored once on test. Vectors are cached
 * on disk ({@code target/vector-cache}), so a rerun skips the embedding.
 *
 * <pre>java -Xmx6g -cp classify4j-bench/target/classify4j-bench.jar org.classify4j.bench.TargetBench
 *     --datasets ../shared/datasets --dataset banking77 --model bge-small-en-v1.5 \
 *     --methods 'linear;C=auto' 'knn' --train full</pre>
 *
 * A method is {@code name;key=value;key=value}. {@code --unlabelled N} adds N training texts
 * (seeded sample, labels dropped) to every few-shot draw, for methods that use unlabelled text.
 * {@code --validate} scores on training data instead of test, for choosing settings: a few-shot
 * draw is scored on the training examples outside it, a full training set is fitted on 80 % and
 * scored on the other 20 % (seeded). {@code --cap N} fits on a seeded sample of N training
 * examples instead of all. {@code --model concat:A+B} concatenates the embedders, each with its
 * own vector cache.
 */
public final class TargetBench {
  public static void main(String[] args) throws java.io.IOException {
    Path root = Path.of("../shared/datasets");
    String dataset = "agnews";
    String model = Embedders.DEFAULT_ID;
    String train = "full";
    int seeds = 10;
    int unlabelled = 0;
    Path labelsFile = null;
    Path cache = Path.of("target/vector-cache");
    List<String> methods = new ArrayList<>();
    boolean validate = false;
    int cap = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datasets" -> root = Path.of(args[++i]);
        case "--dataset" -> dataset = args[++i];
        case "--model" -> model = args[++i];
        case "--train" -> train = args[++i];
        case "--seeds" -> seeds = Integer.parseInt(args[++i]);
        case "--unlabelled" -> unlabelled = Integer.parseInt(args[++i]);
        case "--labels-file" -> labelsFile = Path.of(args[++i]);
        case "--cache" -> cache = Path.of(args[++i]);
        case "--validate" -> validate = true;
        case "--cap" -> cap = Integer.parseInt(args[++i]);
        case "--methods" -> {
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            methods.add(args[++i]);
          }
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path dir = root.resolve(dataset);
    LabelSpace labels = labelsFile != null ? LabelFiles.read(labelsFile) : QualityBench.labels(dir);
    Dataset trainSet = QualityBench.read(dir.resolve("train.jsonl"), labels);
    Dataset test = QualityBench.read(dir.resolve("test.jsonl"), labels);
    if (cap > 0 && cap < trainSet.size()) {
      trainSet = new Dataset(labels, ZeroShotBench.sample(trainSet, cap, 11).examples(), trainSet.multiLabel());
    }
    List<Dataset> draws = new ArrayList<>();
    List<Dataset> scored = new ArrayList<>();
    if (train.equals("full")) {
      if (validate) {
        Fold f = new org.classify4j.select.TrainValidationSplit(0.2, 13).fold(trainSet);
        draws.add(f.trainSet(trainSet));
        scored.add(f.testSet(trainSet));
      } else {
        draws.add(trainSet);
        scored.add(test);
      }
    } else {
      int n = Integer.parseInt(train);
      List<Example> extra = unlabelled > 0
          ? ZeroShotBench.unlabelled(ZeroShotBench.sample(trainSet, unlabelled, 7)).examples()
          : List.of();
      for (Fold f : new FewShotSampler(n, seeds, 42).split(trainSet)) {
        List<Example> ex = new ArrayList<>(f.trainSet(trainSet).examples());
        ex.addAll(extra);
        draws.add(new Dataset(labels, ex, trainSet.multiLabel()));
        scored.add(validate ? f.testSet(trainSet) : test);
      }
    }
    boolean multi = trainSet.multiLabel() || test.multiLabel();
    System.out.println("| dataset | embedder | method | train | " + (multi ? "subset accuracy" : "accuracy")
        + " | macro-F1 | micro-F1 | seconds/run |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    try (LoadContext ctx = LoadContext.standard()) {
      List<TextEmbedder> cached = new ArrayList<>();
      for (String part : model.startsWith(ConcatEmbedder.PREFIX)
          ? model.substring(ConcatEmbedder.PREFIX.length()).split("\\+") : new String[] {model}) {
        cached.add(QualityBench.diskCached(ctx.own(Embedders.create(part)), cache));
      }
      TextEmbedder emb = cached.size() == 1 ? cached.get(0) : new ConcatEmbedder(cached);
      TextEmbedder base = emb;
      ctx.with(emb);
      long t0 = System.nanoTime();
      emb.embed((validate ? trainSet : test).texts());
      System.err.printf(Locale.ROOT, "test vectors ready after %.1f s%n", (System.nanoTime() - t0) / 1e9);
      for (String m : methods) {
        String[] parts = m.split(";");
        Map<String, String> p = new LinkedHashMap<>();
        boolean embeds = Methods.all().stream()
            .anyMatch(info -> info.name().equals(parts[0]) && info.params().contains("model"));
        if (embeds) {
          p.put("model", emb.id());
        }
        for (int i = 1; i < parts.length; i++) {
          int eq = parts[i].indexOf('=');
          p.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        Classifier spec = Methods.create(parts[0], MethodParams.of(p), ctx);
        List<Double> acc = new ArrayList<>();
        List<Double> macro = new ArrayList<>();
        List<Double> micro = new ArrayList<>();
        long s0 = System.nanoTime();
        for (int di = 0; di < draws.size(); di++) {
          double[] r = QualityBench.score(m, draws.get(di), scored.get(di), spec::fit, multi, 13);
          acc.add(r[0]);
          macro.add(r[1]);
          micro.add(r[2]);
          System.err.printf(Locale.ROOT, "%s: accuracy %.4f macro-F1 %.4f micro-F1 %.4f%n", m, r[0], r[1], r[2]);
        }
        double secs = (System.nanoTime() - s0) / 1e9 / draws.size();
        String trainDesc = train.equals("full") ? "full"
            : train + "/label ×" + seeds + (unlabelled > 0 ? " + " + unlabelled + " unlabelled" : "");
        if (cap > 0) {
          trainDesc += " (cap " + cap + ")";
        }
        if (validate) {
          trainDesc += ", scored on train (validation)";
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.1f |%n", dataset, base.id(),
            m.replace("|", "\\|"), trainDesc, QualityBench.Stat.of(acc), QualityBench.Stat.of(macro),
            QualityBench.Stat.of(micro), secs);
      }
    }
  }
}
