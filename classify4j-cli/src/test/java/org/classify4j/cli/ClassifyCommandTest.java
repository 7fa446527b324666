package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {

  static final String MODEL = "hashing:64";

  @TempDir Path dir;

  static List<JsonNode> json(CliRun.Result r) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : r.outLines()) {
      out.add(Json.mapper().readTree(l));
    }
    return out;
  }

  @Test
  void classifiesArgumentsAsJsonLines() throws Exception {
    CliRun.Result r = cli().run("classify", "--model", MODEL, "--labels",
        "sports,politics,technology", "the match ended with a late goal", "parliament votes");
    assertThat(r.code()).as(r.toString()).isZero();
    List<JsonNode> lines = json(r);
    assertThat(lines).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode n = lines.get(i);
      assertThat(n.get("id").asText()).isEqualTo(Integer.toString(i + 1));
      assertThat(n.get("labels")).hasSize(1);
      assertThat(n.get("scores").size()).isEqualTo(3);
      assertThat(n.get("abstained").asBoolean()).isFalse();
      // single-label: the chosen label is the best score, scores sum to 1
      String best = n.get("scores").fieldNames().next();
      assertThat(n.get("labels").get(0).asText()).isEqualTo(best);
      double sum = 0;
      for (JsonNode s : n.get("scores")) {
        sum += s.asDouble();
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void topLimitsScoresShown() throws Exception {
    CliRun.Result r = cli().run("classify", "-m", MODEL, "--labels", "a,b,c,d", "--top", "2",
        "some text");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(json(r).get(0).get("scores").size()).isEqualTo(2);
  }

  @Test
  void readsStdinPlainAndJsonLinesSkippingBlanks() throws Exception {
    CliRun.Result r = cli().stdin("first text\n\n{\"id\": \"doc-7\", \"text\": \"second\"}\n")
        .run("classify", "-m", MODEL, "--labels", "a,b");
    assertThat(r.code()).as(r.toString()).isZero();
    List<JsonNode> lines = json(r);
    assertThat(lines).extracting(n -> n.get("id").asText()).containsExactly("1", "doc-7");
    // not quiet, not a terminal: a plain summary line on stderr
    assertThat(r.err()).contains("classify: done, 2 texts");
  }

  @Test
  void quietPrintsNothingOnStderr() {
    CliRun.Result r = cli().stdin("a text\n").run("classify", "-q", "-m", MODEL, "--labels", "a,b");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines()).hasSize(1);
  }

  @Test
  void readsInputFileInBatches() throws Exception {
    Path in = dir.resolve("texts.txt");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      b.append("text number ").append(i).append('\n');
    }
    Files.writeString(in, b);
    CliRun.Result r = cli().run("classify", "-m", MODEL, "--labels", "a,b", "--batch-size", "3",
        "--input", in.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(json(r)).extracting(n -> n.get("id").asText())
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
  }

  @Test
  void labelsFileWithDescriptionsAndMultiLabel() throws Exception {
    Path labels = dir.resolve("labels.tsv");
    Files.writeString(labels, "# topics\nsports\tgames, matches, athletes\npolitics\telections\n"
        + "tech\n");
    CliRun.Result r = cli().run("classify", "-m", MODEL, "--labels-file", labels.toString(),
        "--multi-label", "--threshold", "0.0", "a text about games");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode n = json(r).get(0);
    // threshold 0 in multi-label: every label is chosen
    assertThat(n.get("labels")).hasSize(3);
  }

  @Test
  void limitRuleCapsChosenLabels() throws Exception {
    CliRun.Result r = cli().run("classify", "-m", MODEL, "--labels", "a,b,c", "--multi-label",
        "--limit", "1", "x y z");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(json(r).get(0).get("labels")).hasSize(1);
  }

  @Test
  void tableFormatForPeople() {
    CliRun.Result r = cli().run("classify", "-m", MODEL, "--labels", "sports,politics",
        "--format", "table", "the match");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.outLines().get(0)).startsWith("ID").contains("LABELS", "TOP SCORES", "TEXT");
    assertThat(r.outLines().get(1)).startsWith("1 ").contains("sports=").contains("the match");
  }

  @Test
  void environmentChoosesModelWhenNoFlag() {
    CliRun.Result r = cli().env("CLASSIFY4J_MODEL", MODEL).run("classify", "--labels", "a,b", "t");
    assertThat(r.code()).as(r.toString()).isZero();
  }

  @Test
  void missingLabelsIsBadInputThree() {
    CliRun.Result r = cli().run("classify", "-m", MODEL, "text");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("classify4j: error: no labels").doesNotContain("\tat ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void duplicateLabelInFileNamesFileAndLine() throws Exception {
    Path labels = dir.resolve("labels.txt");
    Files.writeString(labels, "a\nb\na\n");
    CliRun.Result r = cli().run("classify", "-m", MODEL, "--labels-file", labels.toString(), "t");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains(labels + ":3: field 'name': duplicate label 'a'");
  }

  @Test
  void badJsonLineOnStdinIsBadInputWithLine() {
    CliRun.Result r = cli().stdin("ok\n{\"id\": 1}\n").run("classify", "-m", MODEL, "--labels",
        "a,b");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("<stdin>:2: field 'text'");
  }

  @Test
  void missingInputFileIsBadInput() {
    CliRun.Result r = cli().run("classify", "-m", MODEL, "--labels", "a,b", "--input",
        dir.resolve("nope.txt").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("nope.txt: no such file");
  }

  @Test
  void unknownMethodIsBadInput() {
    CliRun.Result r = cli().run("classify", "--method", "magic", "-m", MODEL, "--labels", "a,b",
        "t");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown method 'magic'").contains("zero-shot");
  }

  @Test
  void unknownParameterIsBadInput() {
    CliRun.Result r = cli().run("classify", "-m", MODEL, "-p", "temprature=2", "--labels", "a,b",
        "t");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("no parameter 'temprature'");
  }

  @Test
  void unknownEmbedderIsBadInput() {
    CliRun.Result r = cli().run("classify", "-m", "nosuch:1", "--labels", "a,b", "t");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown embedder 'nosuch:1'");
  }

  @Test
  void backendFailureIsFourAndVerboseShowsStackTrace() {
    CliRun.Result r = cli().run("classify", "-m", "failing:backend", "--labels", "a,b", "t");
    assertThat(r.code()).isEqualTo(ExitCodes.BACKEND);
    assertThat(r.err().strip()).isEqualTo("classify4j: error: native session failed: out of memory");
    CliRun.Result v = cli().run("classify", "-v", "-m", "failing:backend", "--labels", "a,b", "t");
    assertThat(v.code()).isEqualTo(ExitCodes.BACKEND);
    assertThat(v.err()).contains("\tat org.classify4j");
  }

  @Test
  void unexpectedFailureIsOne() {
    CliRun.Result r = cli().run("classify", "-m", "failing:bug", "--labels", "a,b", "t");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err().strip())
        .isEqualTo("classify4j: error: IllegalStateException: something unexpected");
  }

  @Test
  void textsAndInputTogetherIsAnError() throws Exception {
    Path in = dir.resolve("t.txt");
    Files.writeString(in, "x\n");
    CliRun.Result r = cli().run("classify", "-m", MODEL, "--labels", "a,b", "--input",
        in.toString(), "text");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("not both");
  }

  @Test
  void labelsAndLabelsFileAreExclusive() {
    CliRun.Result r = cli().run("classify", "--labels", "a", "--labels-file", "x", "t");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("mutually exclusive");
  }

  static final List<String> NEWS = List.of(
      "the match ended with a late goal", "the striker scored twice in the final",
      "parliament votes on the budget", "the senate passed the tax bill",
      "the new phone has a faster chip", "the laptop ships with more memory",
      "the coach praised the defence", "the minister resigned after the vote");

  private static List<String> scores(CliRun.Result r) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode n : json(r)) {
      out.add(n.get("id").asText() + " " + n.get("scores"));
    }
    return out;
  }

  @Test
  void manyTextsAdaptTheLabelPrototypesFirstAsFittingOnThemDoes() throws Exception {
    Path in = dir.resolve("news.txt");
    Files.write(in, NEWS);
    String[] common = {"classify", "-m", MODEL, "--labels", "sports,politics,technology",
        "--top", "0"};
    CliRun.Result adapted = cli().run(concat(common, "--adapt-min", "8", "--input", in.toString()));
    CliRun.Result plain = cli().run(concat(common, "--no-adapt", "--input", in.toString()));
    CliRun.Result few = cli().run(concat(common, "--adapt-min", "9", "--input", in.toString()));
    assertThat(adapted.code()).as(adapted.toString()).isZero();
    assertThat(adapted.err()).contains("adapting the label prototypes to 8 of the 8 input texts");
    assertThat(plain.err()).doesNotContain("adapting");
    assertThat(few.err()).doesNotContain("adapting");
    assertThat(scores(adapted)).hasSize(8).isNotEqualTo(scores(plain));
    assertThat(scores(few)).isEqualTo(scores(plain)); // fewer texts than --adapt-min: as before
    // stdin (spooled and read twice) and arguments adapt the same way
    CliRun.Result stdin = cli().stdin(String.join("\n", NEWS) + "\n")
        .run(concat(common, "--adapt-min", "8"));
    assertThat(scores(stdin)).isEqualTo(scores(adapted));
    CliRun.Result args = cli().run(concat(concat(common, "--adapt-min", "8"),
        NEWS.toArray(String[]::new)));
    assertThat(scores(args)).isEqualTo(scores(adapted));
    // the same as fitting zero-shot on those texts (centring and refinement, no labels read)
    try (var e = new org.classify4j.testkit.HashingEmbedder(64)) {
      var labels = org.classify4j.data.LabelSpace.of(List.of(
          org.classify4j.data.Label.of("sports"), org.classify4j.data.Label.of("politics"),
          org.classify4j.data.Label.of("technology")));
      List<org.classify4j.data.Document> docs = new ArrayList<>();
      for (int i = 0; i < NEWS.size(); i++) {
        docs.add(org.classify4j.data.Document.of(Integer.toString(i + 1), NEWS.get(i)));
      }
      var m = org.classify4j.embed.ZeroShotClassifier.of(e).adapt(labels, false, docs);
      var s = m.predictProba(docs);
      List<JsonNode> lines = json(adapted);
      for (int i = 0; i < docs.size(); i++) {
        for (int j = 0; j < 3; j++) {
          assertThat(lines.get(i).get("scores").get(labels.name(j)).asDouble())
              .isCloseTo(s.get(i, j), org.assertj.core.data.Offset.offset(1e-4));
        }
      }
    }
  }

  @Test
  void adaptMinMustBePositive() {
    CliRun.Result r = cli().run("classify", "-m", MODEL, "--labels", "a,b", "--adapt-min", "0",
        "text");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("--adapt-min");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
