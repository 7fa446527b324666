package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.classify4j.Json;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LlmLabel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A tryout, not a unit test (needs ../shared/datasets/sst2 and the bundled all-minilm-l6-v2):
 * distill a simulated LLM's labels of SST-2 train into a head on MiniLM embeddings, choose the
 * threshold for precision ≥ 0.9 on 300 dev sentences (the "human audit"), report on the test set.
 * The simulated LLM is calibrated: its confidence c is uniform in [0.55, 1] and its label is right
 * with probability c (about 22 % label noise).
 *
 * <p>Run: {@code ./mvnw -o -pl classify4j-cli -am test -Dtest=DistillSst2Tryout
 * -Dsurefire.failIfNoSpecifiedTests=false}; the reports land in {@code
 * classify4j-cli/target/distill-sst2/}.
 */
class DistillSst2Tryout {
  static final Path DATA = Path.of("../../shared/datasets/sst2").toAbsolutePath().normalize();

  @Test
  void distillSimulatedLlmLabelsOfSst2() throws Exception {
    Path data = Files.isDirectory(DATA) ? DATA : Path.of("/work/shared/datasets/sst2");
    Assumptions.assumeTrue(Files.isDirectory(data), "no shared SST-2 data");
    Path out = Path.of("target/distill-sst2").toAbsolutePath();
    Files.createDirectories(out);
    Dataset train = DatasetReader.read(data.resolve("train.jsonl"));
    SplittableRandom rnd = new SplittableRandom(7);
    List<String> lines = new ArrayList<>();
    int wrong = 0;
    for (Example e : train.examples()) {
      String gold = e.labels().get(0);
      String other = gold.equals("positive") ? "negative" : "positive";
      double c = 0.55 + 0.45 * rnd.nextDouble();
      boolean right = rnd.nextDouble() < c;
      wrong += right ? 0 : 1;
      String l = right ? gold : other;
      Map<String, Double> s = l.equals("positive") ? Map.of("negative", 1 - c, "positive", c)
          : Map.of("negative", c, "positive", 1 - c);
      lines.add(LabelFile.toJsonLine(new LlmLabel("tr" + lines.size(), e.document().text(),
          Map.of(), List.of(l), c, new java.util.TreeMap<>(s), false, "scored")));
    }
    Files.write(out.resolve("sst2-train.llm.jsonl"), lines);
    List<String> dev = Files.readAllLines(data.resolve("dev.jsonl"));
    List<String> audit = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      JsonNode n = Json.mapper().readTree(dev.get(i));
      audit.add(((com.fasterxml.jackson.databind.node.ObjectNode) n).put("id", "dev" + i).toString());
    }
    Files.write(out.resolve("sst2-audit.jsonl"), audit);
    StringWriter so = new StringWriter();
    StringWriter se = new StringWriter();
    Main main = new Main(new ByteArrayInputStream(new byte[0]), Map.of(), false, out,
        Path.of("/nonexistent-home"));
    CommandLine cl = main.commandLine(new PrintWriter(so, true), new PrintWriter(se, true));
    cl.getCommandSpec().removeSubcommand("distill");
    cl.addSubcommand("distill", new DistillCommand());
    cl.setOut(new PrintWriter(so, true));
    cl.setErr(new PrintWriter(se, true));
    long t0 = System.nanoTime();
    int code = cl.execute("distill", "--train", "sst2-train.llm.jsonl", "--audit",
        "sst2-audit.jsonl", "--test", data.resolve("test.jsonl").toString(),
        "--target-precision", "0.9", "--positive", "positive", "--embedder", "all-minilm-l6-v2",
        "--out", "model", "--json", "distill-report.json");
    double secs = (System.nanoTime() - t0) / 1e9;
    String summary = String.format(java.util.Locale.ROOT,
        "simulated LLM label noise on train: %d of %d (%.3f); distill took %.1f s%n%s%s",
        wrong, train.size(), (double) wrong / train.size(), secs, so, se);
    Files.writeString(out.resolve("summary.txt"), summary);
    System.out.println(summary);
    assertThat(code).as(se.toString()).isZero();
  }

  /** The weighting options compared on the same simulated labels (embeddings computed once). */
  @Test
  void compareWeightings() throws Exception {
    Path data = Files.isDirectory(DATA) ? DATA : Path.of("/work/shared/datasets/sst2");
    Path out = Path.of("target/distill-sst2").toAbsolutePath();
    Assumptions.assumeTrue(Files.exists(out.resolve("sst2-train.llm.jsonl")),
        "run distillSimulatedLlmLabelsOfSst2 first");
    List<LlmLabel> labels = LabelFile.read(out.resolve("sst2-train.llm.jsonl"));
    Dataset audit = DatasetReader.read(out.resolve("sst2-audit.jsonl"));
    Dataset test = DatasetReader.read(data.resolve("test.jsonl"));
    StringBuilder b = new StringBuilder("weighting        min_conf  audit P    audit R    test P"
        + "     test R     (target precision 0.9 on the audit sample)\n");
    try (org.classify4j.embed.TextEmbedder e = new org.classify4j.embed.CachingTextEmbedder(
        org.classify4j.embed.Embedders.create("all-minilm-l6-v2"), 20_000)) {
      Object[][] variants = {{"SOFT", 0.0}, {"CONFIDENCE", 0.0}, {"NONE", 0.0}, {"NONE", 0.75},
          {"SOFT", 0.75}};
      for (Object[] v : variants) {
        org.classify4j.distill.Distiller.Result r = org.classify4j.distill.Distiller.builder(e)
            .weighting(org.classify4j.distill.Distiller.Weighting.valueOf((String) v[0]))
            .minConfidence((Double) v[1])
            .target(org.classify4j.distill.Target.precision(0.9)).positiveLabel("positive")
            .bootstrap(new org.classify4j.eval.Bootstrap(200, 0.95, 1)).build()
            .distill(labels, audit, java.util.Optional.of(test), java.util.Optional.empty());
        var rep = r.report();
        b.append(String.format(java.util.Locale.ROOT, "%-16s %-9.2f %-10.4f %-10.4f %-10.4f %-10.4f%s%n",
            v[0], v[1], rep.audit().precision().estimate(), rep.audit().recall().estimate(),
            rep.test().orElseThrow().precision().estimate(),
            rep.test().orElseThrow().recall().estimate(), rep.targetMet() ? "" : " (target not met)"));
      }
    }
    Files.writeString(out.resolve("weightings.txt"), b.toString());
    System.out.println(b);
    assertThat(b.toString()).contains("SOFT");
  }
}
