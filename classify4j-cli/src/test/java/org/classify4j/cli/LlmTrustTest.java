package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.Json;
import org.classify4j.testkit.openai.ChatScript;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.KeywordChatScript;
import org.classify4j.testkit.openai.ScriptedReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, items 2, 3, 5, 9–14: label, audit and distill as a hostile user drives them, through
 * the registered commands and the openai provider against the fake server. Files are read as JSON,
 * so each test runs against older code too.
 */
class LlmTrustTest {

  @TempDir Path dir;
  final ChatScript keywords = KeywordChatScript.fromLabels(LlmLabelingCommandsTest.LABELS);
  /** Requests the script is answering right now, and the most at once. */
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  volatile long scriptDelayMs;
  volatile String echo = "";
  final FakeOpenAiServer server = new FakeOpenAiServer(r -> {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      if (scriptDelayMs > 0) {
        Thread.sleep(scriptDelayMs);
      }
      ScriptedReply reply = keywords.answer(r);
      // first, so that an answer cut at max_tokens still carries it
      return echo.isEmpty() ? reply : ScriptedReply.text(echo + " " + reply.text());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  });

  @AfterEach
  void close() {
    server.close();
  }

  CliRun env() {
    return cli().workDir(dir)
        .env("CLASSIFY4J_LLM_BASE_URL", server.baseUrl().toString())
        .env("CLASSIFY4J_LLM_MODEL", "fake-model")
        .env("CLASSIFY4J_CACHE_DIR", dir.resolve("h2").toString());
  }

  Path messages(int n) throws Exception {
    Path p = dir.resolve("messages.jsonl");
    Files.write(p, LlmLabelingCommandsTest.lines("m", 0, n, false));
    return p;
  }

  static List<JsonNode> rows(Path p) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(p)) {
      if (!line.isBlank()) {
        out.add(Json.mapper().readTree(line));
      }
    }
    return out;
  }

  static JsonNode json(Path p) throws Exception {
    return Json.mapper().readTree(p.toFile());
  }

  // ------------------------------------------------------------------ item 2

  @Test
  void cacheRefusesFilesThatAreNotResponseCachesAndNeverAppendsToThem() throws Exception {
    messages(4);
    Path manifest = dir.resolve("model/manifest.json");
    Files.createDirectories(manifest.getParent());
    Files.writeString(manifest, "{\n  \"format\": 1,\n  \"type\": \"centroid\"\n}\n");
    Path labels = dir.resolve("labels.tsv");
    Files.writeString(labels, "no\tEverything else\nyes\tSafety\n");
    Path other = dir.resolve("other.jsonl");
    Files.writeString(other, "{\"id\":\"x\",\"text\":\"some text\",\"labels\":[\"no\"]}\n");
    CliRun.Result first = env().run("label", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "done.jsonl");
    assertThat(first.code()).as(first.toString()).isZero();
    Path input = dir.resolve("messages.jsonl");
    Path done = dir.resolve("done.jsonl");
    for (Path notACache : List.of(manifest, labels, other, input, done)) {
      byte[] before = Files.readAllBytes(notACache);
      CliRun.Result r = env().run("label", "--input", "messages.jsonl", "--labels-file",
          "labels.tsv", "--output", "out-" + notACache.getFileName() + ".jsonl", "--cache",
          dir.relativize(notACache).toString());
      assertThat(r.code()).as("--cache %s: %s", notACache, r).isEqualTo(3);
      assertThat(r.err()).as(r.toString()).contains(notACache.getFileName().toString());
      assertThat(Files.readAllBytes(notACache)).as("%s untouched", notACache).isEqualTo(before);
    }
    // --cache naming the run's own output
    CliRun.Result own = env().run("label", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "done.jsonl", "--cache", "done.jsonl");
    assertThat(own.code()).as(own.toString()).isEqualTo(3);
    // its own cache is recognised and reused
    CliRun.Result again = env().run("label", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "again.jsonl", "--cache", "done.jsonl.cache.jsonl");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.err()).contains("4 cache hits");
  }

  // ------------------------------------------------------------------ item 3

  @Test
  void aSecondLabelRunOnTheSameOutputIsRefusedWhileTheFirstHoldsIt() throws Exception {
    messages(24);
    scriptDelayMs = 100;
    CompletableFuture<CliRun.Result> first = CompletableFuture.supplyAsync(() -> env()
        .env("CLASSIFY4J_LLM_CONCURRENCY", "1").run("label", "-q", "--input", "messages.jsonl",
            "--labels", "no,yes", "--output", "out.jsonl", "--batch-size", "1"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.requestCount() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    CliRun.Result second = env().env("CLASSIFY4J_LLM_CONCURRENCY", "1").run("label", "-q",
        "--input", "messages.jsonl", "--labels", "no,yes", "--output", "out.jsonl");
    boolean firstStillRunning = !first.isDone();
    CliRun.Result r1 = first.get(60, TimeUnit.SECONDS);
    assertThat(r1.code()).as(r1.toString()).isZero();
    assertThat(firstStillRunning).isTrue();
    assertThat(second.code()).as(second.toString()).isEqualTo(3);
    assertThat(second.err()).contains("is being written by another run");
    assertThat(rows(dir.resolve("out.jsonl"))).extracting(n -> n.path("id").asText())
        .doesNotHaveDuplicates().hasSize(24);
    assertThat(server.requestCount()).isEqualTo(24);
    // a lock file left by a killed run is no lock: the operating system dropped its lock
    Files.writeString(dir.resolve("out.jsonl.lock"), "999999\n");
    CliRun.Result after = env().run("label", "-q", "--input", "messages.jsonl", "--labels",
        "no,yes", "--output", "out.jsonl");
    assertThat(after.code()).as(after.toString()).isZero();
  }

  @Test
  void auditAndDistillRefuseALabelFileWithRepeatedIds() throws Exception {
    messages(40);
    CliRun.Result l = env().run("label", "-q", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "out.jsonl");
    assertThat(l.code()).as(l.toString()).isZero();
    Path out = dir.resolve("out.jsonl");
    List<String> lines = Files.readAllLines(out);
    List<String> twice = new ArrayList<>(lines);
    twice.addAll(lines.subList(0, 5));
    Files.write(dir.resolve("twice.jsonl"), twice);
    Files.write(dir.resolve("gold.jsonl"), LlmLabelingCommandsTest.lines("m", 0, 40, true));
    CliRun.Result a = cli().workDir(dir).run("audit", "--llm", "twice.jsonl", "--gold",
        "gold.jsonl");
    assertThat(a.code()).as(a.toString()).isEqualTo(3);
    assertThat(a.err()).contains("twice.jsonl").contains("'m0'").contains("already labelled");
    Files.write(dir.resolve("audit.jsonl"), LlmLabelingCommandsTest.lines("a", 1000, 40, true));
    CliRun.Result d = cli().workDir(dir).run("distill", "--train", "twice.jsonl", "--audit",
        "audit.jsonl", "--embedder", "hashing:64", "--out", "model", "--bootstrap", "50");
    assertThat(d.code()).as(d.toString()).isEqualTo(3);
    assertThat(d.err()).contains("'m0'").contains("already labelled");
    assertThat(dir.resolve("model")).doesNotExist();
  }

  // ------------------------------------------------------------------ item 5

  @Test
  void aResumeWithoutTheTaskFileNeedsRowsThatProveTheLabelSet() throws Exception {
    messages(6);
    CliRun.Result first = env().env("CLASSIFY4J_LLM_CONCURRENCY", "1").run("label", "-q",
        "--input", "messages.jsonl", "--labels", "no,yes,maybe,unsure", "--output", "out.jsonl",
        "--max-requests", "3", "--batch-size", "1");
    assertThat(first.code()).as(first.toString()).isZero();
    Files.delete(dir.resolve("out.jsonl.task.json"));
    String before = Files.readString(dir.resolve("out.jsonl"));
    // one label more: every old row is within the new label space, yet the sets differ
    CliRun.Result more = env().run("label", "-q", "--input", "messages.jsonl", "--labels",
        "no,yes,maybe,unsure,other", "--output", "out.jsonl");
    assertThat(more.code()).as(more.toString()).isEqualTo(3);
    assertThat(more.err()).contains("do not prove the same label set").contains("--restart");
    assertThat(Files.readString(dir.resolve("out.jsonl"))).isEqualTo(before);
    assertThat(dir.resolve("out.jsonl.task.json")).doesNotExist();
    // the same labels: the rows prove them; the record claims only that
    CliRun.Result same = env().run("label", "-q", "--input", "messages.jsonl", "--labels",
        "no,yes,maybe,unsure", "--output", "out.jsonl", "--task", "Is it about safety?");
    assertThat(same.code()).as(same.toString()).isZero();
    List<JsonNode> rows = rows(dir.resolve("out.jsonl"));
    assertThat(rows).hasSize(6);
    assertThat(rows).allSatisfy(n -> assertThat(n.path("scores").size()).isEqualTo(4));
    JsonNode task = json(dir.resolve("out.jsonl.task.json"));
    assertThat(task.path("labels").toString()).isEqualTo("[\"no\",\"yes\",\"maybe\",\"unsure\"]");
    assertThat(task.has("task")).as("the earlier rows' task is unknown: %s", task).isFalse();
    assertThat(task.has("model")).isFalse();
    assertThat(task.path("from_rows").asBoolean()).isTrue();
  }

  // ------------------------------------------------------------------ item 9

  @Test
  @EnabledOnOs(OS.LINUX)
  void killedMidRunTheUsageCountsEveryRequestTheServerReceived() throws Exception {
    messages(400);
    scriptDelayMs = 150;
    Path argfile = dir.resolve("java.args");
    Files.writeString(argfile, "-cp\n\"" + System.getProperty("java.class.path")
        .replace("\\", "\\\\") + "\"\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("child.log");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "@" + argfile,
        Main.class.getName(), "label", "-q", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "out.jsonl", "--batch-size", "64")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("CLASSIFY4J_LLM_BASE_URL", server.baseUrl().toString());
    pb.environment().put("CLASSIFY4J_LLM_MODEL", "fake-model");
    pb.environment().put("CLASSIFY4J_LLM_CONCURRENCY", "8");
    pb.environment().put("CLASSIFY4J_CACHE_DIR", dir.resolve("h2").toString());
    Process p = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (server.requestCount() < 30 && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(p.isAlive()).as("running when killed: %s", Files.readString(log)).isTrue();
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no final save
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    Thread.sleep(300); // requests that were on the wire reach the server
    long received = server.requestCount();
    assertThat(received).isBetween(30L, 399L);
    // what distill and a resumed run read
    JsonNode usage = json(dir.resolve("out.jsonl.usage.json"));
    long counted = org.classify4j.llm.label.LabelUsage.read(dir.resolve("out.jsonl.usage.json"))
        .orElseThrow().requests();
    assertThat(counted).as("usage %s, server %d", usage, received)
        .isGreaterThanOrEqualTo(received).isLessThanOrEqualTo(received + 8);
    // the resumed run folds the killed run's requests in and counts its own
    server.resetCounts();
    CliRun.Result resumed = env().env("CLASSIFY4J_LLM_CONCURRENCY", "16").run("label", "-q",
        "--input", "messages.jsonl", "--labels", "no,yes", "--output", "out.jsonl");
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    JsonNode total = json(dir.resolve("out.jsonl.usage.json"));
    assertThat(total.path("requests").asLong())
        .isGreaterThanOrEqualTo(received + server.requestCount());
    assertThat(total.has("journal_requests")).isFalse();
    assertThat(dir.resolve("out.jsonl.usage.journal")).doesNotExist();
  }

  // ------------------------------------------------------------------ item 10

  @Test
  void aFreshOutputWithABudgetReportsNoCacheHits() throws Exception {
    messages(40);
    CliRun.Result r = env().env("CLASSIFY4J_LLM_CONCURRENCY", "4").run("label", "--input",
        "messages.jsonl", "--labels", "no,yes", "--output", "out.jsonl", "--budget", "1.0",
        "--price-input", "1000", "--price-output", "1000", "--batch-size", "16");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("budget is spent").contains(" 0 cache hits");
    JsonNode usage = json(dir.resolve("out.jsonl.usage.json"));
    assertThat(usage.path("cache_hits").asLong()).as(usage.toString()).isZero();
    assertThat(usage.path("documents").asLong()).isEqualTo(usage.path("calls").asLong());
    assertThat(rows(dir.resolve("out.jsonl"))).hasSize((int) usage.path("calls").asLong());
  }

  // ------------------------------------------------------------------ item 11

  @Test
  void aServerWithoutLogprobsGivesOneHotRowsThatSaySo() throws Exception {
    messages(12);
    server.withoutLogprobs();
    CliRun.Result r = env().run("label", "-q", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "out.jsonl");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("one-hot").contains("log-probabilities");
    List<JsonNode> rows = rows(dir.resolve("out.jsonl"));
    assertThat(rows).hasSize(12).allSatisfy(n ->
        assertThat(n.path("scoring").asText()).as(n.toString()).isEqualTo("one-hot"));
    JsonNode usage = json(dir.resolve("out.jsonl.usage.json"));
    assertThat(usage.path("one_hot_documents").asLong()).isEqualTo(12);
    assertThat(usage.path("scoring").asText()).isEqualTo("one-hot");
    Files.write(dir.resolve("gold.jsonl"), LlmLabelingCommandsTest.lines("m", 0, 12, true));
    CliRun.Result a = cli().workDir(dir).run("audit", "--llm", "out.jsonl", "--gold",
        "gold.jsonl");
    assertThat(a.code()).as(a.toString()).isZero();
    assertThat(a.out()).contains("one-hot").contains("say nothing");
  }

  // ------------------------------------------------------------------ item 12

  @Test
  void labelAndClassifyKeepRequestsInFlightAcrossBatches() throws Exception {
    messages(64);
    scriptDelayMs = 60;
    CliRun.Result r = env().env("CLASSIFY4J_LLM_CONCURRENCY", "16").run("label", "-q",
        "--input", "messages.jsonl", "--labels", "no,yes", "--output", "out.jsonl",
        "--batch-size", "4");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(rows(dir.resolve("out.jsonl"))).extracting(n -> n.path("id").asText())
        .containsExactlyElementsOf(ids(64));
    assertThat(maxInFlight.get()).as("requests at once, batches of 4").isGreaterThan(8)
        .isLessThanOrEqualTo(16);

    maxInFlight.set(0);
    Path texts = dir.resolve("texts.txt");
    List<String> lines = new ArrayList<>();
    for (JsonNode n : rows(dir.resolve("messages.jsonl"))) {
      lines.add(n.path("text").asText());
    }
    Files.write(texts, lines, StandardCharsets.UTF_8);
    CliRun.Result c = env().env("CLASSIFY4J_LLM_CACHE", "off").run("classify", "--method",
        "llm-zero-shot", "--labels", "no,yes", "--input", "texts.txt", "--batch-size", "4",
        "--concurrency", "16");
    assertThat(c.code()).as(c.toString()).isZero();
    List<String> out = c.out().lines().toList();
    assertThat(out).hasSize(64);
    for (int i = 0; i < out.size(); i++) {
      assertThat(Json.mapper().readTree(out.get(i)).path("id").asText())
          .isEqualTo(Integer.toString(i + 1));
    }
    assertThat(maxInFlight.get()).as("classify: requests at once, batches of 4").isGreaterThan(8)
        .isLessThanOrEqualTo(16);
  }

  @Test
  void labelTakesConcurrencyAsEveryLlmCommandDoes() throws Exception {
    messages(8);
    CliRun.Result r = env().run("label", "-q", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "out.jsonl", "--concurrency", "3");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(maxInFlight.get()).isLessThanOrEqualTo(3);
    CliRun.Result bad = env().run("label", "-q", "--input", "messages.jsonl", "--labels",
        "no,yes", "--output", "out2.jsonl", "--concurrency", "0");
    assertThat(bad.code()).as(bad.toString()).isEqualTo(3);
    assertThat(bad.err()).contains("--concurrency");
  }

  static List<String> ids(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("m" + i);
    }
    return out;
  }

  // ------------------------------------------------------------------ item 13

  @Test
  void distillDoesNotClaimATargetItsLowerBoundMisses() throws Exception {
    List<String> llm = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      boolean pos = i % 2 == 0;
      llm.add(Json.mapper().createObjectNode().put("id", "l" + i)
          .put("text", DistillClaimTest.text(i, pos)).set("labels",
              Json.mapper().createArrayNode().add(pos ? "positive" : "negative")).toString());
    }
    Files.write(dir.resolve("llm.jsonl"), llm);
    List<String> audit = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      boolean pos = i < 40;
      // 4 documents the humans call negative read like positive ones: false positives
      boolean looksPos = pos || i >= 76;
      var o = Json.mapper().createObjectNode().put("id", "a" + i)
          .put("text", DistillClaimTest.text(1000 + i, looksPos));
      o.putArray("labels").add(pos ? "positive" : "negative");
      audit.add(o.toString());
    }
    Files.write(dir.resolve("audit.jsonl"), audit);
    CliRun.Result r = cli().workDir(dir).run("distill", "--train", "llm.jsonl", "--audit",
        "audit.jsonl", "--target-precision", "0.85", "--embedder", "hashing:64", "--out",
        "model", "--json", "report.json", "--bootstrap", "200", "--positive", "positive");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = json(dir.resolve("report.json"));
    String claim = j.path("target_claim").asText();
    JsonNode p = j.path("audit").path("precision");
    double lower = p.path("lower").asDouble();
    assertThat(lower).as("the case: lower bound below the target; %s", j.path("audit"))
        .isLessThan(0.85);
    assertThat(j.path("target_met_on_audit").asBoolean()).as(claim).isFalse();
    assertThat(claim).satisfiesAnyOf(
        s -> assertThat(s).contains("NOT shown").contains("lower bound").contains("interval ["),
        s -> assertThat(s).contains("NOT met"));
  }

  @Test
  void auditOnFewDocumentsWarnsThatTheIntervalsAreTooWide() throws Exception {
    messages(3);
    CliRun.Result l = env().run("label", "-q", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "out.jsonl");
    assertThat(l.code()).as(l.toString()).isZero();
    Files.write(dir.resolve("gold.jsonl"), LlmLabelingCommandsTest.lines("m", 0, 1, true));
    CliRun.Result a = cli().workDir(dir).run("audit", "--llm", "out.jsonl", "--gold",
        "gold.jsonl", "--json", "audit.json");
    assertThat(a.code()).as(a.toString()).isZero();
    assertThat(a.out()).contains("warning: only 1 audited document").contains("too wide");
    assertThat(json(dir.resolve("audit.json")).path("warnings").toString()).contains("too wide");
  }

  // ------------------------------------------------------------------ item 14

  @Test
  void aKeyEchoedInAnAnswerIsNeverStored() throws Exception {
    String key = "sk-echo-0123456789abcdefXYZ";
    echo = key;
    messages(4);
    CliRun.Result r = env().env("CLASSIFY4J_LLM_API_KEY", key).run("label", "-q", "--input",
        "messages.jsonl", "--labels", "no,yes", "--output", "out.jsonl");
    assertThat(r.code()).as(r.toString()).isZero();
    for (String f : List.of("out.jsonl", "out.jsonl.cache.jsonl", "out.jsonl.usage.json",
        "out.jsonl.task.json")) {
      assertThat(Files.readString(dir.resolve(f))).as(f).doesNotContain(key);
    }
    assertThat(Files.readString(dir.resolve("out.jsonl.cache.jsonl"))).contains("***");
    // the shared H2 cache of classify/predict: read back through a second run served from it
    CliRun.Result c = env().env("CLASSIFY4J_LLM_API_KEY", key).run("classify", "--method",
        "llm-zero-shot", "--labels", "no,yes", "a parcel is late");
    assertThat(c.code()).as(c.toString()).isZero();
    try (var files = Files.walk(dir.resolve("h2"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as("%s", f)
            .doesNotContain(key);
      }
    }
    assertThat(r.err() + c.err() + c.out()).doesNotContain(key);
  }
}
