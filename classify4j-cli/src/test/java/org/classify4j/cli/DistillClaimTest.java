package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classify4j.Json;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LlmLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, item 17: "met" needs audited support and states the lower bound. */
class DistillClaimTest {

  @TempDir Path dir;

  static String text(int i, boolean positive) {
    return (positive ? "great wonderful lovely " : "awful terrible boring ") + "item " + i;
  }

  /** LLM labels: {@code positives} of {@code n} labelled positive, the rest negative. */
  Path llmLabels(int n, int positives) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean pos = i < positives;
      lines.add(LabelFile.toJsonLine(new LlmLabel("l" + i, text(i, i % 2 == 0), Map.of(),
          List.of(pos ? "positive" : "negative"), 0.9,
          Map.of("negative", pos ? 0.1 : 0.9, "positive", pos ? 0.9 : 0.1), false, "answered",
          1.0)));
    }
    Path p = dir.resolve("llm.jsonl");
    Files.write(p, lines);
    return p;
  }

  Path audit(int n, int positives) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean pos = i < positives;
      var o = Json.mapper().createObjectNode().put("id", "a" + i).put("text",
          text(1000 + i, pos));
      o.putArray("labels").add(pos ? "positive" : "negative");
      lines.add(o.toString());
    }
    Path p = dir.resolve("audit.jsonl");
    Files.write(p, lines);
    return p;
  }

  @Test
  void aTargetIsNotMetOnOneAuditedDocumentAndAnUnseenLabelIsWarnedAbout() throws Exception {
    llmLabels(60, 0);
    audit(20, 1);
    CliRun.Result r = cli().workDir(dir).run("distill", "--train", "llm.jsonl", "--audit",
        "audit.jsonl", "--target-precision", "0.9", "--embedder", "hashing:64", "--out", "model",
        "--json", "report.json", "--bootstrap", "100", "--positive", "positive");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).doesNotContain(": met on the audited sample");
    assertThat(r.err()).contains("the LLM never labelled a document 'positive'");
    JsonNode j = Json.mapper().readTree(dir.resolve("report.json").toFile());
    assertThat(j.path("target_met_on_audit").asBoolean()).isFalse();
    assertThat(j.path("warnings").toString()).contains("never labelled");
  }

  @Test
  void aTargetMetWithFewAuditedPositivesIsNotEstablished() throws Exception {
    llmLabels(60, 30);
    audit(20, 3);
    CliRun.Result r = cli().workDir(dir).run("distill", "--train", "llm.jsonl", "--audit",
        "audit.jsonl", "--target-precision", "0.5", "--embedder", "hashing:64", "--out", "model",
        "--json", "report.json", "--bootstrap", "100", "--positive", "positive");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = Json.mapper().readTree(dir.resolve("report.json").toFile());
    assertThat(j.path("target_met_on_audit").asBoolean()).isFalse();
    assertThat(j.path("target_claim").asText()).satisfiesAnyOf(
        s -> assertThat(s).contains("NOT established: only 3 audited documents labelled"),
        s -> assertThat(s).contains("NOT met"));
    assertThat(j.path("target_claim").asText()).contains("interval [");
  }
}
