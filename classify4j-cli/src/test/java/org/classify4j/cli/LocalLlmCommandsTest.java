package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** local-llm-* through the CLI, on the tiny random GPT-2 kept in classify4j-onnx's test resources. */
class LocalLlmCommandsTest {
  static final String MODEL = Path.of("../classify4j-onnx/src/test/resources/llm/tiny-gpt2")
      .toAbsolutePath().normalize().toString();

  @TempDir Path dir;

  @Test
  void classifyScoresEveryLabel() throws Exception {
    CliRun.Result r = cli().run("classify", "--method", "local-llm-zero-shot", "-p",
        "model=" + MODEL, "--labels", "positive,negative,neutral", "--top", "0",
        "The movie was wonderful.");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode n = Json.mapper().readTree(r.outLines().get(0));
    assertThat(n.get("scores").size()).isEqualTo(3);
    double sum = 0;
    for (JsonNode s : n.get("scores")) {
      sum += s.asDouble();
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
  }

  @Test
  void trainThenPredictReopensTheLanguageModel() throws Exception {
    Path out = dir.resolve("m");
    CliRun.Result t = cli().run("train", "-q", "--method", "local-llm-few-shot", "-p",
        "model=" + MODEL, "-p", "max_examples=3", "--train", TestData.train(dir).toString(),
        "--out", out.toString());
    assertThat(t.code()).as(t.toString()).isZero();
    JsonNode man = Json.mapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(man.at("/type").asText()).isEqualTo("local-llm");
    assertThat(man.at("/params/model").asText()).isEqualTo(MODEL);
    CliRun.Result p = cli().run("predict", "-q", "--model", out.toString(), "--input",
        TestData.test(dir).toString());
    assertThat(p.code()).as(p.toString()).isZero();
    assertThat(p.outLines()).hasSize(Files.readAllLines(TestData.test(dir)).size());
  }

  @Test
  void promptShowsThePromptTheAnswersAndTheGeneration() throws Exception {
    CliRun.Result r = cli().run("prompt", "--method", "local-llm-zero-shot", "-p",
        "model=" + MODEL, "--labels", "positive,negative", "--max-tokens", "4", "Nice film");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Classify the text into one of these labels: positive, negative."
        + "\n\nText: Nice film\nLabel:").contains("--- generated").contains("positive");
    CliRun.Result j = cli().run("prompt", "--json", "--multi-label", "--method",
        "local-llm-zero-shot", "-p", "model=" + MODEL, "--labels", "positive,negative", "Nice");
    assertThat(j.code()).as(j.toString()).isZero();
    JsonNode n = Json.mapper().readTree(j.outLines().get(0));
    assertThat(n.get("questions")).hasSize(2);
    assertThat(n.at("/questions/0/answers/0/answer").asText()).isEqualTo(" yes");
    assertThat(n.at("/questions/0/answers/0/log_prob").asDouble()).isNegative();
  }

  @Test
  void promptRefusesMethodsThatCannotShowPrompts() {
    CliRun.Result r = cli().run("prompt", "--method", "zero-shot", "-p", "model=hashing:64",
        "--labels", "a,b", "text");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("cannot show its prompts");
  }

}
