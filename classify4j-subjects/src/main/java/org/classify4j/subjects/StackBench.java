package org.classify4j.subjects;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.Json;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.LabelFiles;
import org.classify4j.data.io.ReadOptions;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.AtomicFiles;
import org.classify4j.persist.ModelStore;

/**
 * Benchmark main for the ensemble's combiners (in this package because it uses the package's
 * sparse score rows). Scoring the tuning data with the fitted components takes minutes (the
 * forest), tuning the combiner seconds, so the two are split:
 *
 * <pre>
 * # once: each component's top candidates on dev, from a saved subject-ensemble
 * java -cp ... org.classify4j.subjects.StackBench dump --model DIR --train train.jsonl \
 *     --labels labels.tsv --eval dev.jsonl --out dev.scores
 * # then, per setting: tune a combiner on the dumped scores, report out-of-fold figures
 * java -cp ... org.classify4j.subjects.StackBench tune --scores dev.scores --train train.jsonl \
 *     --labels labels.tsv --eval dev.jsonl [-p combine=stack] [-p stack.depth=30] ...
 * </pre>
 *
 * <p>The dump is a plain binary file of this tool's own (counts, then per component and document
 * the columns and scores of its top candidates), not Java serialization.
 */
public final class StackBench {
  private StackBench() {}

  public static void main(String[] args) throws IOException {
    String mode = args[0];
    Map<String, String> opt = new LinkedHashMap<>();
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (args[i].equals("-p")) {
        String[] kv = args[i + 1].split("=", 2);
        params.put(kv[0], kv[1]);
      } else {
        opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
      }
    }
    LabelSpace space = LabelFiles.read(Path.of(opt.get("labels")));
    ReadOptions ro = ReadOptions.defaults().withLabelSpace(space).withStrictLabels(true)
        .withMultiLabel(ReadOptions.MultiLabel.MULTI);
    Dataset train = DatasetReader.read(Path.of(opt.get("train")), ro);
    Dataset eval = DatasetReader.read(Path.of(opt.get("eval")), ro);
    switch (mode) {
      case "dump" -> dump(opt, eval);
      case "tune" -> tune(opt, params, train, eval);
      default -> throw new IllegalArgumentException("mode: dump or tune");
    }
  }

  private static void dump(Map<String, String> opt, Dataset eval) throws IOException {
    SubjectEnsembleModel ens;
    try (LoadContext ctx = LoadContext.standard()) {
      ens = (SubjectEnsembleModel) ModelStore.load(Path.of(opt.get("model")), ctx).model();
      List<String> names = new ArrayList<>(ens.components().keySet());
      int candidates = ens.candidates();
      List<Document> docs = eval.documents();
      // written whole or not at all: a dump cut short by a killed run is never read as complete
      AtomicFiles.writeAtomically(Path.of(opt.get("out")), file -> {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
            Files.newOutputStream(file)))) {
          out.writeInt(names.size());
          out.writeInt(docs.size());
          for (String n : names) {
            long t0 = System.nanoTime();
            out.writeUTF(n);
            SubjectComponent c = (SubjectComponent) ens.components().get(n);
            for (int s = 0; s < docs.size(); s += 250) {
              List<Document> part = docs.subList(s, Math.min(docs.size(), s + 250));
              for (SparseScores r : c.scoreAll(part)) {
                SparseScores t = SubjectEnsembleClassifier.top(r, candidates);
                out.writeInt(t.cols.length);
                for (int x = 0; x < t.cols.length; x++) {
                  out.writeInt(t.cols[x]);
                  out.writeFloat(t.scores[x]);
                }
              }
            }
            System.out.printf("%s scored %d documents in %.1f s%n", n, docs.size(),
                (System.nanoTime() - t0) / 1e9);
          }
        }
      });
    }
  }

  /** Component names and their rows, as {@link #dump} wrote them. */
  static Map<String, List<SparseScores>> read(Path file) throws IOException {
    Map<String, List<SparseScores>> out = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Files.newInputStream(file)))) {
      int c = in.readInt();
      int m = in.readInt();
      for (int q = 0; q < c; q++) {
        String n = in.readUTF();
        List<SparseScores> rows = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
          int len = in.readInt();
          int[] cols = new int[len];
          float[] v = new float[len];
          for (int x = 0; x < len; x++) {
            cols[x] = in.readInt();
            v[x] = in.readFloat();
          }
          rows.add(new SparseScores(cols, v));
        }
        out.put(n, rows);
      }
    }
    return out;
  }

  /**
   * Builds the stacked ensemble from the components of a saved ensemble ({@code --model}) and
   * the dumped tuning scores, as {@code combine=stack} would fit it on the same scores, saves it
   * to {@code --save}, and times the stacker alone (features and regression, after the
   * components) on the first 1,000 tuning documents.
   */
  private static Map<String, Object> save(Map<String, String> opt, Map<String, String> params,
      List<String> names, List<List<SparseScores>> raw, int[][] gold, int[] freq,
      Stacker.Settings st, Dataset train) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    try (LoadContext ctx = LoadContext.standard()) {
      SubjectEnsembleModel ens =
          (SubjectEnsembleModel) ModelStore.load(Path.of(opt.get("model")), ctx).model();
      List<SubjectComponent> comps = new ArrayList<>();
      for (String n : names) {
        comps.add((SubjectComponent) ens.components().get(n));
      }
      List<SparseScores> oofRaw = Stacker.outOfFold(raw, gold, freq, st);
      Isotonic finalCal = SubjectEnsembleClassifier.fitIsotonic(oofRaw, gold);
      List<SparseScores> oof = Stacker.calibrateOutOfFold(oofRaw, gold, st);
      double[] rule = Stacker.bestRule(oof, gold);
      Stacker.Fitted fitted = Stacker.fit(raw, gold,
          java.util.stream.IntStream.range(0, gold.length).toArray(), freq, st);
      Map<String, Object> p = new LinkedHashMap<>();
      ens.paramsMap().forEach((k, v) -> {
        String head = k.contains(".") ? k.substring(0, k.indexOf('.')) : "";
        if (head.isEmpty() || names.contains(head)) {
          p.put(k, v);
        }
      });
      p.put("components", String.join(",", names));
      p.put("combine", "stack");
      p.put("stack.depth", st.depth());
      p.put("stack.folds", st.folds());
      p.put("stack.l2", st.l2());
      p.put("stack.freq", st.freqFeatures());
      Map<String, Object> tuning = new LinkedHashMap<>();
      tuning.put("tuning_docs", gold.length);
      tuning.put("combine", "stack");
      tuning.put("oof_f1_at_5", SubjectEnsembleClassifier.f1AtK(oof, gold, 5));
      tuning.put("oof_decided_f1", rule[2]);
      tuning.put("built_from", opt.get("scores"));
      double[] ones = new double[names.size()];
      Arrays.fill(ones, 1.0);
      SubjectEnsembleModel model = new SubjectEnsembleModel(ens.classes(), ens.multiLabel(), p,
          names, comps, ones, fitted.cal(), finalCal, (int) rule[0], rule[1],
          ens.candidates(), tuning, new SubjectEnsembleModel.Stack(fitted.lr(), freq,
              st.depth(), st.freqFeatures()));
      // provenance: the ensemble spec these params name (what combine=stack would have fitted)
      Map<String, String> spec = new LinkedHashMap<>();
      p.forEach((k, v) -> {
        if (SubjectMethods.ensembleParams().contains(k)) {
          spec.put(k, String.valueOf(v));
        }
      });
      ModelStore.save(model, Path.of(opt.get("save")), org.classify4j.persist.Provenance.of(
          org.classify4j.method.Methods.create(SubjectEnsembleClassifier.TYPE,
              org.classify4j.method.MethodParams.of(spec), ctx), train), model.defaultRule());
      out.put("rule", "limit " + (int) rule[0] + " threshold " + rule[1]);
      out.put("regression_weights", Arrays.toString(fitted.lr().w));
      // the stacker's own cost per document, after the components' scores
      int n = Math.min(1000, gold.length);
      long t0 = System.nanoTime();
      double sink = 0;
      for (int i = 0; i < n; i++) {
        List<SparseScores> rows = Stacker.row(raw, i);
        SparseScores s = Stacker.apply(finalCal, Stacker.score(Stacker.candidates(rows,
            fitted.cal(), freq, st.depth(), st.freqFeatures()), fitted.lr()));
        sink += s.scores.length;
      }
      out.put("stacker_ms_per_doc", (System.nanoTime() - t0) / 1e6 / n);
      out.put("candidates_per_doc", sink / n);
    }
    return out;
  }

  private static void tune(Map<String, String> opt, Map<String, String> params, Dataset train,
      Dataset eval) throws IOException {
    Map<String, List<SparseScores>> dumped = read(Path.of(opt.get("scores")));
    List<String> names = new ArrayList<>(dumped.keySet());
    if (params.containsKey("components")) {
      names = List.of(params.get("components").split(","));
    }
    List<List<SparseScores>> raw = new ArrayList<>();
    for (String n : names) {
      raw.add(dumped.get(n));
    }
    int k = train.labels().size();
    int[][] gold = new int[eval.size()][];
    for (int i = 0; i < gold.length; i++) {
      gold[i] = Arrays.stream(eval.goldIndices(i)).filter(j -> j < k).toArray();
    }
    int[] freq = Stacker.labelFrequencies(train);
    Stacker.Settings st = Stacker.Settings.parse(params);
    long t0 = System.nanoTime();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("components", names);
    report.put("settings", params);
    report.putAll(Stacker.crossFit(raw, gold, freq, st));
    report.put("seconds", (System.nanoTime() - t0) / 1e9);
    if (opt.containsKey("save")) {
      report.put("saved", save(opt, params, names, raw, gold, freq, st, train));
    }
    System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
  }
}
