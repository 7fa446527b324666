package org.classify4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.classify4j.Json;

/**
 * The benchmark's text sets, chosen deterministically (seed 13) from the shared datasets: {@code
 * short} = banking77 test, {@code long} = a sample of 20newsgroups test, {@code mixed} = a sample
 * of each, shuffled together; {@code agnews} = all of AG News test (7,600 news snippets). Blank texts are skipped (LangChain4j refuses them).
 */
final class TextSets {
  static final long SEED = 13;

  private TextSets() {}

  record Sizes(int shortN, int longN, int mixedShort, int mixedLong) {}

  static List<String> load(Path datasets, String set, Sizes sizes) {
    return switch (set) {
      case "short" -> take(read(datasets.resolve("banking77/test.jsonl")), sizes.shortN(), SEED);
      case "agnews" -> read(datasets.resolve("agnews/test.jsonl"));
      case "long" -> take(read(datasets.resolve("20newsgroups/test.jsonl")), sizes.longN(), SEED);
      case "mixed" -> {
        List<String> all = new ArrayList<>();
        all.addAll(take(read(datasets.resolve("banking77/test.jsonl")), sizes.mixedShort(), SEED + 1));
        all.addAll(take(read(datasets.resolve("20newsgroups/test.jsonl")), sizes.mixedLong(), SEED + 1));
        Collections.shuffle(all, new Random(SEED));
        yield List.copyOf(all);
      }
      default -> throw new IllegalArgumentException("unknown set '" + set + "': short, long, mixed, agnews");
    };
  }

  /** {@code n} texts sampled without replacement (all, in file order, when n ≥ size). */
  static List<String> take(List<String> texts, int n, long seed) {
    if (n >= texts.size()) {
      return texts;
    }
    List<String> copy = new ArrayList<>(texts);
    Collections.shuffle(copy, new Random(seed));
    return List.copyOf(copy.subList(0, n));
  }

  static List<String> read(Path jsonl) {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = Json.mapper().readTree(line);
        String text = n.path("text").asText("");
        if (!text.isBlank()) {
          out.add(text);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jsonl, e);
    }
    return List.copyOf(out);
  }
}
