package org.classify4j.classify.io;

import org.classify4j.data.io.DataFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.classify4j.Classify4jException;
import org.classify4j.Json;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.classify.ScoredLabel;
import org.classify4j.data.LabelSpace;

/**
 * Writes predictions as CSV or TSV with the header {@code id,labels,abstained,scores}: labels
 * joined by the separator, abstained as {@code true}/{@code false}, the top scores (best first,
 * rounded to 6 decimals) either as a JSON object ({@code {"a":0.9,"b":0.1}}) or as pairs ({@code
 * a:0.9|b:0.1}). Flushed record by record. Not thread-safe.
 */
public final class CsvWriter implements AutoCloseable {
  /** How the scores column is written. */
  public enum ScoreStyle {
    /** A JSON object from label to score. */
    JSON,
    /** {@code label:score} pairs joined by the label separator. */
    PAIRS
  }

  private final CSVPrinter printer;
  private final String labelSeparator;
  private final ScoreStyle style;
  private final int topK;
  private final int digits = 6;

  /**
   * @param out where to write (closed by {@link #close()})
   * @param format {@link DataFormat#CSV} or {@link DataFormat#TSV}
   * @param labelSeparator joins several labels (and score pairs)
   * @param style how to write the scores column
   * @param topK how many scores per document, best first; 0 for all
   */
  public CsvWriter(Writer out, DataFormat format, String labelSeparator, ScoreStyle style,
      int topK) {
    if (format == DataFormat.JSONL) {
      throw new IllegalArgumentException("CsvWriter writes CSV or TSV, not JSONL");
    }
    if (labelSeparator.isEmpty()) {
      throw new IllegalArgumentException("label separator must not be empty");
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 = all), got " + topK);
    }
    this.labelSeparator = labelSeparator;
    this.style = java.util.Objects.requireNonNull(style, "style");
    this.topK = topK;
    CSVFormat f = (format == DataFormat.TSV ? CSVFormat.TDF : CSVFormat.DEFAULT).builder()
        .setRecordSeparator("\n")
        .setHeader("id", "labels", "abstained", "scores")
        .get();
    try {
      this.printer = new CSVPrinter(out, f);
      printer.flush();
    } catch (IOException e) {
      throw new Classify4jException("cannot write predictions: " + e, e);
    }
  }

  /** CSV, "|" separator, JSON scores, all of them. */
  public CsvWriter(Writer out) {
    this(out, DataFormat.CSV, "|", ScoreStyle.JSON, 0);
  }

  public static CsvWriter to(Path path, DataFormat format, ScoreStyle style, int topK) {
    try {
      return new CsvWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), format, "|",
          style, topK);
    } catch (IOException e) {
      throw new Classify4jException("cannot write " + path + ": " + e, e);
    }
  }

  public void write(String id, Prediction prediction, ScoreMatrix scores, int row) {
    write(id, prediction, scores.classes(), scores.row(row));
  }

  public void write(String id, Prediction prediction, LabelSpace classes, float[] scores) {
    write(id, prediction, ScoreFormat.top(classes, scores, topK));
  }

  /** Writes one record with the scores given (in the order given). */
  public void write(String id, Prediction prediction, List<ScoredLabel> scores) {
    String labels = String.join(labelSeparator, prediction.labelNames());
    String scoreCell;
    if (style == ScoreStyle.JSON) {
      ObjectNode o = Json.mapper().createObjectNode();
      for (ScoredLabel s : scores) {
        o.put(s.label(), ScoreFormat.round(s.score(), digits));
      }
      try {
        scoreCell = Json.mapper().writeValueAsString(o);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      StringBuilder b = new StringBuilder();
      for (ScoredLabel s : scores) {
        if (b.length() > 0) {
          b.append(labelSeparator);
        }
        b.append(s.label()).append(':')
            .append(ScoreFormat.round(s.score(), digits).toPlainString());
      }
      scoreCell = b.toString();
    }
    try {
      printer.printRecord(id, labels, Boolean.toString(prediction.abstained()), scoreCell);
      printer.flush();
    } catch (IOException e) {
      throw new Classify4jException("cannot write predictions: " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      printer.close(true);
    } catch (IOException e) {
      throw new Classify4jException("cannot close the predictions output: " + e, e);
    }
  }
}
