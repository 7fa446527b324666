package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LabelUsage;
import org.classify4j.testkit.openai.Fault;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.KeywordChatScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, items 14 and 16, through the registered label command and the openai provider (the
 * one governed + cached stack): retries are requests, cache hits are free, usage is saved as it
 * accrues, and a label file is resumed only for the same task.
 */
class LlmAccountingTest {

  @TempDir Path dir;
  final FakeOpenAiServer server =
      new FakeOpenAiServer(KeywordChatScript.fromLabels(LlmLabelingCommandsTest.LABELS));

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

  @Test
  void retriesAreRequestsAndCountAgainstMaxRequests() throws Exception {
    messages(6);
    server.enqueue(Fault.rateLimited(Duration.ofMillis(5)), Fault.rateLimited(Duration.ofMillis(5)),
        Fault.rateLimited(Duration.ofMillis(5)));
    CliRun.Result r = env().run("label", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "out.jsonl", "--no-cache");
    assertThat(r.code()).as(r.toString()).isZero();
    LabelUsage u = LabelUsage.read(dir.resolve("out.jsonl.usage.json")).orElseThrow();
    assertThat(server.requestCount()).isEqualTo(9);
    assertThat(u.requests()).isEqualTo(server.requestCount());
    assertThat(r.err()).contains("9 requests (3 retries)");

    server.resetCounts();
    server.enqueue(Fault.rateLimited(Duration.ofMillis(5)), Fault.rateLimited(Duration.ofMillis(5)));
    CliRun.Result capped = env().run("label", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "capped.jsonl", "--no-cache", "--max-requests", "4", "--batch-size", "1");
    assertThat(capped.code()).as(capped.toString()).isZero();
    assertThat(server.requestCount()).as("sent, retries included").isLessThanOrEqualTo(4);
    assertThat(capped.err()).contains("budget is spent");
  }

  @Test
  void cacheHitsCostNothingAgainstTheBudget() throws Exception {
    messages(6);
    CliRun.Result first = env().run("label", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "out.jsonl");
    assertThat(first.code()).as(first.toString()).isZero();
    long sent = server.requestCount();
    CliRun.Result again = env().run("label", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "out.jsonl", "--restart", "--max-requests", "1", "--cache",
        "out.jsonl.cache.jsonl");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.err()).doesNotContain("budget is spent").contains("6 cache hits");
    assertThat(server.requestCount()).isEqualTo(sent);
    assertThat(LabelFile.read(dir.resolve("out.jsonl"))).hasSize(6);
  }

  @Test
  void usageIsSavedAsItAccrues() throws Exception {
    messages(40);
    server.latency(Duration.ofMillis(60));
    Path usage = dir.resolve("out.jsonl.usage.json");
    CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(() -> env().env(
        "CLASSIFY4J_LLM_CONCURRENCY", "1").run("label", "-q", "--input", "messages.jsonl",
        "--labels", "no,yes", "--output", "out.jsonl", "--batch-size", "2"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    LabelUsage seen = null;
    while (!run.isDone() && System.nanoTime() < deadline) {
      if (Files.exists(usage)) {
        try {
          seen = LabelUsage.read(usage).orElse(null);
        } catch (RuntimeException e) {
          seen = null;
        }
        if (seen != null && seen.documents() > 0) {
          break;
        }
      }
      Thread.sleep(10);
    }
    boolean stillRunning = !run.isDone();
    CliRun.Result r = run.get(60, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(stillRunning).as("usage seen while the run was still going").isTrue();
    assertThat(seen).isNotNull();
    assertThat(seen.documents()).isBetween(1L, 39L);
    assertThat(seen.requests()).isGreaterThanOrEqualTo(seen.documents());
  }

  @Test
  void labelResumesOnlyTheSameTask() throws Exception {
    messages(6);
    CliRun.Result first = env().run("label", "--input", "messages.jsonl", "--labels",
        "negative,positive", "--output", "out.jsonl");
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(dir.resolve("out.jsonl.task.json")).exists();
    String before = Files.readString(dir.resolve("out.jsonl"));
    CliRun.Result other = env().run("label", "--input", "messages.jsonl", "--labels", "bad,good",
        "--output", "out.jsonl");
    assertThat(other.code()).as(other.toString()).isEqualTo(3);
    assertThat(other.err()).contains("labelled for another task").contains("--restart");
    CliRun.Result otherModel = env().run("label", "--input", "messages.jsonl", "--labels",
        "negative,positive", "--output", "out.jsonl", "--chat", "openai:another-model");
    assertThat(otherModel.code()).as(otherModel.toString()).isEqualTo(3);
    assertThat(otherModel.err()).contains("model");
    assertThat(Files.readString(dir.resolve("out.jsonl"))).isEqualTo(before);

    // an older file without a task record: its labels must be in the label space
    Files.delete(dir.resolve("out.jsonl.task.json"));
    CliRun.Result old = env().run("label", "--input", "messages.jsonl", "--labels", "bad,good",
        "--output", "out.jsonl");
    assertThat(old.code()).as(old.toString()).isEqualTo(3);
    CliRun.Result restart = env().run("label", "--input", "messages.jsonl", "--labels",
        "bad,good", "--output", "out.jsonl", "--restart");
    assertThat(restart.code()).as(restart.toString()).isZero();
  }
}
