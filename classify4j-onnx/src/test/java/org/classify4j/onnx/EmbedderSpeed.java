package org.classify4j.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classify4j.Json;

/**
 * CPU seconds per 1000 texts of each bundled model on the first N texts of a JSONL file, in one
 * JVM, models interleaved over rounds (the median round is printed): the speed side of the
 * default-embedder rule in docs/benchmarks.md. Process CPU time counts every thread, ONNX
 * Runtime's native ones included, so it holds on a shared machine where wall time does not.
 * {@code java -cp CLI_JAR:classify4j-onnx/target/test-classes org.classify4j.onnx.EmbedderSpeed
 * FILE N ROUNDS [MODEL...]}
 */
final class EmbedderSpeed {
  private EmbedderSpeed() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    List<String> names = args.length > 3 ? List.of(args).subList(3, args.length)
        : BundledModel.available().stream().map(BundledModel::name).toList();
    List<String> texts = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      if (!l.isBlank() && texts.size() < n) {
        JsonNode j = Json.mapper().readTree(l);
        texts.add(j.get("text").asText());
      }
    }
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    Map<String, OnnxTextEmbedder> models = new LinkedHashMap<>();
    for (String name : names) {
      OnnxTextEmbedder e = OnnxTextEmbedder.create(name);
      e.embed(texts.subList(0, Math.min(32, texts.size()))); // warm up
      models.put(name, e);
    }
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    Map<String, List<Double>> wall = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, OnnxTextEmbedder> m : models.entrySet()) {
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        m.getValue().embed(texts);
        cpu.computeIfAbsent(m.getKey(), k -> new ArrayList<>())
            .add((os.getProcessCpuTime() - c0) / 1e9 * 1000 / texts.size());
        wall.computeIfAbsent(m.getKey(), k -> new ArrayList<>())
            .add((System.nanoTime() - t0) / 1e9 * 1000 / texts.size());
      }
    }
    System.out.println("model\tCPU s per 1000 texts (median of rounds)\twall s per 1000 texts");
    for (String name : models.keySet()) {
      System.out.printf(Locale.ROOT, "%s\t%.1f %s\t%.1f%n", name, median(cpu.get(name)),
          cpu.get(name).stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList(),
          median(wall.get(name)));
      models.get(name).close();
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }
}
