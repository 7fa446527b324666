package org.classify4j.classify.io;

import org.classify4j.data.io.DataFormat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.classify4j.Json;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.classify.ScoredLabel;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

class PredictionWritersTest {
  private static final LabelSpace SPACE = LabelSpace.ofNames("a", "b", "c");
  private static final ScoreMatrix SCORES =
      ScoreMatrix.of(SPACE, new float[][] {{0.1f, 0.7f, 0.2f}, {1f / 3, 1f / 3, 1f / 3}});

  @Test
  void jsonlOneFlushedLinePerDocumentWithRoundedSortedScores() throws Exception {
    StringWriter out = new StringWriter();
    JsonlWriter w = new JsonlWriter(out);
    w.write("d1", new Prediction(List.of(new ScoredLabel("b", 0.7)), false), SCORES, 0);
    assertThat(out.toString()).isEqualTo(
        "{\"id\":\"d1\",\"labels\":[\"b\"],\"scores\":{\"b\":0.7,\"c\":0.2,\"a\":0.1},"
            + "\"abstained\":false}\n");
    w.write("d2", Prediction.abstain(), SCORES, 1);
    w.close();
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode second = Json.mapper().readTree(lines[1]);
    assertThat(second.get("abstained").booleanValue()).isTrue();
    assertThat(second.get("labels").size()).isZero();
    assertThat(second.get("scores").get("a").decimalValue().toPlainString()).isEqualTo("0.333333");
  }

  @Test
  void jsonlTopK() throws Exception {
    StringWriter out = new StringWriter();
    try (JsonlWriter w = new JsonlWriter(out, 1, 6)) {
      w.write("d1", new Prediction(List.of(new ScoredLabel("b", 0.7)), false), SCORES, 0);
    }
    JsonNode n = Json.mapper().readTree(out.toString());
    assertThat(n.get("scores").size()).isEqualTo(1);
    assertThat(n.get("scores").get("b").doubleValue()).isEqualTo(0.7);
  }

  @Test
  void csvWithJsonScores() throws Exception {
    StringWriter out = new StringWriter();
    try (CsvWriter w = new CsvWriter(out, DataFormat.CSV, "|", CsvWriter.ScoreStyle.JSON, 2)) {
      w.write("d,1", new Prediction(List.of(new ScoredLabel("b", 0.7), new ScoredLabel("c", 0.2)),
          false), SCORES, 0);
    }
    List<CSVRecord> recs = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new java.io.StringReader(out.toString())).getRecords();
    assertThat(recs).hasSize(1);
    CSVRecord r = recs.get(0);
    assertThat(r.get("id")).isEqualTo("d,1");
    assertThat(r.get("labels")).isEqualTo("b|c");
    assertThat(r.get("abstained")).isEqualTo("false");
    assertThat(r.get("scores")).isEqualTo("{\"b\":0.7,\"c\":0.2}");
  }

  @Test
  void tsvWithPairs() {
    StringWriter out = new StringWriter();
    try (CsvWriter w = new CsvWriter(out, DataFormat.TSV, "|", CsvWriter.ScoreStyle.PAIRS, 0)) {
      w.write("d2", Prediction.abstain(), SCORES, 1);
    }
    assertThat(out.toString())
        .isEqualTo("id\tlabels\tabstained\tscores\nd2\t\ttrue\ta:0.333333|b:0.333333|c:0.333333\n");
  }

  @Test
  void rounding() {
    assertThat(ScoreFormat.round(0.1234565, 6).toPlainString()).isEqualTo("0.123457");
    assertThat(ScoreFormat.round(1.0, 6).toPlainString()).isEqualTo("1");
    assertThat(ScoreFormat.round(0.0000004, 6).toPlainString()).isEqualTo("0");
    assertThat(ScoreFormat.round(1e-7f, 6).toPlainString()).isEqualTo("0");
  }
}
