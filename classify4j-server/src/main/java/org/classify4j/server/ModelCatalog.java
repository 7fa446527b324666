package org.classify4j.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.classify4j.Classify4jException;
import org.classify4j.app.ModelRegistry;
import org.classify4j.app.ProjectsFile;
import org.classify4j.classify.DecisionRule;
import org.classify4j.persist.LoadedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The served projects and their models, over the application layer's {@link ModelRegistry}: each
 * model is loaded lazily, once, by the first request that needs it (or by {@link #warmUp}), and
 * shared by every request after. Adds what the service shows: which projects are served, unknown
 * ids as 404, whether and when each model was loaded (readiness). Thread-safe; closing closes the
 * registry (embedders, chat models).
 */
public final class ModelCatalog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

  /** A loaded project: the model and the rule used when a request names none. */
  public record Served(ServedProject project, LoadedModel loaded, DecisionRule rule,
      Instant loadedAt) {}

  private final Map<String, ServedProject> projects;
  private final Function<ServedProject, LoadedModel> loader;
  private final AutoCloseable resources;
  private final Map<String, CompletableFuture<Served>> models = new ConcurrentHashMap<>();

  /**
   * The projects {@code ids} of the registry's projects file (every one with a model_dir when
   * {@code ids} is empty), loaded through the registry (closed with this).
   */
  public static ModelCatalog of(ModelRegistry registry, List<String> ids) {
    ProjectsFile file = registry.projects();
    List<ServedProject> served = new ArrayList<>();
    for (String id : ids.isEmpty() ? file.names() : ids) {
      ProjectsFile.Project p = file.project(id);
      if (ids.isEmpty() && p.modelDir().isEmpty()) {
        LOG.info("project '{}': no model_dir, not served", id);
        continue;
      }
      served.add(ServedProject.of(p));
    }
    return new ModelCatalog(served, p -> registry.project(p.id()), registry);
  }

  /**
   * @param loader loads a project's model (called at most once per project unless it fails;
   *     tests give their own)
   * @param resources closed with the catalog
   */
  public ModelCatalog(List<ServedProject> projects, Function<ServedProject, LoadedModel> loader,
      AutoCloseable resources) {
    Map<String, ServedProject> m = new LinkedHashMap<>();
    for (ServedProject p : projects) {
      if (m.put(p.id(), p) != null) {
        throw new IllegalArgumentException("two projects with id '" + p.id() + "'");
      }
    }
    this.projects = Collections.unmodifiableMap(m);
    this.loader = loader;
    this.resources = resources;
  }

  public List<ServedProject> projects() {
    return List.copyOf(projects.values());
  }

  public Optional<ServedProject> find(String id) {
    return Optional.ofNullable(projects.get(id));
  }

  /**
   * The project's model, loaded now if no request loaded it before. A failed load is not kept:
   * the next request tries again (the model directory may have been fixed).
   *
   * @throws ApiException 404 for an unknown project
   */
  public Served model(String id) {
    ServedProject p = projects.get(id);
    if (p == null) {
      throw ApiException.notFound("no project '" + id + "'; known: "
          + (projects.isEmpty() ? "none" : String.join(", ", projects.keySet())));
    }
    CompletableFuture<Served> mine = new CompletableFuture<>();
    CompletableFuture<Served> f = models.putIfAbsent(id, mine);
    if (f == null) {
      f = mine;
      try {
        long t0 = System.nanoTime();
        LoadedModel lm = loader.apply(p);
        Served s = new Served(p, lm, p.decision().orElse(lm.decisionRule()), Instant.now());
        LOG.info("project '{}': model loaded from {} in {} ms ({} labels)", id, p.modelDir(),
            (System.nanoTime() - t0) / 1_000_000, lm.model().classes().size());
        mine.complete(s);
      } catch (RuntimeException | Error e) {
        LOG.warn("project '{}': model not loaded: {}", id, e.getMessage());
        models.remove(id, mine);
        mine.completeExceptionally(e);
      }
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Classify4jException("interrupted while loading project '" + id + "'", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new Classify4jException("project '" + id + "': " + c, c);
    }
  }

  /** Whether the project's model has been loaded. */
  public boolean isLoaded(String id) {
    CompletableFuture<Served> f = models.get(id);
    return f != null && f.isDone() && !f.isCompletedExceptionally();
  }

  /** Every project's loaded flag, in file order. */
  public Map<String, Boolean> loaded() {
    Map<String, Boolean> m = new LinkedHashMap<>();
    projects.keySet().forEach(id -> m.put(id, isLoaded(id)));
    return m;
  }

  /** Loads every model now; failures are logged and left for requests to report. */
  public void warmUp() {
    for (String id : projects.keySet()) {
      try {
        model(id);
      } catch (RuntimeException e) {
        // logged by model(); readiness stays false
      }
    }
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      LOG.warn("closing model resources: {}", e.toString());
    }
  }
}
