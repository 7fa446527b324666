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
 * A {@link ResponseCache} in one append-only JSON-lines file: a header line ({@link #HEADER}),
 * then {@code {"k": KEY, "r": ANSWER}} per line: the key is a hash, so the file holds answers but
 * never prompts. A file that is not a cache (no header, and lines that are not cache records: a
 * model manifest, a labels file, a data file) is refused when opened, before anything is written
 * to it; files written before the header existed (cache records only) are still read. Loaded into memory when
 * opened; every answer stored is appended and flushed at once, so a killed run keeps what it paid
 * for (a torn last line is ignored). Thread-safe; one process at a time should write a file.
 */
public final class JsonlResponseCache implements ResponseCache {
  private final Path file;
  private final Map<String, String> answers = new HashMap<>();
  private final BufferedWriter out;

  /** The first line of every cache file: what tells a response cache from any other file. */
  public static final String HEADER = "{\"classify4j\":\"response-cache\",\"version\":1}";

  private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile(
      "[0-9a-f]{64}");

  private JsonlResponseCache(Path file) {
    this.file = file;
    try {
      boolean header = true;
      if (Files.exists(file) && Files.size(file) > 0) {
        if (!Files.isRegularFile(file)) {
          throw notACache(file, 0, "not a regular file");
        }
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        header = false;
        for (int i = 0; i < lines.length; i++) {
          String line = lines[i];
          if (line.isBlank()) {
            continue;
          }
          boolean last = i == lines.length - 1;
          if (!header && answers.isEmpty() && line.strip().equals(HEADER)) {
            header = true;
            continue;
          }
          JsonNode n;
          try {
            n = Json.mapper().readTree(line);
          } catch (IOException | RuntimeException e) {
            if (last) {
              continue; // a torn line from a killed run: the answer is asked for again
            }
            throw notACache(file, i + 1, "not a JSON line");
          }
          if (!isRecord(n)) {
            throw notACache(file, i + 1, header ? "not a cache record" : "no cache header and"
                + " not a cache record {\"k\": SHA-256, \"r\": answer}");
          }
          answers.put(n.path("k").asText(), n.path("r").asText());
        }
        LabelFile.cutTornLine(file);
      } else if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        header = false;
      }
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      if (!header && answers.isEmpty()) {
        out.write(HEADER);
        out.write('\n');
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the response cache " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** A cache record: exactly {@code {"k": 64 hex digits, "r": a string}}. */
  private static boolean isRecord(JsonNode n) {
    return n != null && n.isObject() && n.size() == 2 && n.path("k").isTextual()
        && KEY.matcher(n.path("k").asText()).matches() && n.path("r").isTextual();
  }

  private static org.classify4j.data.BadInputException notACache(Path file, int line,
      String why) {
    return new org.classify4j.data.BadInputException(file.toString(), line, "",
        why + ": this file is not a classify4j response cache, and nothing was written to it."
            + " Give the response cache a file of its own (default: OUTPUT.cache.jsonl)");
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
