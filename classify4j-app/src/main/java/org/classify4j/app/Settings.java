package org.classify4j.app;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of a run, resolved one way for every face: flag &gt; environment variable &gt;
 * project &gt; default. Holds the process context, the chosen project (if any) and the values the
 * face was given explicitly (flags, request parameters).
 *
 * <p>{@link #backendConfig()} is the configuration handed to backend providers (chat models,
 * embedders): the environment's {@code CLASSIFY4J_*} variables, filled in from the project's
 * {@code backend} block where the environment has none, overridden by explicit values. The project
 * names the variable holding an API key ({@code api_key_env}), never the key itself.
 */
public final class Settings {
  /** Backend configuration keys (the environment variables of the same names). */
  public static final String LLM_BASE_URL = "CLASSIFY4J_LLM_BASE_URL";
  public static final String LLM_API_KEY = "CLASSIFY4J_LLM_API_KEY";
  public static final String LLM_MODEL = "CLASSIFY4J_LLM_MODEL";
  public static final String LLM_CONCURRENCY = "CLASSIFY4J_LLM_CONCURRENCY";
  public static final String LLM_RPM = "CLASSIFY4J_LLM_RPM";
  public static final String LLM_TPM = "CLASSIFY4J_LLM_TPM";

  /** Project {@code backend} keys and the configuration keys they fill. */
  private static final Map<String, String> BACKEND_KEYS = Map.of(
      "base_url", LLM_BASE_URL,
      "model", LLM_MODEL,
      "concurrency", LLM_CONCURRENCY,
      "rpm", LLM_RPM,
      "tpm", LLM_TPM);

  private final AppEnvironment env;
  private final Optional<ProjectsFile.Project> project;
  private final Map<String, String> overrides;

  private Settings(AppEnvironment env, Optional<ProjectsFile.Project> project,
      Map<String, String> overrides) {
    this.env = env;
    this.project = project;
    this.overrides = Map.copyOf(overrides);
  }

  public static Settings of(AppEnvironment env, Optional<ProjectsFile.Project> project) {
    return new Settings(env, project, Map.of());
  }

  /**
   * With an explicit backend value (a flag such as {@code --concurrency}), which wins over the
   * environment and the project. A null value is ignored (the flag was not given).
   */
  public Settings withBackend(String key, Object value) {
    if (value == null) {
      return this;
    }
    Map<String, String> m = new LinkedHashMap<>(overrides);
    m.put(key, value.toString());
    return new Settings(env, project, m);
  }

  public AppEnvironment environment() {
    return env;
  }

  public Optional<ProjectsFile.Project> project() {
    return project;
  }

  /** flag &gt; environment variable &gt; project &gt; default. */
  public String resolve(String flag, String envVar, Optional<String> fromProject, String fallback) {
    if (flag != null) {
      return flag;
    }
    return env.get(envVar).or(() -> fromProject).orElse(fallback);
  }

  /** The configuration for backend providers (see the class comment). */
  public Map<String, String> backendConfig() {
    Map<String, String> m = new HashMap<>(env.env());
    project.map(ProjectsFile.Project::backend).ifPresent(b -> {
      for (Map.Entry<String, String> e : BACKEND_KEYS.entrySet()) {
        fill(m, e.getValue(), b.get(e.getKey()));
      }
      String keyVar = b.get("api_key_env");
      if (keyVar != null) {
        fill(m, LLM_API_KEY, env.env().get(keyVar));
      }
    });
    m.putAll(overrides);
    return m;
  }

  private static void fill(Map<String, String> m, String key, String value) {
    if (value != null && !value.isBlank() && m.getOrDefault(key, "").isBlank()) {
      m.put(key, value);
    }
  }
}
