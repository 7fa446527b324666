package org.classify4j.openai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.classify4j.Json;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.classify.InvalidAnswerPolicy;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.llm.classify.LlmResult;
import org.classify4j.llm.cache.CachingChatModel;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.llm.govern.RetryPolicy;
import org.classify4j.llm.govern.UsageReport;
import org.classify4j.openai.H2ResponseCache;
import org.classify4j.openai.OpenAiChatModel;
import org.classify4j.openai.OpenAiConfig;
import org.classify4j.testkit.HashingEmbedder;
import org.classify4j.testkit.openai.ChatScript;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.Fault;
import org.classify4j.testkit.openai.KeywordChatScript;
import org.classify4j.testkit.openai.ScriptedReply;

/**
 * The must-shows of docs/benchmarks-llm.md, against the fake OpenAI server on loopback with
 * banking77 (77 labels). Usage: {@code LlmBench [DATASET_DIR] [SECTION...]} with sections
 * requests, tokens, throughput, cache, faults, invalid (default: all). Prints one block per section.
 */
public final class LlmBench {
  private LlmBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets/banking77");
    if (!Files.isRegularFile(dir.resolve("train.jsonl"))) {
      System.out.println("banking77 not found under " + dir + ": nothing to measure (skipped)");
      return;
    }
    Set<String> sections = new HashSet<>(args.length > 1
        ? Arrays.asList(args).subList(1, args.length)
        : List.of("requests", "tokens", "throughput", "cache", "faults", "invalid"));
    LabelSpace labels = LabelSpace.ofNames(Files.readAllLines(dir.resolve("labels.txt")).stream()
        .map(String::strip).filter(s -> !s.isEmpty()).toList());
    Dataset train = read(dir.resolve("train.jsonl"), labels);
    Dataset test = read(dir.resolve("test.jsonl"), labels);
    System.out.printf(Locale.ROOT, "banking77: %d labels, train %d, test %d%n", labels.size(),
        train.size(), test.size());
    List<Document> docs = sample(test, 600, 1);
    KeywordChatScript script = KeywordChatScript.fromLabels(labels);
    HashingEmbedder emb = new HashingEmbedder(512);

    if (sections.contains("requests")) {
      try (FakeOpenAiServer server = new FakeOpenAiServer(script)) {
        LlmClassifierModel m = LlmClassifier.builder(client(server, 10)).parallelism(8).build()
            .fit(train);
        m.predictProba(docs);
        System.out.printf(Locale.ROOT, "%n[requests] single-label zero-shot, %d documents: %d HTTP"
            + " requests (%.3f per document)%n", docs.size(), server.requestCount(),
            server.requestCount() / (double) docs.size());
      }
    }
    if (sections.contains("tokens")) {
      try (FakeOpenAiServer server = new FakeOpenAiServer(script)) {
        GovernedChatModel all = GovernedChatModel.builder(client(server, 10)).maxConcurrency(8).build();
        LlmClassifier.builder(all).parallelism(8).build().fit(train).predictProba(docs);
        GovernedChatModel rr = GovernedChatModel.builder(client(server, 10)).maxConcurrency(8).build();
        LlmClassifierModel rrModel = LlmClassifier.builder(rr).embedder(emb).candidates(10)
            .parallelism(8).build().fit(train);
        LlmClassifierModel.Detailed d = rrModel.predictDetailed(docs);
        GovernedChatModel rrc = GovernedChatModel.builder(client(server, 10)).maxConcurrency(8).build();
        LlmClassifierModel.Detailed dc = LlmClassifier.builder(rrc).embedder(emb).candidates(10)
            .useExampleCentroids(true).parallelism(8).build().fit(train).predictDetailed(docs);
        double a = all.report().promptTokens() / (double) docs.size();
        double r = rr.report().promptTokens() / (double) docs.size();
        double rc = rrc.report().promptTokens() / (double) docs.size();
        System.out.printf(Locale.ROOT, "%n[tokens] prompt tokens per document (server usage),"
            + " %d documents%n  all 77 labels in the prompt: %.1f%n  retrieve-then-rank, k=10"
            + " (hashing:512 embedder, label names): %.1f  (ratio %.3f)%n"
            + "  recall@10 of the gold label among candidates: names %.3f, names+centroids %.3f"
            + " (%.1f tokens)%n",
            docs.size(), a, r, r / a, recall(d, docs, test), recall(dc, docs, test), rc);
      }
    }
    if (sections.contains("throughput")) {
      try (FakeOpenAiServer server = new FakeOpenAiServer(script)) {
        server.latency(Duration.ofMillis(200));
        GovernedChatModel g = GovernedChatModel.builder(client(server, 30)).maxConcurrency(16).build();
        LlmClassifierModel m = LlmClassifier.builder(g).embedder(emb).candidates(10)
            .parallelism(16).build().fit(train);
        List<Document> warm = docs.subList(0, 32);
        m.predictProba(warm);
        List<Document> run = docs.subList(32, 32 + 480);
        long t0 = System.nanoTime();
        m.predictProba(run);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%n[throughput] 200 ms server latency, 16 concurrent calls:"
            + " %d documents in %.2f s = %.1f documents/s (ceiling 16/0.2 = 80)%n", run.size(), s,
            run.size() / s);
      }
    }
    if (sections.contains("cache")) {
      Path cacheDir = Files.createTempDirectory("classify4j-bench-cache");
      try (FakeOpenAiServer server = new FakeOpenAiServer(script)) {
        OpenAiChatModel c = client(server, 10);
        long[] reqs = new long[2];
        double[] secs = new double[2];
        for (int run = 0; run < 2; run++) {
          long before = server.requestCount();
          long t0 = System.nanoTime();
          try (H2ResponseCache cache = H2ResponseCache.open(cacheDir)) {
            GovernedChatModel g = GovernedChatModel.builder(c).maxConcurrency(8).build();
            CachingChatModel cached = new CachingChatModel(g, cache);
            LlmClassifier.builder(cached).embedder(emb).candidates(10).parallelism(8).build()
                .fit(train).predictProba(docs);
          }
          secs[run] = (System.nanoTime() - t0) / 1e9;
          reqs[run] = server.requestCount() - before;
        }
        System.out.printf(Locale.ROOT, "%n[cache] H2 cache in a fresh directory, %d documents:"
            + " run 1 %d HTTP requests (%.2f s), run 2 (cache reopened) %d HTTP requests (%.2f s)%n",
            docs.size(), reqs[0], secs[0], reqs[1], secs[1]);
      }
    }
    if (sections.contains("faults")) {
      try (FakeOpenAiServer server = new FakeOpenAiServer(script)) {
        server.latency(Duration.ofMillis(20)).randomFaults(0.2, 11, List.of(
            Fault.rateLimited(Duration.ofMillis(200)), Fault.of(Fault.Kind.SERVER_ERROR),
            Fault.slow(Duration.ofSeconds(3))));
        OpenAiChatModel impatient = new OpenAiChatModel(OpenAiConfig.of(server.baseUrl(), "", "fake")
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        GovernedChatModel g = GovernedChatModel.builder(impatient).maxConcurrency(16)
            .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(50),
                Duration.ofSeconds(2))).build();
        LlmClassifierModel m = LlmClassifier.builder(g).embedder(emb).candidates(10)
            .parallelism(16).build().fit(train);
        long t0 = System.nanoTime();
        LlmClassifierModel.Detailed d = m.predictDetailed(docs);
        double s = (System.nanoTime() - t0) / 1e9;
        long scored = d.results().stream().filter(x -> x.outcome() == LlmResult.Outcome.SCORED)
            .count();
        UsageReport r = g.report();
        System.out.printf(Locale.ROOT, "%n[faults] 20%% injected faults (429 Retry-After 200 ms,"
            + " 500, 3 s stall vs 1 s timeout), %d documents in %.1f s%n  rows %d, scored %d;"
            + " server: %d requests, %d faults, %d distinct request bodies%n  report: %s%n",
            docs.size(), s, d.scores().rows(), scored, server.requestCount(), server.faultCount(),
            server.distinctRequests(), r);
      }
    }
    if (sections.contains("invalid")) {
      // the model answers nonsense for about a third of the documents
      ChatScript flaky = req -> {
        String u = req.lastUserMessage();
        return Math.floorMod(u.hashCode(), 3) == 0 ? ScriptedReply.text("Sorry, I can't tell.")
            : script.answer(req);
      };
      try (FakeOpenAiServer server = new FakeOpenAiServer(flaky)) {
        for (InvalidAnswerPolicy pol : List.of(InvalidAnswerPolicy.abstain(),
            InvalidAnswerPolicy.fixedLabel("card_arrival"))) {
          LlmClassifierModel m = LlmClassifier.builder(client(server, 10)).embedder(emb)
              .candidates(10).invalidAnswerPolicy(pol).parallelism(8).build().fit(train);
          LlmClassifierModel.Detailed d = m.predictDetailed(docs);
          int invalid = 0;
          int wrongHandling = 0;
          int fixedIdx = labels.requireIndex("card_arrival");
          for (int i = 0; i < docs.size(); i++) {
            LlmResult res = d.results().get(i);
            float[] row = d.scores().row(i);
            boolean nonsense = res.answer().startsWith("Sorry");
            if (res.outcome() == LlmResult.Outcome.INVALID_ABSTAINED
                || res.outcome() == LlmResult.Outcome.INVALID_FIXED_LABEL) {
              invalid++;
              double sum = 0;
              for (float v : row) {
                sum += v;
              }
              boolean ok = pol.kind() == InvalidAnswerPolicy.Kind.ABSTAIN ? sum == 0
                  : row[fixedIdx] == 1f && sum == 1;
              wrongHandling += ok && nonsense ? 0 : 1;
            } else if (nonsense) {
              wrongHandling++;
            }
          }
          System.out.printf(Locale.ROOT, "%n[invalid] policy %s: %d of %d answers invalid; rows"
              + " not handled by the policy: %d%n", pol.kind(), invalid, docs.size(),
              wrongHandling);
        }
      }
    }
  }

  private static double recall(LlmClassifierModel.Detailed d, List<Document> docs, Dataset test) {
    java.util.Map<String, String> gold = new java.util.HashMap<>();
    for (Example e : test.examples()) {
      gold.put(e.document().id(), e.labels().get(0));
    }
    int hit = 0;
    for (int i = 0; i < docs.size(); i++) {
      hit += d.results().get(i).candidates().contains(gold.get(docs.get(i).id())) ? 1 : 0;
    }
    return hit / (double) docs.size();
  }

  private static OpenAiChatModel client(FakeOpenAiServer server, int timeoutSeconds) {
    return new OpenAiChatModel(OpenAiConfig.of(server.baseUrl(), "", "fake-model")
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(timeoutSeconds)));
  }

  private static List<Document> sample(Dataset d, int n, long seed) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      idx.add(i);
    }
    java.util.Collections.shuffle(idx, new Random(seed));
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < Math.min(n, idx.size()); i++) {
      out.add(d.get(idx.get(i)).document());
    }
    return out;
  }

  private static Dataset read(Path file, LabelSpace labels) throws IOException {
    List<Example> ex = new ArrayList<>();
    int line = 0;
    for (String s : Files.readAllLines(file)) {
      line++;
      if (s.isBlank()) {
        continue;
      }
      JsonNode n = Json.mapper().readTree(s);
      List<String> ls = new ArrayList<>();
      n.path("labels").forEach(l -> ls.add(l.asText()));
      String id = n.has("id") ? n.path("id").asText() : file.getFileName() + ":" + line;
      ex.add(new Example(Document.of(id, n.path("text").asText()), ls));
    }
    return new Dataset(labels, ex, false);
  }
}
