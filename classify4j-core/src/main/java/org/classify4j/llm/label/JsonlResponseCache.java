package org.classify4j.llm.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.cache.CacheKey;
import org.classify4j.llm.cache.ResponseCache;
import org.classify4j.llm.cache.ResponseCodec;

/**
 * A {@link ResponseCache} in one append-only JSON-lines file, {@code {"k": KEY, "r": ANSWER}} per
 * line: the key is a hash, so the file holds answers but never prompts. Loaded into memory when
 * opened; every answer stored is appended and flushed at once, so a killed run keeps what it paid
 * for (a torn last line is ignored). Thread-safe; one process at a time should write a file.
 */
public final class JsonlResponseCache implements ResponseCache {
  private final Path file;
  private final Map<String, String> answers = new HashMap<>();
  private final BufferedWriter out;

  private JsonlResponseCache(Path file) {
    this.file = file;
    try {
      if (Files.exists(file)) {
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
        for (String line : lines) {
          if (line.isBlank()) {
            continue;
          }
          try {
            JsonNode n = Json.mapper().readTree(line);
            answers.put(n.path("k").asText(), n.path("r").asText());
          } catch (IOException | RuntimeException e) {
            // a torn line from a killed run: the answer is asked for again
          }
        }
        LabelFile.cutTornLine(file);
      } else if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the response cache " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** Opens (creating) the cache file. */
  public static JsonlResponseCache open(Path file) {
    return new JsonlResponseCache(file);
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized Optional<ChatResponse> get(CacheKey key) {
    String r = answers.get(key.sha256());
    return r == null ? Optional.empty() : Optional.of(ResponseCodec.fromJson(r));
  }

  @Override
  public synchronized void put(CacheKey key, ChatResponse response) {
    String r = ResponseCodec.toJson(response);
    if (r.equals(answers.put(key.sha256(), r))) {
      return;
    }
    ObjectNode line = Json.mapper().createObjectNode();
    line.put("k", key.sha256());
    line.put("r", r);
    try {
      out.write(line.toString());
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the response cache " + file, e);
    }
  }

  @Override
  public synchronized long size() {
    return answers.size();
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
