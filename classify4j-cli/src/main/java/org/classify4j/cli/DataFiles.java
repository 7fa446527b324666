package org.classify4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.classify4j.Json;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;

/** Reads labelled data files for train/eval/tune: JSON lines {@code {"id", "text", "labels"}}. */
final class DataFiles {
  private DataFiles() {}

  /**
   * A labelled dataset. With {@code space} every gold label must be in it; without, the space is
   * the sorted set of labels used. Multi-label when {@code multiLabel} or any example has other
   * than one label.
   */
  static Dataset read(Path file, Optional<LabelSpace> space, boolean multiLabel) {
    List<Example> examples = new ArrayList<>();
    TreeSet<String> used = new TreeSet<>();
    boolean multi = multiLabel;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      LinkedHashSet<String> ids = new LinkedHashSet<>();
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
          throw new BadInputException(file.toString(), n, "", "not valid JSON: "
              + e.getOriginalMessage());
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
          throw new BadInputException(file.toString(), n, "text", "missing or not a string");
        }
        JsonNode idNode = node.get("id");
        String id = idNode == null || idNode.isNull() ? Long.toString(n) : idNode.asText();
        if (!ids.add(id)) {
          throw new BadInputException(file.toString(), n, "id", "duplicate id '" + id + "'");
        }
        List<String> labels = new ArrayList<>();
        JsonNode ls = node.get("labels");
        if (ls == null) {
          ls = node.get("label");
        }
        if (ls == null || ls.isNull()) {
          throw new BadInputException(file.toString(), n, "labels", "missing");
        }
        if (ls.isTextual()) {
          labels.add(ls.asText());
        } else if (ls.isArray()) {
          for (JsonNode l : ls) {
            labels.add(l.asText());
          }
        } else {
          throw new BadInputException(file.toString(), n, "labels",
              "expected a list of label names");
        }
        for (String l : labels) {
          if (space.isPresent() && !space.get().contains(l)) {
            throw new BadInputException(file.toString(), n, "labels",
                "label '" + l + "' is not in the labels file");
          }
        }
        used.addAll(labels);
        multi |= labels.size() != 1;
        examples.add(new Example(Document.of(id, text.asText()), labels));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Dataset(space.orElseGet(() -> LabelSpace.ofNames(used)), examples, multi);
  }
}
