package org.classify4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.LabelFiles;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.LabelTexts;
import org.classify4j.embed.PrototypeModel;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.embed.ZeroShotClassifier;
import org.classify4j.embed.ZeroShotClassifier.Centring;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metrics;

/**
 * Zero-shot accuracy per embedder × template set × centring, on a seeded sample of each
 * dataset's train split (where choices are made: {@code tune}) and on test. No labels are used to
 * fit anything: the "data" centring sees the unlabelled documents of the split it scores... no:
 * it sees the unlabelled train sample (the reference), never test texts.
 *
 * <pre>java -cp classify4j-bench/target/classify4j-bench.jar org.classify4j.bench.ZeroShotBench
 *     --datasets ../shared/datasets --only agnews --models all-minilm-l6-v2,bge-small-en-v1.5</pre>
 */
public final class ZeroShotBench {

  static final Map<String, List<String>> TEMPLATE_SETS = new LinkedHashMap<>();

  static {
    TEMPLATE_SETS.put("bare", LabelTexts.BARE);
    TEMPLATE_SETS.put("about", List.of("This text is about {}."));
    TEMPLATE_SETS.put("example-is", List.of("This example is {}."));
    TEMPLATE_SETS.put("topic", List.of("The topic of this text is {}."));
    TEMPLATE_SETS.put(
        "ensemble4",
        List.of(
            "This text is about {}.",
            "This example is {}.",
            "The topic of this text is {}.",
            "{}"));
    TEMPLATE_SETS.put("news-about", List.of("This news article is about {}."));
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of("../shared/datasets");
    List<String> models = List.of(Embedders.DEFAULT_ID);
    List<String> only = List.of("agnews");
    List<String> sets = new ArrayList<>(TEMPLATE_SETS.keySet());
    List<String> centrings = List.of("none", "data");
    List<Integer> refines = List.of(0);
    Path labelsFile = null;
    Path cache = Path.of("target/vector-cache");
    int tuneSize = 2000;
    boolean test = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datasets" -> root = Path.of(args[++i]);
        case "--models" -> models = List.of(args[++i].split(","));
        case "--only" -> only = List.of(args[++i].split(","));
        case "--templates" -> sets = List.of(args[++i].split(","));
        case "--centring" -> centrings = List.of(args[++i].split(","));
        case "--refine" -> refines = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
        case "--labels-file" -> labelsFile = Path.of(args[++i]);
        case "--cache" -> cache = Path.of(args[++i]);
        case "--tune-size" -> tuneSize = Integer.parseInt(args[++i]);
        case "--no-test" -> test = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    System.out.println("| dataset | embedder | templates | centring | refine | tune acc (train sample) | test acc | test macro-F1 |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String model : models) {
      try (TextEmbedder base = Embedders.create(model)) {
        TextEmbedder emb = QualityBench.diskCached(base, cache);
        for (String name : only) {
          Path dir = root.resolve(name);
          LabelSpace labels = labelsFile != null ? LabelFiles.read(labelsFile) : QualityBench.labels(dir);
          Dataset train = QualityBench.read(dir.resolve("train.jsonl"), labels);
          Dataset testSet = QualityBench.read(dir.resolve("test.jsonl"), labels);
          Dataset tune = sample(train, tuneSize, 42);
          // the unlabelled reference for "data" centring: another train sample, no labels
          Dataset reference = unlabelled(sample(train, tuneSize, 7));
          for (String set : sets) {
            List<String> templates = TEMPLATE_SETS.containsKey(set)
                ? TEMPLATE_SETS.get(set) : List.of(set.split("\\|"));
            for (String c : centrings) {
             for (int refine : refines) {
              ZeroShotClassifier spec =
                  ZeroShotClassifier.of(emb).withTemplates(templates).withCentring(Centring.parse(c))
                      .withRefine(refine);
              PrototypeModel m = spec.fit(reference);
              double tuneAcc = accuracy(m, tune);
              String testAcc = "–";
              String testMacro = "–";
              if (test) {
                EvalData e = EvalData.of(testSet, m.predictProba(testSet.documents()), DecisionRule.argmax());
                testAcc = pct(Metrics.accuracy(e));
                testMacro = pct(Metrics.macroF1(e));
              }
              System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d | %s | %s | %s |%n",
                  name, model, set, c, refine, pct(tuneAcc), testAcc, testMacro);
             }
            }
          }
        }
      }
    }
  }

  static double accuracy(PrototypeModel m, Dataset d) {
    EvalData e = EvalData.of(d, m.predictProba(d.documents()), DecisionRule.argmax());
    return Metrics.accuracy(e);
  }

  static String pct(double x) {
    return String.format(Locale.ROOT, "%.2f", 100 * x);
  }

  static Dataset sample(Dataset d, int n, long seed) {
    List<Example> ex = new ArrayList<>(d.examples());
    java.util.Collections.shuffle(ex, new java.util.Random(seed));
    return new Dataset(d.labels(), ex.subList(0, Math.min(n, ex.size())), d.multiLabel());
  }

  static Dataset unlabelled(Dataset d) {
    List<Example> ex = new ArrayList<>();
    for (Example e : d.examples()) {
      ex.add(new Example(e.document(), List.of()));
    }
    return new Dataset(d.labels(), ex, d.multiLabel());
  }
}
