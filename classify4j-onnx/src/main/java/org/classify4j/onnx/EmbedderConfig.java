package org.classify4j.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.classify4j.Json;
import org.classify4j.data.BadInputException;

/**
 * How to turn a transformer's output into sentence vectors: the contents of a model directory's
 * {@code embedder.json}. Every field is optional there; missing ones take the defaults of {@link
 * #DEFAULT}.
 *
 * <pre>{@code
 * {"pooling": "MEAN", "normalize": true, "prefix": "query: ", "labelPrefix": "query: ",
 *  "maxLength": 512, "outputName": "last_hidden_state", "batching": "PADDED"}
 * }</pre>
 *
 * @param pooling how token vectors are combined ({@code MEAN} or {@code CLS}); ignored when the
 *     output is already one vector per text (rank 2)
 * @param normalize L2-normalize each vector; classify4j's classifiers expect normalized vectors, so
 *     turn it off only when the model already normalizes
 * @param prefix text put before every document (e5: {@code "query: "})
 * @param labelPrefix text put before every label description or query ({@link
 *     OnnxTextEmbedder#embedLabels})
 * @param maxLength the longest token sequence fed to the model, special tokens included
 * @param outputName the model output holding token (or sentence) vectors; "" picks {@code
 *     last_hidden_state} if present, else the first output
 * @param batching how texts are grouped into model calls
 */
public record EmbedderConfig(
    Pooling pooling,
    boolean normalize,
    String prefix,
    String labelPrefix,
    int maxLength,
    String outputName,
    BatchingPolicy batching) {

  /** Mean pooling, normalized, no prefix, 512 tokens, automatic output, padded batches. */
  public static final EmbedderConfig DEFAULT =
      new EmbedderConfig(Pooling.MEAN, true, "", "", 512, "", BatchingPolicy.PADDED);

  /** The file name of the config inside a model directory. */
  public static final String FILE_NAME = "embedder.json";

  private static final Set<String> KEYS =
      Set.of(
          "pooling", "normalize", "prefix", "labelPrefix", "maxLength", "outputName", "batching");

  public EmbedderConfig {
    Objects.requireNonNull(pooling, "pooling");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(labelPrefix, "labelPrefix");
    Objects.requireNonNull(outputName, "outputName");
    Objects.requireNonNull(batching, "batching");
    if (maxLength < 3 || maxLength > 65_536) {
      throw new IllegalArgumentException("maxLength must be in [3, 65536], got " + maxLength);
    }
  }

  public EmbedderConfig withPooling(Pooling p) {
    return new EmbedderConfig(p, normalize, prefix, labelPrefix, maxLength, outputName, batching);
  }

  /** Sets both the document and the label prefix. */
  public EmbedderConfig withPrefix(String p) {
    return new EmbedderConfig(pooling, normalize, p, p, maxLength, outputName, batching);
  }

  public EmbedderConfig withMaxLength(int n) {
    return new EmbedderConfig(pooling, normalize, prefix, labelPrefix, n, outputName, batching);
  }

  public EmbedderConfig withBatching(BatchingPolicy b) {
    return new EmbedderConfig(pooling, normalize, prefix, labelPrefix, maxLength, outputName, b);
  }

  /**
   * Reads {@code embedder.json} from a model directory; {@link #DEFAULT} when the directory has
   * none.
   *
   * @throws BadInputException when the file is not valid JSON, has unknown keys or bad values
   */
  public static EmbedderConfig read(Path modelDir) {
    Path file = modelDir.resolve(FILE_NAME);
    String json;
    try {
      json = Files.readString(file);
    } catch (NoSuchFileException e) {
      return DEFAULT;
    } catch (IOException e) {
      throw new BadInputException(file.toString(), 0, "", "cannot read: " + e.getMessage(), e);
    }
    return parse(json, file.toString());
  }

  /** Parses the JSON text of an {@code embedder.json}; {@code source} names it in errors. */
  public static EmbedderConfig parse(String json, String source) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new BadInputException(source, 0, "", "not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new BadInputException(source, 0, "", "expected a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new BadInputException(source, 0, k, "unknown key; known: " + String.join(", ", KEYS));
      }
    }
    EmbedderConfig d = DEFAULT;
    try {
      Pooling pooling = enumOf(Pooling.class, root, "pooling", d.pooling());
      boolean normalize = bool(root, "normalize", d.normalize());
      String prefix = text(root, "prefix", d.prefix());
      String labelPrefix = text(root, "labelPrefix", prefix);
      int maxLength = integer(root, "maxLength", d.maxLength());
      String outputName = text(root, "outputName", d.outputName());
      BatchingPolicy batching = enumOf(BatchingPolicy.class, root, "batching", d.batching());
      return new EmbedderConfig(
          pooling, normalize, prefix, labelPrefix, maxLength, outputName, batching);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(source, 0, "", e.getMessage(), e);
    }
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode root, String key, E def) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return def;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException("'" + key + "' must be a string");
    }
    try {
      return Enum.valueOf(type, n.asText().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder known = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        known.append(known.length() == 0 ? "" : ", ").append(c.name());
      }
      throw new IllegalArgumentException(
          "'" + key + "' must be one of " + known + ", got '" + n.asText() + "'", e);
    }
  }

  private static boolean bool(JsonNode root, String key, boolean def) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return def;
    }
    if (!n.isBoolean()) {
      throw new IllegalArgumentException("'" + key + "' must be true or false");
    }
    return n.booleanValue();
  }

  private static String text(JsonNode root, String key, String def) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return def;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException("'" + key + "' must be a string");
    }
    return n.asText();
  }

  private static int integer(JsonNode root, String key, int def) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return def;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      throw new IllegalArgumentException("'" + key + "' must be an integer");
    }
    return n.intValue();
  }
}
