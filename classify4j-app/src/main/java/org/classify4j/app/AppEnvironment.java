package org.classify4j.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process context a face runs in: environment variables, working directory and home
 * directory. Injected (never read from {@code System} deep inside), so tests and embedding
 * programs control it.
 */
public record AppEnvironment(Map<String, String> env, Path workDir, Path home) {

  public AppEnvironment {
    env = Map.copyOf(env);
  }

  /** The real process's environment, working directory and home. */
  public static AppEnvironment system() {
    return new AppEnvironment(System.getenv(), Path.of(""),
        Path.of(System.getProperty("user.home", ".")));
  }

  /** A variable's value, empty when unset or blank. */
  public Optional<String> get(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /** A path as the user gave it, resolved against the working directory. */
  public Path resolve(Path p) {
    return workDir.resolve(p);
  }
}
