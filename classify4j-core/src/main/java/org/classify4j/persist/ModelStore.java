package org.classify4j.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.classify4j.Classify4jException;
import org.classify4j.Json;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;

/**
 * Saves and loads fitted models as a directory: {@code manifest.json} (format version, type,
 * class, params, labels, arrays, decision rule, provenance) plus raw little-endian float32/int32
 * arrays ({@code NAME.f32}, {@code NAME.i32}) and small JSON parts ({@code NAME.json}). No Java
 * serialization. The manifest is written last, so a directory with a manifest is complete.
 */
public final class ModelStore {
  public static final String FORMAT = "classify4j-model";
  public static final int FORMAT_VERSION = 1;
  public static final String MANIFEST = "manifest.json";
  public static final String DECISION = "decision.json";

  private ModelStore() {}

  /** Saves with the model's default decision rule. */
  public static void save(SavableModel model, Path dir, Provenance provenance) {
    save(model, dir, provenance, model.defaultRule());
  }

  /**
   * Saves a model with a decision rule and its provenance into {@code dir}. The directory is
   * written whole as a temporary sibling and then moved into place, so a failure (disk full, a
   * kill) leaves an earlier model in {@code dir} as it was: readers see the old model or the new
   * one, never a mix.
   */
  public static void save(SavableModel model, Path dir, Provenance provenance, DecisionRule rule) {
    Path abs = dir.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    Path staging = null;
    try {
      Files.createDirectories(parent);
      staging = Files.createTempDirectory(parent, "." + abs.getFileName() + ".saving-");
      writeDirectory(model, staging, provenance, rule);
      replaceDirectory(staging, abs);
      staging = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save model to " + dir + ": " + e.getMessage(), e);
    } finally {
      if (staging != null) {
        deleteTree(staging);
      }
    }
  }

  /** Moves a complete {@code staged} directory to {@code target}, replacing what was there. */
  private static void replaceDirectory(Path staged, Path target) throws IOException {
    if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      move(staged, target);
      return;
    }
    boolean empty;
    try (java.util.stream.Stream<Path> l = Files.list(target)) {
      empty = l.findAny().isEmpty();
    }
    if (empty) {
      Files.delete(target);
      move(staged, target);
      return;
    }
    // only a model is ever replaced: never a directory of other files, nor one the process works in
    if (!isModelDirectory(target)) {
      throw new IOException(target + " is not empty and holds no classify4j model ("
          + MANIFEST + "): not replaced");
    }
    if (Path.of("").toRealPath().startsWith(target.toRealPath())) {
      throw new IOException(target + " holds the working directory: not replaced");
    }
    // two renames: the old model stays whole (as .NAME.old-*) until the new one is in place
    Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
    Files.delete(old);
    move(target, old);
    try {
      move(staged, target);
    } catch (IOException e) {
      move(old, target);
      throw e;
    }
    deleteTree(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a leftover hidden sibling does no harm
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }

  private static void writeDirectory(SavableModel model, Path dir, Provenance provenance,
      DecisionRule rule) throws IOException {
    ObjectMapper m = Json.mapper();
    ModelWriter w = new ModelWriter();
    model.writeTo(w);
    {
      ObjectNode arrays = m.createObjectNode();
      for (Map.Entry<String, float[]> e : w.floatArrays.entrySet()) {
        String file = e.getKey() + ".f32";
        writeFloats(dir.resolve(file), e.getValue());
        arrays.set(e.getKey(), arrayEntry(m, file, "float32", w.shapes.get(e.getKey())));
      }
      for (Map.Entry<String, int[]> e : w.intArrays.entrySet()) {
        String file = e.getKey() + ".i32";
        writeInts(dir.resolve(file), e.getValue());
        arrays.set(e.getKey(), arrayEntry(m, file, "int32", w.shapes.get(e.getKey())));
      }
      ObjectNode parts = m.createObjectNode();
      for (Map.Entry<String, Object> e : w.jsonParts.entrySet()) {
        String file = e.getKey() + ".json";
        m.writeValue(dir.resolve(file).toFile(), e.getValue());
        parts.put(e.getKey(), file);
      }
      m.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(DECISION).toFile(), rule);
      ArrayNode nested = m.createArrayNode();
      for (Map.Entry<String, ModelWriter.Nested> e : w.nestedModels.entrySet()) {
        Path sub = dir.resolve(e.getKey());
        Files.createDirectories(sub);
        writeDirectory(e.getValue().model(), sub, provenance, e.getValue().rule());
        nested.add(e.getKey());
      }

      ObjectNode man = m.createObjectNode();
      man.put("format", FORMAT);
      man.put("format_version", FORMAT_VERSION);
      man.put("type", model.modelType());
      man.put("class", model.getClass().getName());
      man.put("multi_label", model.multiLabel());
      man.set("params", m.valueToTree(w.params));
      ArrayNode labels = man.putArray("labels");
      for (Label l : model.classes().labels()) {
        ObjectNode ln = labels.addObject();
        ln.put("name", l.name());
        if (!l.description().isEmpty()) {
          ln.put("description", l.description());
        }
        if (!l.synonyms().isEmpty()) {
          ln.set("synonyms", m.valueToTree(l.synonyms()));
        }
        if (!l.parent().isEmpty()) {
          ln.put("parent", l.parent());
        }
        if (!l.uri().isEmpty()) {
          ln.put("uri", l.uri());
        }
      }
      man.set("arrays", arrays);
      man.set("parts", parts);
      if (!nested.isEmpty()) {
        man.set("nested", nested);
      }
      man.put("decision_rule", DECISION);
      man.set("provenance", m.valueToTree(provenance));
      m.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(MANIFEST).toFile(), man);
    }
  }

  /**
   * Replaces the decision rule of a saved model (used by tuning), atomically: written to a
   * temporary sibling and moved into place.
   */
  public static void saveDecisionRule(Path dir, DecisionRule rule) {
    requireManifest(dir);
    AtomicFiles.writeAtomically(dir.resolve(DECISION), tmp ->
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), rule));
  }


  /** Loads a model directory; model types are found through {@link ModelLoader} services. */
  public static LoadedModel load(Path dir, Resources context) {
    try {
      return loadModel(dir, context);
    } catch (RuntimeException e) {
      // a damaged model: whatever failed, the error says which model directory
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (msg.contains(dir.toString()) || e.getClass().getSimpleName().equals("Cancelled")
          || isBackend(e)) {
        throw e;
      }
      throw new Classify4jException("model directory " + dir + " cannot be loaded: " + msg, e);
    }
  }

  /** Native runtime and backend failures keep their type (a backend's exit code, not input's). */
  private static boolean isBackend(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String n = c.getClass().getSimpleName();
      if (n.equals("OrtException") || n.equals("EngineException") || n.endsWith("BackendException")
          || n.equals("EmbedderException") || c instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private static LoadedModel loadModel(Path dir, Resources context) {
    ModelReader r = ModelReader.open(dir);
    return new LoadedModel(loadModel(r, context), r.decisionRule(), r.provenance(), dir);
  }

  static ClassifierModel loadModel(ModelReader r, Resources context) {
    String type = r.type();
    for (ModelLoader loader : ServiceLoader.load(ModelLoader.class)) {
      if (loader.modelType().equals(type)) {
        return loader.load(r, context);
      }
    }
    List<String> known = new ArrayList<>();
    ServiceLoader.load(ModelLoader.class).forEach(l -> known.add(l.modelType()));
    throw new Classify4jException(r.directory().resolve(MANIFEST)
        + ": field 'type': unknown model type '" + type + "' (known: " + String.join(", ", known) + "); is the module that saved it on the"
        + " class path?");
  }

  /**
   * True when {@code dir} holds a classify4j model: a {@value #MANIFEST} that is a JSON object with
   * {@code "format": "classify4j-model"}.
   */
  public static boolean isModelDirectory(Path dir) {
    Path man = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(man)) {
      return false;
    }
    try {
      JsonNode root = Json.mapper().readTree(man.toFile());
      return root != null && FORMAT.equals(root.path("format").asText());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static Path requireManifest(Path dir) {
    Path man = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(man)) {
      throw new Classify4jException(
          dir + " is not a classify4j model directory (no " + MANIFEST + ")");
    }
    return man;
  }

  private static ObjectNode arrayEntry(ObjectMapper m, String file, String dtype, int[] shape) {
    ObjectNode n = m.createObjectNode();
    n.put("file", file);
    n.put("dtype", dtype);
    n.put("byte_order", "little");
    ArrayNode s = n.putArray("shape");
    for (int x : shape) {
      s.add(x);
    }
    return n;
  }

  private static void writeFloats(Path p, float[] data) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    Files.write(p, b.array());
  }

  private static void writeInts(Path p, int[] data) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(data);
    Files.write(p, b.array());
  }

  static float[] readFloats(Path p, int expected) throws IOException {
    byte[] bytes = readExact(p, expected);
    float[] out = new float[expected];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  static int[] readInts(Path p, int expected) throws IOException {
    byte[] bytes = readExact(p, expected);
    int[] out = new int[expected];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }

  private static byte[] readExact(Path p, int expected) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new Classify4jException(p + ": array file is missing");
    }
    if (bytes.length != expected * 4L) {
      throw new Classify4jException(p + ": expected " + expected * 4L + " bytes (" + expected
          + " values) as the manifest's shape says, found " + bytes.length);
    }
    return bytes;
  }

  static LabelSpace labels(JsonNode manifest, Path file) {
    JsonNode ls = manifest.get("labels");
    if (ls == null || !ls.isArray()) {
      throw new Classify4jException(file + ": field 'labels': expected an array of labels");
    }
    List<Label> out = new ArrayList<>();
    for (JsonNode n : ls) {
      List<String> syn = new ArrayList<>();
      n.path("synonyms").forEach(s -> syn.add(s.asText()));
      out.add(new Label(n.path("name").asText(), n.path("description").asText(""), syn,
          n.path("parent").asText(""), n.path("uri").asText("")));
    }
    return LabelSpace.of(out);
  }
}
