package org.classify4j.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.classify4j.Json;
import org.classify4j.classify.DecisionRule;

/**
 * The projects file: named settings so that {@code classify4j predict --project tickets} needs no
 * other flags. JSON:
 *
 * <pre>{@code
 * {"projects": {"tickets": {
 *    "method": "centroid", "model": "all-minilm-l6-v2", "params": {"label_weight": 0.2},
 *    "labels": "labels.tsv", "multi_label": false, "model_dir": "models/tickets",
 *    "decision": {"rule": "limit", "limit": 3, "threshold": 0.3},
 *    "backend": {"base_url": "http://localhost:8000/v1", "model": "qwen2.5", "api_key_env": "KEY"}}}}
 * }</pre>
 *
 * Relative paths are relative to the file's directory. Unknown keys are errors (a typo must not
 * silently do nothing).
 *
 * @param source the file read, or empty when no file was found
 */
public record ProjectsFile(Optional<Path> source, Map<String, Project> projects) {

  static final Set<String> PROJECT_KEYS =
      Set.of("method", "model", "params", "labels", "multi_label", "model_dir", "decision",
          "backend", "description");
  static final Set<String> BACKEND_KEYS = Set.of("base_url", "model", "api_key_env", "concurrency", "rpm", "tpm");

  public ProjectsFile {
    projects = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(projects));
  }

  public static ProjectsFile empty() {
    return new ProjectsFile(Optional.empty(), Map.of());
  }

  /** A project's settings; absent ones are empty. */
  public record Project(
      String name,
      String description,
      Optional<String> method,
      Optional<String> model,
      Map<String, String> params,
      Optional<Path> labels,
      Optional<Boolean> multiLabel,
      Optional<Path> modelDir,
      Optional<DecisionRule> decision,
      Map<String, String> backend) {
    public Project {
      params = Map.copyOf(params);
      backend = Map.copyOf(backend);
    }
  }

  /** The project with this name, or an error listing the known ones. */
  public Project project(String name) {
    Project p = projects.get(name);
    if (p == null) {
      throw new AppException("unknown project '" + name + "'"
          + (source.isEmpty()
              ? " (no projects file: use --config FILE or create ./classify4j.json)"
              : " in " + source.get() + "; known: "
                  + (projects.isEmpty() ? "none" : String.join(", ", projects.keySet()))));
    }
    return p;
  }

  /**
   * Finds and reads the projects file: {@code explicit} (must exist), else the file named by
   * {@code $CLASSIFY4J_CONFIG} (must exist), else {@code WORKDIR/classify4j.json}, else
   * {@code HOME/.config/classify4j/projects.json}, else none.
   */
  public static ProjectsFile locate(Optional<Path> explicit, AppEnvironment environment) {
    Map<String, String> env = environment.env();
    Path workDir = environment.workDir();
    Path home = environment.home();
    if (explicit.isPresent()) {
      return read(workDir.resolve(explicit.get()));
    }
    String fromEnv = env.get("CLASSIFY4J_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return read(workDir.resolve(fromEnv));
    }
    for (Path p : List.of(workDir.resolve("classify4j.json"),
        home.resolve(".config").resolve("classify4j").resolve("projects.json"))) {
      if (Files.isRegularFile(p)) {
        return read(p);
      }
    }
    return empty();
  }

  /** Reads a projects file. */
  public static ProjectsFile read(Path file) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new AppException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      if (!Files.exists(file)) {
        throw new AppException(file + ": config file not found", new NoSuchFileException(file.toString()));
      }
      throw new AppException(file + ": cannot read config file: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new AppException(file + ": expected a JSON object with \"projects\"");
    }
    Path base = file.toAbsolutePath().getParent();
    Map<String, Project> projects = new LinkedHashMap<>();
    JsonNode ps = root.path("projects");
    if (!ps.isMissingNode() && !ps.isObject()) {
      throw new AppException(file + ": field 'projects': expected an object of named projects");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("projects")) {
        throw new AppException(file + ": unknown field '" + k + "' (expected \"projects\")");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      projects.put(e.getKey(), project(file, base, e.getKey(), e.getValue()));
    }
    return new ProjectsFile(Optional.of(file), projects);
  }

  private static Project project(Path file, Path base, String name, JsonNode n) {
    String where = file + ": project '" + name + "'";
    if (!n.isObject()) {
      throw new AppException(where + ": expected an object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!PROJECT_KEYS.contains(k)) {
        throw new AppException(where + ": unknown field '" + k + "'; known: "
            + String.join(", ", new java.util.TreeSet<>(PROJECT_KEYS)));
      }
    }
    Map<String, String> params = stringMap(where, "params", n.path("params"));
    Map<String, String> backend = stringMap(where, "backend", n.path("backend"));
    for (String k : backend.keySet()) {
      if (!BACKEND_KEYS.contains(k)) {
        throw new AppException(where + ": field 'backend': unknown key '" + k + "'; known: "
            + String.join(", ", new java.util.TreeSet<>(BACKEND_KEYS)));
      }
    }
    Optional<DecisionRule> decision = Optional.empty();
    if (n.has("decision")) {
      try {
        decision = Optional.of(Json.mapper().treeToValue(n.get("decision"), DecisionRule.class));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new AppException(where + ": field 'decision': " + oneLine(
            e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
      }
    }
    Optional<Boolean> multi = Optional.empty();
    if (n.has("multi_label")) {
      if (!n.get("multi_label").isBoolean()) {
        throw new AppException(where + ": field 'multi_label': expected true or false");
      }
      multi = Optional.of(n.get("multi_label").asBoolean());
    }
    return new Project(
        name,
        text(where, n, "description").orElse(""),
        text(where, n, "method"),
        text(where, n, "model"),
        params,
        text(where, n, "labels").map(base::resolve),
        multi,
        text(where, n, "model_dir").map(base::resolve),
        decision,
        backend);
  }

  private static Optional<String> text(String where, JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new AppException(where + ": field '" + key + "': expected a string");
    }
    return Optional.of(v.asText());
  }

  private static Map<String, String> stringMap(String where, String key, JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n.isMissingNode() || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw new AppException(where + ": field '" + key + "': expected an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode()) {
        throw new AppException(where + ": field '" + key + "." + e.getKey()
            + "': expected a string, number or boolean");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static String oneLine(String s) {
    String t = s == null ? "" : s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip() + " …";
  }

  /** Project names, in file order. */
  public List<String> names() {
    return new ArrayList<>(projects.keySet());
  }
}
