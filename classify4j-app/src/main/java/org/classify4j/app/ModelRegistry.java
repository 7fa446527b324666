package org.classify4j.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;

/**
 * Trained models by project id or directory, each loaded once, on first use, and shared by every
 * caller (models are thread-safe). For long-lived faces: the REST server (one registry for its
 * projects), a Spark executor (one per JVM). Closing closes the backends the models hold.
 */
public final class ModelRegistry implements AutoCloseable {
  private final AppEnvironment env;
  private final ProjectsFile projects;
  private final Map<String, Entry> loaded = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private record Entry(LoadedModel model, LoadContext context) {}

  public ModelRegistry(AppEnvironment env, ProjectsFile projects) {
    this.env = env;
    this.projects = projects;
  }

  public ProjectsFile projects() {
    return projects;
  }

  /**
   * The model of project {@code id} (its {@code model_dir}), with the project's decision rule when
   * it names one, else the model's saved rule.
   */
  public LoadedModel project(String id) {
    ProjectsFile.Project p = projects.project(id);
    Path dir = p.modelDir().orElseThrow(() -> new AppException("project '" + id
        + "' has no \"model_dir\"; train one with 'classify4j train --project " + id + "'"));
    return load("project:" + id, dir, Optional.of(p));
  }

  /** The model in {@code dir} (relative paths: to the working directory), with its saved rule. */
  public LoadedModel directory(Path dir) {
    Path abs = env.resolve(dir).toAbsolutePath().normalize();
    return load("dir:" + abs, abs, Optional.empty());
  }

  /** Whether the project's model is loaded (readiness). */
  public boolean isLoaded(String projectId) {
    return loaded.containsKey("project:" + projectId);
  }

  private LoadedModel load(String key, Path dir, Optional<ProjectsFile.Project> project) {
    if (closed) {
      throw new IllegalStateException("model registry is closed");
    }
    return loaded.computeIfAbsent(key, k -> {
      LoadContext ctx = Backends.context(Settings.of(env, project));
      try {
        LoadedModel m = ModelStore.load(dir, ctx);
        var rule = Rules.choose(m.decisionRule(),
            project.flatMap(ProjectsFile.Project::decision), null, null);
        return new Entry(new LoadedModel(m.model(), rule, m.provenance(), m.directory()), ctx);
      } catch (RuntimeException e) {
        ctx.close();
        throw e;
      }
    }).model();
  }

  @Override
  public void close() {
    closed = true;
    List<Entry> es = new ArrayList<>(loaded.values());
    loaded.clear();
    for (Entry e : es) {
      e.context().close();
    }
  }
}
