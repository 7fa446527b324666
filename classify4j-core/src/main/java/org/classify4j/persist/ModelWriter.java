package org.classify4j.persist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the parts of a model for {@link ModelStore#save}: JSON-compatible params, float and int
 * arrays (stored raw, little-endian) and small JSON parts.
 */
public final class ModelWriter {
  final Map<String, Object> params = new LinkedHashMap<>();
  final Map<String, float[]> floatArrays = new LinkedHashMap<>();
  final Map<String, int[]> intArrays = new LinkedHashMap<>();
  final Map<String, int[]> shapes = new LinkedHashMap<>();
  final Map<String, Object> jsonParts = new LinkedHashMap<>();
  final Map<String, Nested> nestedModels = new LinkedHashMap<>();

  /** A whole model saved in a subdirectory of this one. */
  record Nested(SavableModel model, org.classify4j.classify.DecisionRule rule) {}

  ModelWriter() {}

  /** A hyperparameter or other small JSON-compatible value. */
  public ModelWriter param(String name, Object value) {
    params.put(name, value);
    return this;
  }

  /** A float32 array of the given shape (product of shape == data.length). */
  public ModelWriter floats(String name, float[] data, int... shape) {
    checkName(name);
    checkShape(name, data.length, shape);
    floatArrays.put(name, data.clone());
    shapes.put(name, shape.clone());
    return this;
  }

  /** A row-major float32 matrix. */
  public ModelWriter matrix(String name, float[][] rows, int cols) {
    float[] flat = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException(name + ": row " + i + " has length " + rows[i].length);
      }
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return floats(name, flat, rows.length, cols);
  }

  /** An int32 array of the given shape. */
  public ModelWriter ints(String name, int[] data, int... shape) {
    checkName(name);
    checkShape(name, data.length, shape);
    intArrays.put(name, data.clone());
    shapes.put(name, shape.clone());
    return this;
  }

  /** A JSON part (any Jackson-serializable value), stored as {@code name.json}. */
  public ModelWriter json(String name, Object value) {
    checkName(name);
    jsonParts.put(name, value);
    return this;
  }

  /**
   * Writes another model's parts into this one, every array and JSON part named under {@code
   * prefix} (for models made of models, such as an ensemble). Returns what {@link
   * ModelReader#member} needs to read it back: its type, multi-label flag and params; store it
   * with {@link #param}.
   */
  public Map<String, Object> member(String prefix, SavableModel model) {
    checkName(prefix + "x");
    ModelWriter inner = new ModelWriter();
    model.writeTo(inner);
    inner.floatArrays.forEach((n, a) -> floats(prefix + n, a, inner.shapes.get(n)));
    inner.intArrays.forEach((n, a) -> ints(prefix + n, a, inner.shapes.get(n)));
    inner.jsonParts.forEach((n, v) -> json(prefix + n, v));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", model.modelType());
    d.put("prefix", prefix);
    d.put("multi_label", model.multiLabel());
    d.put("params", new LinkedHashMap<>(inner.params));
    return d;
  }

  /** A list of strings (vocabularies and the like), stored as a JSON array. */
  public ModelWriter strings(String name, List<String> values) {
    return json(name, List.copyOf(values));
  }

  /**
   * A whole model (with its own manifest, parts and decision rule) in the subdirectory {@code
   * name} of this model's directory; read back with {@link ModelReader#nested}. For models made of
   * models with their own label spaces or rules (a cascade's stages).
   */
  public ModelWriter nested(String name, SavableModel model,
      org.classify4j.classify.DecisionRule rule) {
    if (!name.matches("[A-Za-z0-9_-]+") || nestedModels.containsKey(name)) {
      throw new IllegalArgumentException("bad or repeated nested model name '" + name + "'");
    }
    nestedModels.put(name, new Nested(model, rule));
    return this;
  }

  private void checkName(String name) {
    if (!name.matches("[A-Za-z0-9_.-]+") || name.equals("manifest")) {
      throw new IllegalArgumentException("bad part name '" + name + "'");
    }
    if (floatArrays.containsKey(name) || intArrays.containsKey(name)
        || jsonParts.containsKey(name)) {
      throw new IllegalArgumentException("part '" + name + "' written twice");
    }
  }

  private static void checkShape(String name, int length, int[] shape) {
    long p = 1;
    for (int s : shape) {
      p *= s;
    }
    if (shape.length == 0 || p != length) {
      throw new IllegalArgumentException(
          name + ": shape " + java.util.Arrays.toString(shape) + " does not match " + length);
    }
  }
}
