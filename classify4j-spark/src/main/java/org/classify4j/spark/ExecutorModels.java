package org.classify4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.app.AppEnvironment;
import org.classify4j.app.Backends;
import org.classify4j.app.Settings;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of this JVM, loaded once per (location, ONNX threads) and shared by every task the
 * executor runs (models are thread-safe). Spark has no hook for "executor stops", so they live as
 * long as the JVM and are closed by a shutdown hook.
 *
 * <p>Backends come from the application layer: {@link Backends#context} with the {@link Settings}
 * of this JVM's environment (on executors: {@code spark.executorEnv.CLASSIFY4J_*}), so an LLM
 * model's chat model is governed (retries, rate limits, concurrency) and cached as everywhere
 * else, once per executor.
 *
 * <p>An ONNX embedder is created with {@code threads=N} ({@link ScoringSettings#onnxThreads()}),
 * intra-op threads 1: with N = 1 each task runs its model calls on its own thread, so the
 * executor runs at most (executor cores / task cpus) calls at once.
 *
 * <p>STAND-IN for {@code org.classify4j.app.ModelRegistry}: the registry loads once and shares
 * just like this, but creates embedders with the providers' defaults (ONNX: one thread per
 * processor the JVM sees, which in a YARN or Kubernetes container can be the node's cores, not
 * the executor's) and cannot be handed an embedder. Once it can, this class becomes a static
 * holder of one registry.
 */
final class ExecutorModels {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
  private static final ConcurrentHashMap<Key, Entry> MODELS = new ConcurrentHashMap<>();
  private static final Thread CLOSER = new Thread(ExecutorModels::closeAll, "classify4j-models-close");

  static {
    Runtime.getRuntime().addShutdownHook(CLOSER);
  }

  private record Key(String location, int onnxThreads) {}

  private record Entry(LoadedModel model, LoadContext context) {}

  private ExecutorModels() {}

  /** The model at {@code location} (see {@link ModelLocation}), loaded on first use. */
  static LoadedModel get(String location, int onnxThreads) {
    return MODELS.computeIfAbsent(new Key(location, onnxThreads), ExecutorModels::load).model();
  }

  /** How many models this JVM holds (for tests and logs). */
  static int loadedCount() {
    return MODELS.size();
  }

  private static Entry load(Key key) {
    long started = System.nanoTime();
    Path dir = ModelLocation.resolve(key.location());
    LoadContext ctx = Backends.context(
        Settings.of(AppEnvironment.system(), java.util.Optional.empty()));
    try {
      String embedderId = savedEmbedderId(dir);
      if (embedderId.startsWith("onnx:")) {
        String id = embedderId + (embedderId.contains("?") ? "&" : "?")
            + "threads=" + key.onnxThreads();
        TextEmbedder e = ctx.own(Embedders.create(id));
        ctx.with(e);
      }
      LoadedModel m = ModelStore.load(dir, ctx);
      LOG.info("loaded model {} ({} labels) from {} in {} ms", m.model().getClass().getSimpleName(),
          m.model().classes().size(), dir, (System.nanoTime() - started) / 1_000_000);
      return new Entry(m, ctx);
    } catch (RuntimeException e) {
      ctx.close();
      throw e;
    }
  }

  /** The embedder id the model was saved with ("" when it has none, e.g. tfidf-linear). */
  private static String savedEmbedderId(Path dir) {
    try {
      JsonNode manifest = new ObjectMapper().readTree(dir.resolve(ModelStore.MANIFEST).toFile());
      return manifest.path("params").path("embedder").asText("");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(ModelStore.MANIFEST), e);
    }
  }

  static void closeAll() {
    List<Entry> entries = new ArrayList<>(MODELS.values());
    MODELS.clear();
    for (Entry e : entries) {
      try {
        e.context().close();
      } catch (RuntimeException ex) {
        LOG.warn("closing a model failed: {}", ex.toString());
      }
    }
  }
}
