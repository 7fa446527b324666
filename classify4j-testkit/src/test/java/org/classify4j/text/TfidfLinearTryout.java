package org.classify4j.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;

/**
 * Accuracy and fit time of tfidf-linear on the shared datasets (a tryout, not a test; needs
 * ../shared/datasets). Usage: {@code TfidfLinearTryout DATASET_DIR [C] [ngramMax] [minDf]}.
 * Single-label: accuracy of the argmax; multi-label: micro-F1 at threshold 0.5.
 */
public final class TfidfLinearTryout {
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    double c = args.length > 1 ? Double.parseDouble(args[1]) : 10;
    int ngram = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int minDf = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    List<String> names = Files.readAllLines(dir.resolve("labels.txt")).stream()
        .filter(s -> !s.isBlank()).toList();
    LabelSpace space = LabelSpace.ofNames(names);
    List<Example> train = read(dir.resolve("train.jsonl"));
    List<Example> test = read(dir.resolve("test.jsonl"));
    boolean multi = train.stream().anyMatch(e -> e.labels().size() != 1)
        || test.stream().anyMatch(e -> e.labels().size() != 1);
    Dataset tr = new Dataset(space, train, multi);
    TfidfLinearClassifier spec =
        TfidfLinearClassifier.defaults().withC(c).withNgramMax(ngram).withMinDf(minDf);
    if (Boolean.getBoolean("balanced")) {
      spec = spec.withClassWeighting(org.classify4j.linear.ClassWeighting.BALANCED);
    }
    if (args.length > 4) {
      spec = spec.withRegression(spec.regression().withTolerance(Double.parseDouble(args[4])));
    }
    if (System.getProperty("report") != null && !multi) {
      TfidfModel tf = spec.vectorizer().fit(tr.texts());
      org.classify4j.linear.SparseFeatures x = tf.transform(tr.texts());
      int[] y = new int[train.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = tr.goldIndices(i)[0];
      }
      long a = System.nanoTime();
      var fit = spec.regression().fitMultinomial(x, y, space.size());
      System.out.printf("  LR alone %.2f s, %s, nnz %d%n", (System.nanoTime() - a) / 1e9,
          fit.reports(), x.storedEntries());
    }
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    TfidfLinearModel m = spec.fit(tr);
    long t1 = System.nanoTime();
    long c1 = cpuNanos();
    ScoreMatrix s = m.predictProba(new Dataset(space, test, multi).documents());
    long t2 = System.nanoTime();
    String quality;
    if (!multi) {
      int ok = 0;
      for (int i = 0; i < test.size(); i++) {
        if (test.get(i).labels().contains(space.name(s.argmax(i)))) {
          ok++;
        }
      }
      quality = String.format("accuracy %.4f", (double) ok / test.size());
    } else {
      int tp = 0, fp = 0, fn = 0;
      for (int i = 0; i < test.size(); i++) {
        for (int j = 0; j < space.size(); j++) {
          boolean pred = s.get(i, j) >= 0.5f;
          boolean gold = test.get(i).labels().contains(space.name(j));
          if (pred && gold) {
            tp++;
          } else if (pred) {
            fp++;
          } else if (gold) {
            fn++;
          }
        }
      }
      quality = String.format("micro-F1@0.5 %.4f (P %.4f R %.4f)",
          2.0 * tp / (2.0 * tp + fp + fn), tp / (double) (tp + fp), tp / (double) (tp + fn));
    }
    System.out.printf("%s: train %d, test %d, labels %d, %s; C=%s ngram=%d minDf=%d tol=%s %s: %d terms,"
            + " fit %.2f s (cpu %.2f s), predict %.2f s, %s%n",
        dir.getFileName(), train.size(), test.size(), space.size(),
        multi ? "multi-label" : "single-label", c, ngram, minDf, spec.regression().tolerance(),
        spec.regression().classWeighting(),
        m.tfidf().size(),
        (t1 - t0) / 1e9, (c1 - c0) / 1e9, (t2 - t1) / 1e9, quality);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  public static List<Example> read(Path p) throws IOException {
    ObjectMapper om = new ObjectMapper();
    List<Example> out = new ArrayList<>();
    int line = 0;
    for (String l : Files.readAllLines(p)) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      JsonNode n = om.readTree(l);
      List<String> labels = new ArrayList<>();
      n.path("labels").forEach(x -> labels.add(x.asText()));
      out.add(new Example(
          org.classify4j.data.Document.of(p.getFileName() + ":" + line, n.path("text").asText()),
          labels));
    }
    return out;
  }
}
