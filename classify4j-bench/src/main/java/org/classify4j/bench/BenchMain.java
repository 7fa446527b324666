package org.classify4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classify4j.Json;
import org.classify4j.onnx.BatchingPolicy;
import org.classify4j.onnx.BundledModel;
import org.classify4j.onnx.OnnxTextEmbedder;

/**
 * {@code java -jar classify4j-bench.jar throughput|drift [--datasets DIR] [options]}.
 *
 * <ul>
 *   <li>{@code throughput}: texts/s and peak memory per engine and text set; each engine runs in
 *       its own JVM (same -Xmx) so peak RSS is its own; each measurement is repeated.
 *   <li>{@code drift}: cosine of batched vectors to one-by-one vectors, per bundled model and
 *       batching policy, with the time each policy took.
 * </ul>
 */
public final class BenchMain {
  static final String DEFAULT_ENGINES =
      "onnx:all-minilm-l6-v2,onnx:all-minilm-l6-v2?maxLength=128,lc4j,raw:onnx:all-minilm-l6-v2";

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      usage();
      return;
    }
    Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
    switch (args[0]) {
      case "throughput" -> throughput(o);
      case "worker" -> worker(o);
      case "drift" -> drift(o);
      case "sweep" -> sweep(o);
      case "ortprofile" -> ortProfile(o);
      default -> {
        usage();
        System.exit(2);
      }
    }
  }

  static void usage() {
    System.out.println(
        """
        usage: java -jar classify4j-bench.jar throughput|drift|sweep|ortprofile [options]
          --datasets DIR     shared datasets (default /work/shared/datasets)
          --threads N        threads per engine (default: available processors)
          --repeat N         timed passes per measurement (default 3)
          --short N          banking77 test texts in the short set (default 3080 = all)
          --long N           20newsgroups test texts in the long set (default 200)
          --mixed S,L        short and long texts in the mixed set (default 1000,100)
          throughput only:
          --sets LIST        short,long,mixed,agnews
          --engines LIST     default %s
                             (onnx:ID = classify4j, lc4j / lc4j-q = LangChain4j, raw:onnx:ID = bare
                             ORT session on classify4j's batches)
          --xmx SIZE         heap of each worker JVM (default 2g)
          drift only:
          --models LIST      bundled model names (default: all on the class path)
          --drift S,L        short and long texts (default 300,60)
          sweep (classify4j embedders side by side in one JVM, passes interleaved):
          --set NAME         one text set (default agnews); --limit N: its first N texts
          --engines LIST     onnx:... ids; --rounds N interleaved rounds (default 2)
          ortprofile (ONNX Runtime's own per-operator times on the batches an embedder plans):
          --set NAME --limit N --engine onnx:ID (default onnx:all-minilm-l6-v2)
        """
            .formatted(DEFAULT_ENGINES));
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value, got " + args[i]);
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }

  static int threads(Map<String, String> o) {
    return Integer.parseInt(
        o.getOrDefault("threads", "" + Runtime.getRuntime().availableProcessors()));
  }

  static TextSets.Sizes sizes(Map<String, String> o) {
    String[] mixed = o.getOrDefault("mixed", "1000,100").split(",");
    return new TextSets.Sizes(
        Integer.parseInt(o.getOrDefault("short", "3080")),
        Integer.parseInt(o.getOrDefault("long", "200")),
        Integer.parseInt(mixed[0]),
        Integer.parseInt(mixed[1]));
  }

  static Path datasets(Map<String, String> o) {
    return Path.of(o.getOrDefault("datasets", "/work/shared/datasets"));
  }

  // ------------------------------------------------------------------ throughput

  static void throughput(Map<String, String> o) throws Exception {
    List<String> sets = List.of(o.getOrDefault("sets", "short,long,mixed").split(","));
    List<String> engines = List.of(o.getOrDefault("engines", DEFAULT_ENGINES).split(","));
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    System.out.printf(
        Locale.ROOT,
        "# throughput: %d cores visible, threads=%d, repeat=%s, -Xmx%s, java %s%n",
        Runtime.getRuntime().availableProcessors(),
        threads(o),
        o.getOrDefault("repeat", "3"),
        o.getOrDefault("xmx", "2g"),
        System.getProperty("java.version"));
    List<JsonNode> results = new ArrayList<>();
    for (String set : sets) {
      for (String engine : engines) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx" + o.getOrDefault("xmx", "2g"));
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(BenchMain.class.getName());
        cmd.add("worker");
        for (Map.Entry<String, String> e : o.entrySet()) {
          if (!e.getKey().equals("sets") && !e.getKey().equals("engines") && !e.getKey().equals("xmx")) {
            cmd.add("--" + e.getKey());
            cmd.add(e.getValue());
          }
        }
        cmd.addAll(List.of("--set", set, "--engine", engine));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        JsonNode result = null;
        try (BufferedReader r =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            if (line.startsWith("RESULT ")) {
              result = Json.mapper().readTree(line.substring(7));
              System.out.println(line);
            } else if (!line.contains("SLF4J")) {
              System.out.println("  | " + line);
            }
          }
        }
        int rc = p.waitFor();
        if (rc != 0 || result == null) {
          System.out.println("worker failed (exit " + rc + ") for " + engine + " on " + set);
          continue;
        }
        results.add(result);
      }
    }
    System.out.println();
    System.out.println(table(results));
  }

  static String table(List<JsonNode> results) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| set | engine | texts | model tokens/text | padded/real | texts/s per run | median texts/s |"
            + " median CPU s per 1000 texts | peak RSS MB | peak heap MB |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonNode r : results) {
      int texts = r.get("texts").asInt();
      List<Double> rates = new ArrayList<>();
      for (JsonNode s : r.get("secs")) {
        rates.add(texts / s.asDouble());
      }
      List<Double> cpu = new ArrayList<>();
      for (JsonNode s : r.get("cpuSecs")) {
        cpu.add(1000 * s.asDouble() / texts);
      }
      long tokens = r.get("tokens").asLong();
      long padded = r.get("padded").asLong();
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | `%s` | %d | %.1f | %s | %s | **%.1f** | %.1f | %d | %d |%n",
              r.get("set").asText(),
              r.get("engine").asText(),
              texts,
              tokens / (double) texts,
              padded > 0 ? String.format(Locale.ROOT, "%.2f", padded / (double) tokens) : "–",
              rates.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList(),
              median(rates),
              median(cpu),
              r.get("rssPeakMb").asLong(),
              r.get("heapPeakMb").asLong()));
    }
    return b.toString();
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static void worker(Map<String, String> o) throws Exception {
    String set = o.get("set");
    String spec = o.get("engine");
    int threads = threads(o);
    int repeat = Integer.parseInt(o.getOrDefault("repeat", "3"));
    List<String> texts = TextSets.load(datasets(o), set, sizes(o));
    long t0 = System.nanoTime();
    ObjectNode out = Json.mapper().createObjectNode();
    try (Engine engine = Engine.create(spec, threads)) {
      double loadSecs = (System.nanoTime() - t0) / 1e9;
      engine.prepare(texts);
      long tokens = engine.tokens(texts);
      long padded = engine.paddedTokens(texts);
      // Warm-up on a slice (JIT, ORT arenas); not timed.
      engine.run(texts.subList(0, Math.min(64, texts.size())));
      ArrayNode secs = out.putArray("secs");
      ArrayNode cpu = out.putArray("cpuSecs");
      double check = 0;
      for (int i = 0; i < repeat; i++) {
        long c = processCpuNanos();
        long s = System.nanoTime();
        check += engine.run(texts);
        secs.add((System.nanoTime() - s) / 1e9);
        cpu.add((processCpuNanos() - c) / 1e9);
      }
      out.put("set", set);
      out.put("engine", spec);
      out.put("threads", threads);
      out.put("texts", texts.size());
      out.put("tokens", tokens);
      out.put("padded", padded);
      out.put("loadSecs", loadSecs);
      out.put("checksum", check);
    }
    out.put("rssPeakMb", rssPeakKb() / 1024);
    long heap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heap += pool.getPeakUsage().getUsed();
      }
    }
    out.put("heapPeakMb", heap >> 20);
    System.out.println("RESULT " + Json.mapper().writeValueAsString(out));
  }

  /** CPU time of the whole process (all threads, native ones included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** VmHWM of this process (peak resident set), in KiB; -1 where /proc is missing. */
  static long rssPeakKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  // ------------------------------------------------------------------ sweep

  static List<String> sweepTexts(Map<String, String> o) {
    List<String> texts = TextSets.load(datasets(o), o.getOrDefault("set", "agnews"), sizes(o));
    int limit = Integer.parseInt(o.getOrDefault("limit", "0"));
    return limit > 0 && limit < texts.size() ? texts.subList(0, limit) : texts;
  }

  /**
   * Several classify4j embedders on the same texts in one JVM, one pass each per round, rounds
   * interleaved, so every variant sees the same machine load; wall and CPU seconds per pass. Also
   * times tokenizing alone (the Rust batch call the embedder makes first).
   */
  static void sweep(Map<String, String> o) {
    List<String> texts = sweepTexts(o);
    List<String> specs = List.of(o.getOrDefault("engines", "onnx:all-minilm-l6-v2").split(","));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "2"));
    List<OnnxTextEmbedder> es = new ArrayList<>();
    try {
      for (String s : specs) {
        es.add((OnnxTextEmbedder) org.classify4j.embed.Embedders.create(s));
      }
      for (OnnxTextEmbedder e : es) {
        e.embed(texts.subList(0, Math.min(256, texts.size()))); // warm-up, not timed
      }
      long tokens = es.get(0).plan(texts).stream().mapToLong(b -> b.realTokens()).sum();
      System.out.printf(
          Locale.ROOT,
          "# sweep: %d texts of %s, %d tokens; %d rounds; java %s%n",
          texts.size(), o.getOrDefault("set", "agnews"), tokens, rounds,
          System.getProperty("java.version"));
      for (int k = 0; k < 2; k++) {
        long c = processCpuNanos();
        long w = System.nanoTime();
        es.get(0).tokenCounts(texts);
        System.out.printf(
            Locale.ROOT, "tokenizing alone: %.2f s wall, %.2f s CPU%n",
            (System.nanoTime() - w) / 1e9, (processCpuNanos() - c) / 1e9);
      }
      double[][] wall = new double[es.size()][rounds];
      double[][] cpu = new double[es.size()][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < es.size(); i++) {
          long c = processCpuNanos();
          long w = System.nanoTime();
          es.get(i).embed(texts);
          wall[i][r] = (System.nanoTime() - w) / 1e9;
          cpu[i][r] = (processCpuNanos() - c) / 1e9;
        }
      }
      System.out.println("| engine | wall s per pass | CPU s per pass | CPU vs first row |");
      System.out.println("|---|---|---|---|");
      double ref = Arrays.stream(cpu[0]).sum();
      for (int i = 0; i < es.size(); i++) {
        System.out.printf(
            Locale.ROOT, "| `%s` | %s | %s | %.3f |%n",
            specs.get(i), joined(wall[i]), joined(cpu[i]), Arrays.stream(cpu[i]).sum() / ref);
      }
    } finally {
      es.forEach(OnnxTextEmbedder::close);
    }
  }

  static String joined(double[] xs) {
    List<String> out = new ArrayList<>();
    for (double x : xs) {
      out.add(String.format(Locale.ROOT, "%.2f", x));
    }
    return String.join(", ", out);
  }

  /**
   * ONNX Runtime's profiler on the exact batches an embedder plans, one call at a time with one
   * intra-op thread (our session options otherwise); prints kernel time per operator type.
   */
  static void ortProfile(Map<String, String> o) throws Exception {
    List<String> texts = sweepTexts(o);
    String spec = o.getOrDefault("engine", "onnx:all-minilm-l6-v2");
    List<org.classify4j.onnx.TokenBatch> batches;
    try (OnnxTextEmbedder e = (OnnxTextEmbedder) org.classify4j.embed.Embedders.create(spec)) {
      batches = e.plan(texts);
    }
    BundledModel m =
        BundledModel.find(spec.substring("onnx:".length()).replaceAll("\\?.*", "")).orElseThrow();
    ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
    byte[] bytes;
    try (var in = BundledModel.class.getClassLoader().getResourceAsStream(m.modelResource())) {
      bytes = in.readAllBytes();
    }
    Path prefix = Files.createTempDirectory("ortprofile").resolve("profile");
    String file;
    try (ai.onnxruntime.OrtSession.SessionOptions opts = new ai.onnxruntime.OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(1);
      opts.setInterOpNumThreads(1);
      opts.addConfigEntry("session.intra_op.allow_spinning", "0");
      opts.setOptimizationLevel(ai.onnxruntime.OrtSession.SessionOptions.OptLevel.ALL_OPT);
      opts.enableProfiling(prefix.toString());
      try (ai.onnxruntime.OrtSession s = env.createSession(bytes, opts)) {
        for (org.classify4j.onnx.TokenBatch b : batches) {
          long[] shape = {b.rows(), b.cols()};
          Map<String, ai.onnxruntime.OnnxTensor> feed = new LinkedHashMap<>();
          try {
            feed.put("input_ids", ai.onnxruntime.OnnxTensor.createTensor(
                env, java.nio.LongBuffer.wrap(b.inputIds()), shape));
            if (s.getInputNames().contains("attention_mask")) {
              feed.put("attention_mask", ai.onnxruntime.OnnxTensor.createTensor(
                  env, java.nio.LongBuffer.wrap(b.attentionMask()), shape));
            }
            if (s.getInputNames().contains("token_type_ids")) {
              feed.put("token_type_ids", ai.onnxruntime.OnnxTensor.createTensor(
                  env, java.nio.LongBuffer.wrap(new long[b.rows() * b.cols()]), shape));
            }
            try (ai.onnxruntime.OrtSession.Result r = s.run(feed)) {
              r.size();
            }
          } finally {
            feed.values().forEach(ai.onnxruntime.OnnxTensor::close);
          }
        }
        file = s.endProfiling();
      }
    }
    Map<String, Long> byOp = new LinkedHashMap<>();
    long total = 0;
    for (JsonNode ev : Json.mapper().readTree(Path.of(file).toFile())) {
      if ("Node".equals(ev.path("cat").asText()) && ev.path("name").asText().endsWith("_kernel_time")) {
        long d = ev.path("dur").asLong();
        byOp.merge(ev.path("args").path("op_name").asText("?"), d, Long::sum);
        total += d;
      }
    }
    Files.deleteIfExists(Path.of(file));
    System.out.printf(
        Locale.ROOT, "# ortprofile: %s, %d texts of %s, %d calls, kernel time %.1f s%n",
        spec, texts.size(), o.getOrDefault("set", "agnews"), batches.size(), total / 1e6);
    System.out.println("| operator | kernel seconds | share |");
    System.out.println("|---|---|---|");
    long all = total;
    byOp.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e -> System.out.printf(
                Locale.ROOT, "| %s | %.2f | %.1f %% |%n", e.getKey(), e.getValue() / 1e6,
                100.0 * e.getValue() / all));
  }

  // ------------------------------------------------------------------ drift

  record Variant(BatchingPolicy policy, int batchSize) {
    @Override
    public String toString() {
      return policy == BatchingPolicy.ONE_BY_ONE
          ? "one_by_one"
          : policy.name().toLowerCase(Locale.ROOT) + ", batch " + batchSize;
    }
  }

  static void drift(Map<String, String> o) {
    int threads = threads(o);
    String[] ds = o.getOrDefault("drift", "300,60").split(",");
    List<String> shortTexts =
        TextSets.take(TextSets.read(datasets(o).resolve("banking77/test.jsonl")), Integer.parseInt(ds[0]), 7);
    List<String> longTexts =
        TextSets.take(TextSets.read(datasets(o).resolve("20newsgroups/test.jsonl")), Integer.parseInt(ds[1]), 7);
    List<String> texts = new ArrayList<>(shortTexts);
    texts.addAll(longTexts);
    List<BundledModel> models = new ArrayList<>();
    if (o.containsKey("models")) {
      for (String n : o.get("models").split(",")) {
        models.add(BundledModel.find(n).orElseThrow(() -> new IllegalArgumentException(n)));
      }
    } else {
      models.addAll(BundledModel.available());
    }
    System.out.printf(
        Locale.ROOT,
        "# drift: %d short (banking77 test) + %d long (20newsgroups test) texts, threads=%d%n",
        shortTexts.size(), longTexts.size(), threads);
    System.out.println(
        "| model | batching | min cos short | min cos long | mean cos (all) | texts with cos < 0.999 |"
            + " seconds | vs one_by_one time |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    List<Variant> variants =
        List.of(
            new Variant(BatchingPolicy.PADDED, 8),
            new Variant(BatchingPolicy.PADDED, 32),
            new Variant(BatchingPolicy.SAME_LENGTH, 32));
    for (BundledModel m : models) {
      float[][] ref;
      double refSecs;
      try (OnnxTextEmbedder e =
          OnnxTextEmbedder.builder().model(m).intraOpThreads(threads)
              .batching(BatchingPolicy.ONE_BY_ONE).build()) {
        e.embed(texts.subList(0, 16));
        long s = System.nanoTime();
        ref = e.embed(texts);
        refSecs = (System.nanoTime() - s) / 1e9;
      }
      System.out.printf(
          Locale.ROOT, "| %s | one_by_one (reference) | 1 | 1 | 1 | 0 | %.1f | 1.00 |%n", m.name(), refSecs);
      for (Variant v : variants) {
        try (OnnxTextEmbedder e =
            OnnxTextEmbedder.builder().model(m).intraOpThreads(threads)
                .batching(v.policy()).batchSize(v.batchSize()).build()) {
          e.embed(texts.subList(0, 16));
          long s = System.nanoTime();
          float[][] got = e.embed(texts);
          double secs = (System.nanoTime() - s) / 1e9;
          double minShort = 1;
          double minLong = 1;
          double sum = 0;
          int below = 0;
          for (int i = 0; i < texts.size(); i++) {
            double c = cos(ref[i], got[i]);
            sum += c;
            below += c < 0.999 ? 1 : 0;
            if (i < shortTexts.size()) {
              minShort = Math.min(minShort, c);
            } else {
              minLong = Math.min(minLong, c);
            }
          }
          System.out.printf(
              Locale.ROOT,
              "| %s | %s | %.6f | %.6f | %.6f | %d | %.1f | %.2f |%n",
              m.name(), v, minShort, minLong, sum / texts.size(), below, secs, secs / refSecs);
        }
      }
    }
    lc4jAgreement(shortTexts, longTexts, threads, o);
  }

  /** Cosine of our vectors to LangChain4j's for the same model (it truncates at 128 tokens). */
  static void lc4jAgreement(
      List<String> shortTexts, List<String> longTexts, int threads, Map<String, String> o) {
    if (o.containsKey("models") && !o.get("models").contains("all-minilm-l6-v2")) {
      return;
    }
    System.out.println();
    System.out.println("| ours vs LangChain4j | min cos short | min cos long | mean cos (all) |");
    System.out.println("|---|---|---|---|");
    List<String> texts = new ArrayList<>(shortTexts);
    texts.addAll(longTexts);
    for (String[] pair :
        List.of(
            new String[] {"onnx:all-minilm-l6-v2?maxLength=128", "lc4j"},
            new String[] {"onnx:all-minilm-l6-v2", "lc4j"},
            new String[] {"onnx:all-minilm-l6-v2-q?maxLength=128", "lc4j-q"})) {
      try (Engine.Ours ours = (Engine.Ours) Engine.create(pair[0], threads);
          Engine.LangChain4j lc = (Engine.LangChain4j) Engine.create(pair[1], threads)) {
        float[][] a = ours.embedder.embed(texts);
        float[][] b = lc.vectors(texts);
        double minS = 1;
        double minL = 1;
        double sum = 0;
        for (int i = 0; i < texts.size(); i++) {
          double c = cos(a[i], b[i]);
          sum += c;
          if (i < shortTexts.size()) {
            minS = Math.min(minS, c);
          } else {
            minL = Math.min(minL, c);
          }
        }
        System.out.printf(
            Locale.ROOT,
            "| `%s` vs `%s` | %.6f | %.6f | %.6f |%n",
            pair[0], pair[1], minS, minL, sum / texts.size());
      }
    }
  }

  static double cos(float[] a, float[] b) {
    double d = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return d / Math.sqrt(na * nb);
  }
}
