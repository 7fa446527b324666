package org.classify4j.classify.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.classify4j.Classify4jException;
import org.classify4j.Json;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.classify.ScoredLabel;
import org.classify4j.data.LabelSpace;

/**
 * Writes predictions as JSON lines, one per document, flushed line by line so that a crash loses
 * nothing written: {@code {"id": "...", "labels": ["..."], "scores": {"label": 0.912345, ...},
 * "abstained": false}}. Scores are listed best first, rounded to {@link #digits()} decimals, all of
 * them or only the top {@link #topK()}. Not thread-safe.
 */
public final class JsonlWriter implements AutoCloseable {
  private final Writer out;
  private final int topK;
  private final int digits;

  /**
   * @param out where to write (closed by {@link #close()})
   * @param topK how many scores to write per document, best first; 0 for all
   * @param digits decimals of the rounded scores (6 is the usual)
   */
  public JsonlWriter(Writer out, int topK, int digits) {
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 = all), got " + topK);
    }
    if (digits < 1 || digits > 9) {
      throw new IllegalArgumentException("digits must be in 1..9, got " + digits);
    }
    this.out = out;
    this.topK = topK;
    this.digits = digits;
  }

  /** All scores, 6 decimals. */
  public JsonlWriter(Writer out) {
    this(out, 0, 6);
  }

  public static JsonlWriter to(OutputStream out, int topK) {
    return new JsonlWriter(
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), topK, 6);
  }

  public static JsonlWriter to(Path path, int topK) {
    try {
      return new JsonlWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), topK, 6);
    } catch (IOException e) {
      throw new Classify4jException("cannot write " + path + ": " + e, e);
    }
  }

  public int topK() {
    return topK;
  }

  public int digits() {
    return digits;
  }

  /** Writes row {@code row} of the scores with its prediction. */
  public void write(String id, Prediction prediction, ScoreMatrix scores, int row) {
    Map<String, Integer> notes = new java.util.LinkedHashMap<>();
    for (String name : scores.noteNames()) {
      notes.put(name, scores.note(name, row).getAsInt());
    }
    write(id, prediction, scores.classes(), scores.row(row), notes);
  }

  /**
   * Writes one document's prediction and its scores over {@code classes}. When the labels come
   * from a subject vocabulary (labels with a {@link org.classify4j.data.Label#uri()}), a {@code
   * "uris"} array follows {@code "labels"}, the URI of each chosen label in the same order.
   */
  public void write(String id, Prediction prediction, LabelSpace classes, float[] scores) {
    write(id, prediction, classes, scores, Map.of());
  }

  private void write(String id, Prediction prediction, LabelSpace classes, float[] scores,
      Map<String, Integer> notes) {
    List<String> uris = new java.util.ArrayList<>();
    boolean any = false;
    for (ScoredLabel l : prediction.labels()) {
      String u = classes.find(l.label()).map(org.classify4j.data.Label::uri).orElse("");
      any |= !u.isEmpty();
      uris.add(u);
    }
    write(id, prediction, ScoreFormat.top(classes, scores, topK), any ? uris : List.of(), notes);
  }

  /** Writes one document's prediction with the scores given (written in the order given). */
  public void write(String id, Prediction prediction, List<ScoredLabel> scores) {
    write(id, prediction, scores, List.of(), Map.of());
  }

  private void write(String id, Prediction prediction, List<ScoredLabel> scores,
      List<String> uris, Map<String, Integer> notes) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("id", id);
    ArrayNode ls = o.putArray("labels");
    for (ScoredLabel l : prediction.labels()) {
      ls.add(l.label());
    }
    if (!uris.isEmpty()) {
      ArrayNode us = o.putArray("uris");
      uris.forEach(us::add);
    }
    ObjectNode s = o.putObject("scores");
    for (ScoredLabel l : scores) {
      s.put(l.label(), ScoreFormat.round(l.score(), digits));
    }
    o.put("abstained", prediction.abstained());
    notes.forEach(o::put);
    writeLine(o);
  }

  private void writeLine(ObjectNode o) {
    try {
      out.write(Json.mapper().writeValueAsString(o));
      out.write('\n');
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new Classify4jException("cannot write predictions: " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new Classify4jException("cannot close the predictions output: " + e, e);
    }
  }
}
