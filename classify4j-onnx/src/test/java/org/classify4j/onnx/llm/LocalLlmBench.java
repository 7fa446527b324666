package org.classify4j.onnx.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.classify4j.Json;

/**
 * Times exact label scoring on a mid-sized decoder: the trie + KV cache ({@link
 * DecoderModel#logProbs}) against the naive way (one full forward pass per label, {@link
 * DecoderModel#logProbsNaive}) on the workload {@code scripts/bench_llm_reference.py} wrote (with
 * its Python/skorch times), and checks both give the Python log-probabilities. Not a test: a main
 * run by hand (see docs/benchmarks.md).
 *
 * <pre>java … org.classify4j.onnx.llm.LocalLlmBench MODEL_DIR WORKLOAD.json [--naive-docs N]</pre>
 */
public final class LocalLlmBench {
  private LocalLlmBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    JsonNode work = Json.mapper().readTree(Files.readString(Path.of(args[1])));
    int naiveDocs = args.length > 3 && args[2].equals("--naive-docs")
        ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
    int threads = work.get("threads").asInt();
    try (DecoderModel m = DecoderModel.open(dir, threads)) {
      JsonNode first = work.get("sets").get(0);
      score(m, first.get("prompts").get(0).asText(), labels(first), false); // warm-up
      for (JsonNode set : work.get("sets")) {
        List<String> labels = labels(set);
        double trieMs = 0;
        double naiveMs = 0;
        int naiveN = 0;
        long trieCalls = 0;
        double maxDiff = 0;
        int n = set.get("prompts").size();
        for (int d = 0; d < n; d++) {
          String prompt = set.get("prompts").get(d).asText();
          long c0 = m.forwardCalls();
          long t0 = System.nanoTime();
          double[] lp = score(m, prompt, labels, false);
          trieMs += (System.nanoTime() - t0) / 1e6;
          trieCalls += m.forwardCalls() - c0;
          JsonNode py = set.get("python_logprobs").get(d);
          for (int j = 0; j < lp.length; j++) {
            maxDiff = Math.max(maxDiff, Math.abs(lp[j] - py.get(j).asDouble()));
          }
          if (d < naiveDocs) {
            t0 = System.nanoTime();
            double[] naive = score(m, prompt, labels, true);
            naiveMs += (System.nanoTime() - t0) / 1e6;
            naiveN++;
            for (int j = 0; j < lp.length; j++) {
              maxDiff = Math.max(maxDiff, Math.abs(naive[j] - lp[j]));
            }
          }
        }
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("set", set.get("name").asText());
        o.put("labels", labels.size());
        o.put("mean_label_tokens", round(set.get("label_tokens").asDouble()));
        o.put("docs", n);
        o.put("trie_ms_per_doc", round(trieMs / n));
        o.put("forward_passes_per_doc", round((double) trieCalls / n));
        if (naiveN > 0) {
          o.put("naive_ms_per_doc", round(naiveMs / naiveN));
          o.put("speedup_vs_naive", round((naiveMs / naiveN) / (trieMs / n)));
          o.put("speedup_over_labels", round((naiveMs / naiveN) / (trieMs / n) / labels.size()));
        }
        double py = set.get("python_ms_per_doc").asDouble();
        o.put("python_skorch_ms_per_doc", round(py));
        o.put("speedup_vs_python", round(py / (trieMs / n)));
        o.put("max_abs_logprob_diff", maxDiff);
        System.out.println(Json.mapper().writeValueAsString(o));
      }
    }
    long heap = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        heap += p.getPeakUsage().getUsed();
      }
    }
    System.out.println(String.format(Locale.ROOT, "{\"peak_heap_mb\":%.1f,\"peak_rss_mb\":%.1f}",
        heap / 1048576.0, rssKb() / 1024.0));
  }

  private static List<String> labels(JsonNode set) {
    List<String> l = new ArrayList<>();
    set.get("labels").forEach(x -> l.add(x.asText()));
    return l;
  }

  /** As the plain-text classifier does: prompt with BOS rules, answers after a space. */
  private static double[] score(DecoderModel m, String prompt, List<String> labels, boolean naive) {
    long[] p = m.encode(prompt, true);
    List<long[]> answers = new ArrayList<>();
    for (String l : labels) {
      answers.add(m.answerIds(prompt, p, " " + l, true));
    }
    return naive ? m.logProbsNaive(p, answers) : m.logProbs(p, answers);
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }

  private static long rssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
