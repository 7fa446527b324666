package org.classify4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.LinearHeadClassifier;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metrics;
import org.classify4j.linear.LogisticRegression;

/**
 * MTEB's classification protocol on banking77, to check that our embeddings and logistic
 * regression reproduce the published number: for each of 10 experiments, shuffle the training set
 * with the experiment's seed and keep the first 8 examples of each label (MTEB's undersampling),
 * fit logistic regression (C = 1, at most 100 L-BFGS iterations, as scikit-learn's defaults that
 * MTEB uses) on the embeddings, and score accuracy on the full test set; report the mean.
 *
 * <pre>java -Xmx4g -cp classify4j-bench/target/classify4j-bench.jar org.classify4j.bench.MtebBench
 *     --datasets ../shared/datasets [--model all-minilm-l6-v2] [--max-iter 100]</pre>
 */
public final class MtebBench {
  public static void main(String[] args) throws java.io.IOException {
    Path root = Path.of("../shared/datasets");
    String model = Embedders.DEFAULT_ID;
    int maxIter = 100;
    int experiments = 10;
    int perLabel = 8;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datasets" -> root = Path.of(args[++i]);
        case "--model" -> model = args[++i];
        case "--max-iter" -> maxIter = Integer.parseInt(args[++i]);
        case "--experiments" -> experiments = Integer.parseInt(args[++i]);
        case "--per-label" -> perLabel = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path dir = root.resolve("banking77");
    try (TextEmbedder base = Embedders.create(model)) {
      LabelSpace labels = QualityBench.labels(dir);
      Dataset train = QualityBench.read(dir.resolve("train.jsonl"), labels);
      Dataset test = QualityBench.read(dir.resolve("test.jsonl"), labels);
      TextEmbedder emb = QualityBench.diskCached(base, Path.of("target/vector-cache"));
      long t0 = System.nanoTime();
      float[][] xTrain = emb.embed(train.texts());
      float[][] xTest = emb.embed(test.texts());
      System.err.printf(Locale.ROOT, "embedded %d texts in %.1f s with %s%n",
          train.size() + test.size(), (System.nanoTime() - t0) / 1e9, base.id());
      LinearHeadClassifier head =
          new LinearHeadClassifier(emb, LogisticRegression.defaults().withMaxIterations(maxIter));
      List<Double> acc = new ArrayList<>();
      for (int e = 0; e < experiments; e++) {
        int[] idx = undersample(train, perLabel, new Random(42 + e));
        Dataset sample = train.subset(idx);
        float[][] xs = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
          xs[i] = xTrain[idx[i]];
        }
        LinearHeadClassifier.Model m = head.fitEmbedded(sample, xs);
        EvalData d = EvalData.of(test, m.scoreEmbedded(xTest), DecisionRule.argmax());
        acc.add(Metrics.accuracy(d));
        System.err.printf(Locale.ROOT, "experiment %d: %d examples, accuracy %.4f%n", e, idx.length, acc.get(e));
      }
      double mean = acc.stream().mapToDouble(a -> a).average().orElseThrow();
      double sd = Math.sqrt(acc.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / (acc.size() - 1));
      System.out.printf(Locale.ROOT,
          "banking77 MTEB protocol, %s, %d×%d/label, LR C=1 max_iter=%d: accuracy %.2f ± %.2f%n",
          base.id(), experiments, perLabel, maxIter, 100 * mean, 100 * sd);
    }
  }

  /** MTEB's _undersample_data: shuffle indices, keep the first n of each label. */
  static int[] undersample(Dataset train, int n, Random rnd) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, rnd);
    int[] taken = new int[train.labels().size()];
    List<Integer> keep = new ArrayList<>();
    for (int i : order) {
      int[] g = train.goldIndices(i);
      if (g.length == 1 && taken[g[0]] < n) {
        taken[g[0]]++;
        keep.add(i);
      }
    }
    return keep.stream().mapToInt(Integer::intValue).toArray();
  }
}
