package org.classify4j.persist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Classify4jException;
import org.classify4j.Json;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.LabelSpace;

/** Reads the parts of a saved model; errors name the file and the field. */
public final class ModelReader {
  private final Path dir;
  private final Path manifestFile;
  private final JsonNode manifest;
  private final LabelSpace classes;

  private ModelReader(Path dir, Path manifestFile, JsonNode manifest) {
    this.dir = dir;
    this.manifestFile = manifestFile;
    this.manifest = manifest;
    this.classes = ModelStore.labels(manifest, manifestFile);
  }

  static ModelReader open(Path dir) {
    Path man = ModelStore.requireManifest(dir);
    JsonNode root;
    try {
      root = Json.mapper().readTree(man.toFile());
    } catch (IOException e) {
      throw new Classify4jException(man + ": not valid JSON: " + e.getMessage(), e);
    }
    if (!ModelStore.FORMAT.equals(root.path("format").asText())) {
      throw new Classify4jException(man + ": field 'format': expected '" + ModelStore.FORMAT + "'");
    }
    int v = root.path("format_version").asInt(-1);
    if (v < 1 || v > ModelStore.FORMAT_VERSION) {
      throw new Classify4jException(man + ": field 'format_version': " + v
          + " is not supported by this version (reads 1.." + ModelStore.FORMAT_VERSION + ")");
    }
    return new ModelReader(dir, man, root);
  }

  public Path directory() {
    return dir;
  }

  /**
   * The model written with {@link ModelWriter#nested} under {@code name}: loaded from that
   * subdirectory with its own decision rule.
   */
  public LoadedModel nested(String name, Resources context) {
    Path sub = dir.resolve(name);
    if (!Files.isDirectory(sub)) {
      throw new Classify4jException(manifestFile + ": the nested model '" + name
          + "' is missing (no directory " + sub + ")");
    }
    return ModelStore.load(sub, context);
  }

  public String type() {
    return require("type").asText();
  }

  public LabelSpace classes() {
    return classes;
  }

  public boolean multiLabel() {
    return manifest.path("multi_label").asBoolean(false);
  }

  public JsonNode params() {
    return manifest.path("params");
  }

  /** A required parameter, failing with file and field when absent. */
  public JsonNode param(String name) {
    JsonNode n = params().get(name);
    if (n == null || n.isNull()) {
      throw new Classify4jException(manifestFile + ": field 'params." + name + "' is missing");
    }
    return n;
  }

  public int[] shape(String name) {
    JsonNode s = arrayEntry(name).get("shape");
    int[] out = new int[s.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.get(i).asInt();
    }
    return out;
  }

  public float[] floats(String name) {
    JsonNode e = arrayEntry(name);
    checkDtype(name, e, "float32");
    try {
      return ModelStore.readFloats(dir.resolve(e.get("file").asText()), count(name));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** A 2-D float array as rows. */
  public float[][] matrix(String name) {
    int[] s = shape(name);
    if (s.length != 2) {
      throw new Classify4jException(manifestFile + ": field 'arrays." + name
          + ".shape': expected 2 dimensions, found " + s.length);
    }
    float[] flat = floats(name);
    float[][] out = new float[s[0]][s[1]];
    for (int i = 0; i < s[0]; i++) {
      System.arraycopy(flat, i * s[1], out[i], 0, s[1]);
    }
    return out;
  }

  public int[] ints(String name) {
    JsonNode e = arrayEntry(name);
    checkDtype(name, e, "int32");
    try {
      return ModelStore.readInts(dir.resolve(e.get("file").asText()), count(name));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  public <T> T json(String name, Class<T> type) {
    JsonNode f = manifest.path("parts").get(name);
    if (f == null) {
      throw new Classify4jException(manifestFile + ": field 'parts." + name + "' is missing");
    }
    Path p = dir.resolve(f.asText());
    try {
      return Json.mapper().readValue(p.toFile(), type);
    } catch (IOException e) {
      throw new Classify4jException(p + ": cannot read part '" + name + "': " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model written into this one with {@link ModelWriter#member}: {@code description} is
   * the value that call returned. The member sees its own params and its parts under their own
   * names; it shares this model's labels.
   */
  public ClassifierModel member(JsonNode description, Resources context) {
    String prefix = description.path("prefix").asText("");
    String type = description.path("type").asText("");
    if (type.isEmpty()) {
      throw new Classify4jException(manifestFile + ": a member's field 'type' is missing");
    }
    com.fasterxml.jackson.databind.node.ObjectNode m =
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest).deepCopy();
    m.put("type", type);
    m.put("multi_label", description.path("multi_label").asBoolean(multiLabel()));
    m.set("params", description.path("params").deepCopy());
    for (String section : List.of("arrays", "parts")) {
      com.fasterxml.jackson.databind.node.ObjectNode own = m.putObject(section);
      manifest.path(section).fields().forEachRemaining(e -> {
        if (e.getKey().startsWith(prefix)) {
          own.set(e.getKey().substring(prefix.length()), e.getValue());
        }
      });
    }
    return ModelStore.loadModel(new ModelReader(dir, manifestFile, m), context);
  }

  public List<String> strings(String name) {
    String[] s = json(name, String[].class);
    return new ArrayList<>(List.of(s));
  }

  DecisionRule decisionRule() {
    Path p = dir.resolve(manifest.path("decision_rule").asText(ModelStore.DECISION));
    try {
      return Json.mapper().readValue(p.toFile(), DecisionRule.class);
    } catch (IOException e) {
      throw new Classify4jException(p + ": not a valid decision rule: " + e.getMessage(), e);
    }
  }

  Provenance provenance() {
    try {
      return Json.mapper().treeToValue(manifest.path("provenance"), Provenance.class);
    } catch (IOException e) {
      throw new Classify4jException(manifestFile + ": field 'provenance': " + e.getMessage(), e);
    }
  }

  private int count(String name) {
    long p = 1;
    for (int s : shape(name)) {
      p *= s;
    }
    return Math.toIntExact(p);
  }

  private JsonNode arrayEntry(String name) {
    JsonNode e = manifest.path("arrays").get(name);
    if (e == null) {
      throw new Classify4jException(manifestFile + ": field 'arrays." + name + "' is missing");
    }
    return e;
  }

  private void checkDtype(String name, JsonNode e, String dtype) {
    if (!dtype.equals(e.path("dtype").asText())) {
      throw new Classify4jException(manifestFile + ": field 'arrays." + name + ".dtype': expected "
          + dtype + ", found " + e.path("dtype").asText());
    }
  }

  private JsonNode require(String field) {
    JsonNode n = manifest.get(field);
    if (n == null) {
      throw new Classify4jException(manifestFile + ": field '" + field + "' is missing");
    }
    return n;
  }

}
