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
import java.util.function.Function;
import org.classify4j.Json;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LabelUsage;
import org.classify4j.llm.label.LlmLabel;
import org.classify4j.openai.OpenAiChatModel;
import org.classify4j.openai.OpenAiConfig;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.KeywordChatScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** label → audit → distill through the command line, the LLM being a local fake server. */
class LlmLabelingCommandsTest {
  static final LabelSpace LABELS = LabelSpace.of(List.of(
      Label.of("no", "Everything else: teamwork, sales, customers, events, projects"),
      Label.of("yes", "Related to workplace safety or security: hazards, injuries, protective"
          + " equipment, emergencies, security incidents")));

  @TempDir Path dir;
  final FakeOpenAiServer server = new FakeOpenAiServer(KeywordChatScript.fromLabels(LABELS));
  final Function<String, ChatModel> chat =
      spec -> new OpenAiChatModel(OpenAiConfig.of(server.baseUrl(), "", "fake-model"));

  @AfterEach
  void close() {
    server.close();
  }

  record Result(int code, String out, String err) {}

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main main = new Main(new ByteArrayInputStream(new byte[0]), Map.of(), false, dir,
        Path.of("/nonexistent-home"));
    CommandLine cl = main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    // the registered commands, replaced by ones whose chat model is the local fake server
    for (String name : new String[] {"label", "audit", "distill"}) {
      cl.getCommandSpec().removeSubcommand(name);
    }
    cl.addSubcommand("label", new LabelCommand(chat));
    cl.addSubcommand("audit", new AuditCommand());
    cl.addSubcommand("distill", new DistillCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static final String[] SAFETY = {"reporting the safety hazard on dock %d",
      "handing out protective equipment on shift %d", "running the emergency drill on floor %d",
      "escalating the security incident in office %d", "first aid after the injury on line %d",
      "locking the server room on floor %d"};
  static final String[] OTHER = {"closing the quarter with record sales in region %d",
      "organizing the team lunch for group %d", "helping customers at the fair booth %d",
      "shipping project %d early", "planning the holiday event for floor %d",
      "securing the contract with client %d"};
  static final String[] NAMES = {"Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran"};

  /** Messages with their true labels; ids prefixed; k from {@code from}. */
  static List<String> lines(String prefix, int from, int n, boolean labeled) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      boolean safety = i % 5 < 2;
      String[] pool = safety ? SAFETY : OTHER;
      String text = "Thanks " + NAMES[i % NAMES.length] + " for "
          + String.format(pool[(i / 5) % pool.length], i) + ".";
      var o = Json.mapper().createObjectNode().put("id", prefix + i).put("text", text);
      if (labeled) {
        o.putArray("labels").add(safety ? "yes" : "no");
      }
      out.add(o.toString());
    }
    return out;
  }

  Path write(String name, List<String> lines) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, lines);
    return p;
  }

  @Test
  void labelAuditAndDistillFromTheCommandLine() throws Exception {
    write("messages.jsonl", lines("m", 0, 200, false));
    write("audit.jsonl", lines("a", 1000, 80, true));
    write("gold.jsonl", lines("g", 2000, 60, true));
    Files.writeString(dir.resolve("labels.tsv"), "no\t" + LABELS.get(0).description() + "\nyes\t"
        + LABELS.get(1).description() + "\n");

    Result dry = run("label", "--input", "messages.jsonl", "--labels-file", "labels.tsv",
        "--output", "messages.llm.jsonl", "--dry-run", "--price-input", "0.15",
        "--price-output", "0.6");
    assertThat(dry.code()).as(dry.err()).isZero();
    JsonNode d = Json.mapper().readTree(dry.out());
    assertThat(d.path("calls").asLong()).isEqualTo(200);
    assertThat(d.path("max_cost").asDouble()).isPositive();
    assertThat(server.requestCount()).isZero();
    assertThat(Files.exists(dir.resolve("messages.llm.jsonl"))).isFalse();
    assertThat(Files.exists(dir.resolve("messages.llm.jsonl.cache.jsonl"))).isFalse();

    Result stopped = run("label", "--input", "messages.jsonl", "--labels-file", "labels.tsv",
        "--output", "messages.llm.jsonl", "--max-requests", "40", "--price-input", "0.15",
        "--price-output", "0.6", "--batch-size", "10");
    assertThat(stopped.code()).as(stopped.err()).isZero();
    assertThat(stopped.err()).contains("budget is spent");
    int first = LabelFile.read(dir.resolve("messages.llm.jsonl")).size();
    assertThat(first).isBetween(30, 40);

    Result rest = run("label", "--input", "messages.jsonl", "--labels-file", "labels.tsv",
        "--output", "messages.llm.jsonl", "--price-input", "0.15", "--price-output", "0.6");
    assertThat(rest.code()).as(rest.err()).isZero();
    List<LlmLabel> labels = LabelFile.read(dir.resolve("messages.llm.jsonl"));
    assertThat(labels).extracting(LlmLabel::id).doesNotHaveDuplicates().hasSize(200);
    LabelUsage usage = LabelUsage.read(dir.resolve("messages.llm.jsonl.usage.json")).orElseThrow();
    assertThat(usage.documents()).isEqualTo(200);
    assertThat(usage.runs()).isEqualTo(2);
    assertThat(usage.costPer1000Documents()).hasValueSatisfying(c -> assertThat(c).isPositive());
    assertThat(Files.exists(dir.resolve("messages.llm.jsonl.cache.jsonl"))).isTrue();

    assertThat(run("label", "--input", "audit.jsonl", "--labels-file", "labels.tsv",
        "--output", "audit.llm.jsonl").code()).isZero();
    Result audit = run("audit", "--llm", "audit.llm.jsonl", "--gold", "audit.jsonl", "--json",
        "audit-report.json", "--bootstrap", "200");
    assertThat(audit.code()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("kappa").contains("label noise rate");
    JsonNode a = Json.mapper().readTree(dir.resolve("audit-report.json").toFile());
    assertThat(a.path("audited").asInt()).isEqualTo(80);
    assertThat(a.path("noise_rate").has("lower")).isTrue();
    assertThat(a.path("confusion_matrix").path("counts")).hasSize(2);

    Result distill = run("distill", "--train", "messages.llm.jsonl", "--audit", "audit.jsonl",
        "--test", "gold.jsonl", "--target-precision", "0.9", "--embedder", "hashing:256",
        "--out", "model", "--json", "distill-report.json", "--bootstrap", "200");
    assertThat(distill.code()).as(distill.err()).isZero();
    JsonNode r = Json.mapper().readTree(dir.resolve("distill-report.json").toFile());
    assertThat(r.path("audit").path("precision").path("estimate").asDouble())
        .isGreaterThanOrEqualTo(0.9);
    // "met" only when the interval's lower bound reaches the target too (issue 22, item 13)
    double lower = r.path("audit").path("precision").path("lower").asDouble();
    assertThat(r.path("target_met_on_audit").asBoolean()).as(r.path("target_claim").asText())
        .isEqualTo(lower >= 0.9);
    if (lower < 0.9) {
      assertThat(r.path("target_claim").asText()).contains("NOT shown");
    }
    assertThat(r.path("audit").path("precision").path("lower").asDouble())
        .isLessThanOrEqualTo(r.path("audit").path("precision").path("estimate").asDouble());
    assertThat(r.path("pr_curve_on_audit")).isNotEmpty();
    assertThat(r.path("cost_per_1000_documents").path("llm").path("api_cost").asDouble())
        .isPositive();
    assertThat(r.path("speed").path("documents_per_second").asDouble()).isPositive();
    try (LoadContext ctx = LoadContext.standard()) {
      LoadedModel m = ModelStore.load(dir.resolve("model"), ctx);
      JsonNode saved = Json.mapper().valueToTree(m.decisionRule());
      assertThat(saved).isEqualTo(r.path("decision_rule"));
      assertThat(m.provenance().method()).isEqualTo("distilled");
    }
  }

  @Test
  void distillRefusesTestDataForTuningAndAnAuditThatIsTheTestSet() throws Exception {
    write("messages.llm.jsonl", llmLines());
    write("audit.jsonl", lines("a", 1000, 40, true));
    write("test.jsonl", lines("t", 2000, 40, true));

    Result asAudit = run("distill", "--train", "messages.llm.jsonl", "--audit", "test.jsonl",
        "--embedder", "hashing:64", "--out", "m1");
    assertThat(asAudit.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(asAudit.err()).contains("--audit").contains("test data");

    Result same = run("distill", "--train", "messages.llm.jsonl", "--audit", "audit.jsonl",
        "--test", "audit.jsonl", "--embedder", "hashing:64", "--out", "m2");
    assertThat(same.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(same.err()).contains("same file");

    write("train_test.llm.jsonl", llmLines());
    Result trainTest = run("distill", "--train", "train_test.llm.jsonl", "--audit", "audit.jsonl",
        "--embedder", "hashing:64", "--out", "m3");
    assertThat(trainTest.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(trainTest.err()).contains("--train").contains("test data");
    assertThat(Files.exists(dir.resolve("m1"))).isFalse();
  }

  @Test
  void labelRejectsConflictingOptions() throws Exception {
    write("messages.jsonl", lines("m", 0, 5, false));
    Result r = run("label", "--input", "messages.jsonl", "--labels", "no,yes", "--output",
        "out.jsonl", "--budget", "1");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("--budget needs prices");

    write("test.jsonl", lines("t", 0, 10, true));
    Result fewShotOnTest = run("label", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "out.jsonl", "--examples", "test.jsonl");
    assertThat(fewShotOnTest.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(fewShotOnTest.err()).contains("--examples").contains("test data");

    Result same = run("label", "--input", "messages.jsonl", "--labels", "no,yes",
        "--output", "messages.jsonl");
    assertThat(same.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(same.err()).contains("same file");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void aFailingServerIsABackendErrorAndTheSpendingIsStillRecorded() throws Exception {
    write("messages.jsonl", lines("m", 0, 6, false));
    server.requireApiKey("the-right-key");
    Result r = run("label", "--input", "messages.jsonl", "--labels", "no,yes", "--output",
        "out.jsonl");
    assertThat(r.code()).isEqualTo(ExitCodes.BACKEND);
    LabelUsage u = LabelUsage.read(dir.resolve("out.jsonl.usage.json")).orElseThrow();
    assertThat(u.documents()).isZero();
    assertThat(u.requests()).isPositive();
  }

  @Test
  void fewShotExamplesGoIntoThePrompt() throws Exception {
    write("messages.jsonl", lines("m", 0, 6, false));
    write("examples.jsonl", lines("e", 100, 10, true));
    Result r = run("label", "--input", "messages.jsonl", "--labels", "no,yes", "--output",
        "out.jsonl", "--examples", "examples.jsonl", "--shots", "2", "--no-cache");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(LabelFile.read(dir.resolve("out.jsonl"))).hasSize(6);
    assertThat(server.requests()).hasSize(6);
    String prompt = server.requests().get(0).path("messages").toString();
    long examplesInPrompt = lines("e", 100, 10, true).stream()
        .map(l -> {
          try {
            return Json.mapper().readTree(l).path("text").asText();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })
        .filter(prompt::contains).count();
    assertThat(examplesInPrompt).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("out.jsonl.cache.jsonl"))).isFalse();
  }

  /** LLM labels of 100 messages (as 'label' writes them), true labels with probability .9. */
  static List<String> llmLines() {
    List<String> out = new ArrayList<>();
    for (String line : lines("m", 0, 100, true)) {
      try {
        JsonNode n = Json.mapper().readTree(line);
        String l = n.path("labels").get(0).asText();
        out.add(LabelFile.toJsonLine(new LlmLabel(n.path("id").asText(), n.path("text").asText(),
            Map.of(), List.of(l), 0.9, l.equals("yes") ? Map.of("no", 0.1, "yes", 0.9)
                : Map.of("no", 0.9, "yes", 0.1), false, "scored")));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }
}
