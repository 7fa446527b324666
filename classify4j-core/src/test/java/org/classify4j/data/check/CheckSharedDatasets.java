package org.classify4j.data.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.LabelFiles;
import org.classify4j.data.io.LoadedDataset;
import org.classify4j.data.io.ReadOptions;

/**
 * Try-out, not a test: runs {@link DataChecks} over the shared evaluation data sets
 * ({@code ../shared/datasets/NAME/{train,test}.jsonl} with {@code labels.txt} as a strict label
 * space) and prints each report and a summary table. Skips (exit 0) when the folder is absent.
 *
 * <p>Run: {@code java -cp <test classpath> org.classify4j.data.check.CheckSharedDatasets
 * [DATASETS_DIR] [--full]}
 */
public final class CheckSharedDatasets {
  private CheckSharedDatasets() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0]
        : "/work/shared/datasets");
    boolean full = List.of(args).contains("--full");
    if (!Files.isDirectory(root)) {
      System.out.println("skipped: no data sets at " + root);
      return;
    }
    List<Path> sets;
    try (Stream<Path> s = Files.list(root)) {
      sets = s.filter(p -> Files.isRegularFile(p.resolve("train.jsonl"))
          && Files.isRegularFile(p.resolve("test.jsonl"))).sorted().toList();
    }
    List<String> table = new ArrayList<>();
    table.add("| data set | train / test rows | labels used (train) | imbalance (train) "
        + "| empty | exact dup rows (texts) train | norm. dup rows train | conflicting texts "
        + "(rows) train | exact dup rows test | test in train exact rows (texts) "
        + "| test in train norm. rows | test labels not in train (test rows) | skipped |");
    table.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Path dir : sets) {
      String name = dir.getFileName().toString();
      ReadOptions o = ReadOptions.defaults().withAllowEmptyText(true)
          .withOnError(ReadOptions.OnError.SKIP);
      Path labels = dir.resolve("labels.txt");
      if (Files.isRegularFile(labels)) {
        LabelSpace space = LabelFiles.read(labels);
        o = o.withLabelSpace(space);
      }
      long t0 = System.nanoTime();
      LoadedDataset train = DatasetReader.load(dir.resolve("train.jsonl"), o);
      LoadedDataset test = DatasetReader.load(dir.resolve("test.jsonl"), o);
      DataCheckReport r = DataChecks.check(train, test);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (full) {
        System.out.println(r.toText());
      }
      SplitReport tr = r.split("train");
      SplitReport te = r.split("test");
      PairReport p = r.pair().orElseThrow();
      Issue ed = tr.issue("exact_duplicates");
      Issue nd = tr.issue("normalized_duplicates");
      Issue cl = tr.issue("conflicting_labels");
      Issue eo = p.issue("exact_overlap");
      Issue no = p.issue("normalized_overlap");
      table.add(String.format(Locale.ROOT,
          "| %s | %d / %d | %d of %d | %.1f | %d / %d | %d (%d) | %d | %d (%d) | %d | %d (%d) "
              + "| %d | %d (%d) | %d |",
          name, tr.examples(), te.examples(), tr.labelsUsed(), tr.labelSpaceSize(),
          tr.imbalanceRatio(), tr.issue("empty_texts").count(), te.issue("empty_texts").count(),
          ed.count(), ed.groups(), nd.count(), cl.groups(), cl.count(),
          te.issue("exact_duplicates").count(), eo.count(), eo.groups(), no.count(),
          p.testLabelsMissingInTrain().size(), p.testExamplesWithUnseenLabels(),
          train.report().skippedCount() + test.report().skippedCount()));
      System.err.println(name + ": checked in " + ms + " ms; " + train.report().summary() + "; "
          + test.report().summary());
    }
    System.out.println(String.join("\n", table));
  }
}
