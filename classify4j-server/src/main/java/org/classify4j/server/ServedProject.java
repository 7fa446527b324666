package org.classify4j.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.classify4j.classify.DecisionRule;

/**
 * A project the service serves: an id for URLs, a name, the model directory, and the project's
 * decision rule when it sets one (else the model's saved rule applies).
 *
 * <p>To move: the application layer's project (issue 10) will carry this; the server keeps only
 * the id it routes by.
 */
public record ServedProject(String id, String name, String description, Path modelDir,
    Optional<DecisionRule> decision) {
  public ServedProject {
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || !id.matches("[A-Za-z0-9._~-]+")) {
      throw new IllegalArgumentException("project id '" + id
          + "' must be non-empty and use only letters, digits, '.', '_', '~' or '-'");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(modelDir, "modelDir");
    Objects.requireNonNull(decision, "decision");
  }

  /** A project made of one model directory: id and name are the directory's name. */
  public static ServedProject ofModelDir(Path dir) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    String id = name == null ? "model" : name.toString();
    return new ServedProject(id, id, "", dir, Optional.empty());
  }
}
