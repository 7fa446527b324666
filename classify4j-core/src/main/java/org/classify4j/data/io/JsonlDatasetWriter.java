package org.classify4j.data.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classify4j.Classify4jException;
import org.classify4j.Json;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;

/**
 * Writes examples as JSON lines that {@link DatasetReader} reads back to equal examples:
 * {@code {"id": "...", "text": "...", "labels": [...], "metadata": {...}}} (metadata only when
 * there is some). Not thread-safe.
 */
public final class JsonlDatasetWriter implements AutoCloseable {
  private final Writer out;

  /** @param out where to write (closed by {@link #close()}) */
  public JsonlDatasetWriter(Writer out) {
    this.out = out;
  }

  public static JsonlDatasetWriter to(Path path) {
    try {
      return new JsonlDatasetWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new Classify4jException("cannot write " + path + ": " + e, e);
    }
  }

  /** Writes a whole data set to a file. */
  public static void write(Dataset dataset, Path path) {
    try (JsonlDatasetWriter w = to(path)) {
      for (Example e : dataset.examples()) {
        w.write(e);
      }
    }
  }

  public void write(Example e) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("id", e.document().id());
    o.put("text", e.document().text());
    ArrayNode ls = o.putArray("labels");
    e.labels().forEach(ls::add);
    if (!e.document().metadata().isEmpty()) {
      ObjectNode m = o.putObject("metadata");
      new java.util.TreeMap<>(e.document().metadata()).forEach(m::put);
    }
    try {
      out.write(Json.mapper().writeValueAsString(o));
      out.write('\n');
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    } catch (IOException ex) {
      throw new Classify4jException("cannot write examples: " + ex, ex);
    }
  }

  /** Flushes what was written to the underlying writer. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new Classify4jException("cannot write examples: " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new Classify4jException("cannot close the examples output: " + e, e);
    }
  }
}
