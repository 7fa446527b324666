package org.classify4j.onnx.nli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.classify4j.data.BadInputException;

/**
 * What a cross-encoder's directory says about its outputs and inputs: the output labels ({@code
 * config.json}'s {@code id2label}, in index order), which of them is entailment and which
 * contradiction, and the longest pair the model takes ({@code tokenizer_config.json}'s {@code
 * model_max_length}, else {@code config.json}'s {@code max_position_embeddings}, else 512).
 *
 * <p>Entailment is the first label whose name starts with "entail" (case-insensitive), as in the
 * Hugging Face pipeline. Contradiction is the first label starting with "contradict"; when there
 * is none (a two-way entailment / not_entailment model) it is the pipeline's rule: index 0, or the
 * last index when entailment is 0. (The pipeline always uses that rule; the two differ only for
 * a label order such as neutral, entailment, contradiction, where the pipeline takes neutral.)
 *
 * @param labels output names by index
 * @param entailment index of the entailment logit
 * @param contradiction index of the contradiction logit
 * @param maxLength longest pair, special tokens included
 */
public record NliConfig(List<String> labels, int entailment, int contradiction, int maxLength) {
  public static final String CONFIG_FILE = "config.json";
  public static final String TOKENIZER_CONFIG_FILE = "tokenizer_config.json";
  public static final int DEFAULT_MAX_LENGTH = 512;

  public NliConfig {
    labels = List.copyOf(labels);
    if (labels.size() < 2) {
      throw new IllegalArgumentException("an NLI model has at least 2 outputs");
    }
    if (entailment < 0 || entailment >= labels.size()) {
      throw new IllegalArgumentException("entailment index " + entailment + " out of range");
    }
    if (contradiction < 0 || contradiction >= labels.size() || contradiction == entailment) {
      throw new IllegalArgumentException(
          "contradiction index " + contradiction + " out of range or equal to entailment");
    }
    if (maxLength < 4) {
      throw new IllegalArgumentException("maxLength must be ≥ 4");
    }
  }

  public NliConfig withEntailment(int i) {
    return new NliConfig(labels, i, contradiction == i ? pipelineContradiction(i, labels.size()) : contradiction, maxLength);
  }

  public NliConfig withContradiction(int i) {
    return new NliConfig(labels, entailment, i, maxLength);
  }

  public NliConfig withMaxLength(int n) {
    return new NliConfig(labels, entailment, contradiction, n);
  }

  /** The pipeline's contradiction index: 0, or the last one when entailment is 0. */
  static int pipelineContradiction(int entailment, int n) {
    return entailment == 0 ? n - 1 : 0;
  }

  /** Reads {@code config.json} (and {@code tokenizer_config.json} when present) of {@code dir}. */
  public static NliConfig read(Path dir) {
    ObjectMapper json = new ObjectMapper();
    Path cfgFile = dir.resolve(CONFIG_FILE);
    JsonNode cfg;
    try {
      cfg = json.readTree(cfgFile.toFile());
    } catch (IOException e) {
      throw new BadInputException(cfgFile.toString(), 0, "", "cannot read: " + e.getMessage(), e);
    }
    JsonNode id2label = cfg.path("id2label");
    if (!id2label.isObject() || id2label.size() < 2) {
      throw new BadInputException(
          cfgFile.toString(), 0, "id2label", "missing or fewer than 2 labels: not an NLI classifier");
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < id2label.size(); i++) {
      JsonNode n = id2label.get(Integer.toString(i));
      if (n == null || !n.isTextual()) {
        throw new BadInputException(
            cfgFile.toString(), 0, "id2label", "no label for index " + i + " (indices must be 0..n-1)");
      }
      labels.add(n.asText());
    }
    int ent = find(labels, "entail");
    if (ent < 0) {
      throw new BadInputException(
          cfgFile.toString(),
          0,
          "id2label",
          "no label starting with 'entail' in " + labels
              + "; set the entailment index explicitly (parameter entailment=INDEX)");
    }
    int con = find(labels, "contradict");
    if (con < 0 || con == ent) {
      con = pipelineContradiction(ent, labels.size());
    }
    return new NliConfig(labels, ent, con, maxLength(json, dir, cfg));
  }

  private static int find(List<String> labels, String prefix) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private static int maxLength(ObjectMapper json, Path dir, JsonNode cfg) {
    Path tc = dir.resolve(TOKENIZER_CONFIG_FILE);
    if (Files.isRegularFile(tc)) {
      try {
        JsonNode m = json.readTree(tc.toFile()).path("model_max_length");
        // transformers writes a huge sentinel (1e30) when the length is unknown
        if (m.isNumber() && m.asDouble() >= 4 && m.asDouble() <= 100_000) {
          return m.asInt();
        }
      } catch (IOException e) {
        throw new BadInputException(tc.toString(), 0, "", "cannot read: " + e.getMessage(), e);
      }
    }
    JsonNode p = cfg.path("max_position_embeddings");
    if (p.isInt() && p.asInt() >= 4) {
      return Math.min(p.asInt(), DEFAULT_MAX_LENGTH);
    }
    return DEFAULT_MAX_LENGTH;
  }
}
