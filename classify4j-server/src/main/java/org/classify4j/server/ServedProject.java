package org.classify4j.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import org.classify4j.app.AppException;
import org.classify4j.app.ProjectsFile;
import org.classify4j.classify.DecisionRule;

/**
 * A project as the service shows it: an id for URLs, a name, the model directory, and the
 * project's decision rule when it sets one (else the model's saved rule applies). Made from the
 * application layer's {@link ProjectsFile.Project}.
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

  /** A project of the projects file (it must have a model_dir). */
  public static ServedProject of(ProjectsFile.Project p) {
    Path dir = p.modelDir().orElseThrow(() -> new AppException("project '" + p.name()
        + "' has no \"model_dir\"; train one with 'classify4j train --project " + p.name() + "'"));
    return new ServedProject(p.name(), p.name(), p.description(), dir, p.decision());
  }

  /**
   * A projects file of one project made of a model directory: id and name are the directory's
   * name. (To move: the application layer could offer this as {@code ProjectsFile.ofModelDir}.)
   */
  public static ProjectsFile modelDirProjects(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    String id = abs.getFileName() == null ? "model" : abs.getFileName().toString();
    ProjectsFile.Project p = new ProjectsFile.Project(id, "", Optional.empty(), Optional.empty(),
        Map.of(), Optional.empty(), Optional.empty(), Optional.of(abs), Optional.empty(),
        Map.of());
    return new ProjectsFile(Optional.empty(), Map.of(id, p));
  }
}
