package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classify4j.cli.CliRun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classify4j.Json;
import org.classify4j.persist.DatasetHash;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  @TempDir Path dir;

  @Test
  void trainsAndSavesModelWithProvenanceAndDatasetHash() throws Exception {
    Path train = TestData.train(dir);
    Path out = dir.resolve("model");
    CliRun.Result r = cli().run("train", "--method", "centroid", "--model", "hashing:64",
        "--train", train.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode man = Json.mapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(man.at("/provenance/method").asText()).isEqualTo("centroid");
    assertThat(man.at("/provenance/training/examples").asInt()).isEqualTo(24);
    assertThat(man.at("/provenance/training/file").asText()).endsWith("train.jsonl");
    // the hash is of the data as read: ids, texts, labels, label space (sorted: none given)
    assertThat(man.at("/provenance/training/sha256").asText()).hasSize(64);
    assertThat(Files.exists(out.resolve("decision.json"))).isTrue();
    assertThat(r.err()).contains("training centroid on 24 examples (3 labels, single-label)")
        .contains("saved centroid model to " + out);
  }

  @Test
  void ensembleTrainsSavesAndPredictsFromTheCommandLine() throws Exception {
    Path train = TestData.train(dir);
    Path out = dir.resolve("ensemble");
    CliRun.Result r = cli().run("train", "--method", "ensemble", "-m", "hashing:64", "-p", "C=10",
        "-p", "members=centroid,knn,linear,tfidf-linear", "--train", train.toString(),
        "--out", out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode man = Json.mapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(man.get("type").asText()).isEqualTo("ensemble");
    assertThat(man.at("/params/members").findValuesAsText("type"))
        .containsExactly("centroid", "knn", "linear", "tfidf-linear");
    Path preds = dir.resolve("preds.jsonl");
    CliRun.Result p = cli().run("predict", "-q", "--model", out.toString(), "--input",
        TestData.test(dir).toString(), "--output", preds.toString());
    assertThat(p.code()).as(p.toString()).isZero();
    java.util.List<String> lines = Files.readAllLines(preds);
    assertThat(lines).hasSize(Fixtures.topicsTest().size());
    int right = 0;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode n = Json.mapper().readTree(lines.get(i));
      if (n.get("labels").get(0).asText().equals(Fixtures.topicsTest().get(i).labels().get(0))) {
        right++;
      }
    }
    assertThat(right).isGreaterThanOrEqualTo(lines.size() - 1);
  }

  @Test
  void labelsFileFixesLabelSpaceAndParamsReachTheMethod() throws Exception {
    Path train = TestData.train(dir);
    Path out = dir.resolve("knn");
    CliRun.Result r = cli().run("train", "-q", "--method", "knn", "-m", "hashing:64", "-p", "k=3",
        "--labels-file", TestData.labels(dir).toString(), "--train", train.toString(),
        "--out", out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode man = Json.mapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(man.get("labels").findValuesAsText("name"))
        .containsExactly("sports", "cooking", "computers");
    assertThat(man.at("/provenance/params/k").asInt()).isEqualTo(3);
    assertThat(man.at("/provenance/training/sha256").asText())
        .isEqualTo(DatasetHash.of(Fixtures.topics()));
  }

  @Test
  void labelOutsideLabelsFileIsBadInputWithLine() throws Exception {
    Path labels = dir.resolve("l.txt");
    Files.writeString(labels, "sports\ncooking\n");
    CliRun.Result r = cli().run("train", "-m", "hashing:64", "--labels-file", labels.toString(),
        "--train", TestData.train(dir).toString(), "--out", dir.resolve("m").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("train.jsonl:3: field 'labels': unknown label 'computers'");
  }

  @Test
  void missingTrainOptionIsUsage() {
    CliRun.Result r = cli().run("train", "--out", "x");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Missing required option: '--train=FILE'");
  }

  @Test
  void noOutputDirIsBadInput() throws Exception {
    CliRun.Result r = cli().run("train", "--train", TestData.train(dir).toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("no output directory");
  }

  @Test
  void unknownMethodParamIsBadInput() throws Exception {
    CliRun.Result r = cli().run("train", "--method", "knn", "-m", "hashing:64", "-p", "kk=3",
        "--train", TestData.train(dir).toString(), "--out", dir.resolve("m").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("method 'knn' has no parameter 'kk'");
  }

  @Test
  void csvWithOwnColumnNamesAndSkippedBadRows() throws Exception {
    Path csv = dir.resolve("t.csv");
    StringBuilder b = new StringBuilder("body,topic\n");
    for (var e : Fixtures.topics().examples()) {
      b.append('"').append(e.document().text()).append("\",").append(e.labels().get(0))
          .append('\n');
    }
    b.append("\"\",sports\n"); // an empty text: a bad row
    Files.writeString(csv, b);
    Path out = dir.resolve("m");
    CliRun.Result bad = cli().run("train", "-m", "hashing:64", "--train", csv.toString(),
        "--text-column", "body", "--labels-column", "topic", "--out", out.toString());
    assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("t.csv:26: field 'body'");
    CliRun.Result r = cli().run("train", "-m", "hashing:64", "--train", csv.toString(),
        "--text-column", "body", "--labels-column", "topic", "--skip-bad", "--out",
        out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("1 bad records skipped");
    JsonNode man = Json.mapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(man.at("/provenance/training/examples").asInt()).isEqualTo(24);
  }
}
