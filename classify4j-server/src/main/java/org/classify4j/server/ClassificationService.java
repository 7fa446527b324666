package org.classify4j.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.classify4j.Classify4jException;
import org.classify4j.app.Rules;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;

/**
 * What every route asks for: texts in, scores for every label and decisions out. Texts for a
 * project go through that project's {@link MicroBatcher}, so concurrent requests are scored
 * together; zero-shot models (labels named in the request) are built once per label set and
 * kept in a small LRU cache.
 *
 * <p>To move: the application layer's {@code PredictService} streams documents to an output; a
 * request/response call (texts in, scores and decisions out) and the zero-shot model cache belong
 * there too. The micro-batching is the server's.
 */
public final class ClassificationService implements AutoCloseable {

  /** Scores and decisions for a request's documents, rows in request order. */
  public record Classification(ClassifierModel model, ScoreMatrix scores,
      List<Prediction> predictions) {}

  /** A zero-shot request's model: method, labels and multi-label flag. */
  public record ZeroShotKey(String method, List<Label> labels, boolean multiLabel) {
    public ZeroShotKey {
      labels = List.copyOf(labels);
    }
  }

  private static final int ZERO_SHOT_CACHE = 32;

  private final ModelCatalog catalog;
  private final ServerSettings settings;
  private final Metrics metrics;
  private final LoadContext zeroShotContext;
  private final String zeroShotEmbedder;
  private final Map<String, MicroBatcher<Document, float[]>> batchers = new ConcurrentHashMap<>();
  private final Map<ZeroShotKey, ClassifierModel> zeroShot =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ZeroShotKey, ClassifierModel> e) {
          return size() > ZERO_SHOT_CACHE;
        }
      };

  /**
   * @param zeroShotContext where zero-shot models get their embedder (and LLM methods their chat
   *     model); the caller's, not closed here
   * @param zeroShotEmbedder the embedder id for zero-shot requests
   */
  public ClassificationService(ModelCatalog catalog, ServerSettings settings, Metrics metrics,
      LoadContext zeroShotContext, String zeroShotEmbedder) {
    this.catalog = Objects.requireNonNull(catalog);
    this.settings = Objects.requireNonNull(settings);
    this.metrics = Objects.requireNonNull(metrics);
    this.zeroShotContext = Objects.requireNonNull(zeroShotContext);
    this.zeroShotEmbedder = Objects.requireNonNull(zeroShotEmbedder);
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  /**
   * Classifies texts with a project's model: the rule is {@code rule} when given, else the
   * project's (or its model's saved) rule.
   *
   * @throws ApiException 404 for an unknown project, 503 when the scores do not come in time
   */
  public Classification classify(String projectId, List<String> texts,
      Optional<DecisionRule> rule) {
    ModelCatalog.Served served = catalog.model(projectId);
    ClassifierModel model = served.loaded().model();
    MicroBatcher<Document, float[]> b = batchers.computeIfAbsent(projectId, id ->
        new MicroBatcher<>(id, settings.microBatchSize(), settings.microBatchWindow(),
            settings.scoringThreads(), batchFunction(model),
            (size, nanos) -> metrics.batch(id, size, nanos)));
    List<CompletableFuture<float[]>> fs = b.submitAll(documents(texts));
    float[][] rows = await(fs, settings.requestTimeout());
    ScoreMatrix scores = ScoreMatrix.of(model.classes(), rows);
    metrics.documents(projectId, texts.size());
    // a request's limit/threshold keeps the project's label hierarchy
    DecisionRule r = rule.map(x -> Rules.override(served.rule(), x)).orElse(served.rule());
    return new Classification(model, scores, r.decideAll(scores));
  }

  /** Texts waiting for a micro-batch, by project (projects scored at least once). */
  public Map<String, Integer> queued() {
    Map<String, Integer> out = new TreeMap<>();
    batchers.forEach((id, b) -> out.put(id, b.queued()));
    return out;
  }

  /**
   * Classifies texts against labels named in the request, with a method that needs no training
   * data ({@code zero-shot}, or an LLM method when a chat model is configured).
   */
  public Classification zeroShot(ZeroShotKey key, List<String> texts,
      Optional<DecisionRule> rule) {
    ClassifierModel model;
    synchronized (zeroShot) {
      model = zeroShot.get(key);
    }
    if (model == null) {
      model = build(key);
      synchronized (zeroShot) {
        zeroShot.put(key, model);
      }
    }
    ScoreMatrix scores = model.predictProba(documents(texts));
    metrics.documents("zero-shot", texts.size());
    return new Classification(model, scores, rule.orElse(model.defaultRule()).decideAll(scores));
  }

  private ClassifierModel build(ZeroShotKey key) {
    Map<String, String> params = new LinkedHashMap<>();
    if (key.method().equals("zero-shot")) {
      params.put("model", zeroShotEmbedder);
    }
    Classifier c;
    try {
      c = Methods.create(key.method(), MethodParams.of(params), zeroShotContext);
    } catch (BadInputException | IllegalArgumentException e) {
      throw ApiException.badRequest("method '" + key.method() + "': " + e.getMessage());
    }
    return c.fit(new Dataset(LabelSpace.of(key.labels()), List.of(), key.multiLabel()));
  }

  /**
   * How a micro-batch is scored: in groups of texts of similar length ({@link LengthGroups}: less
   * padding in the embedder's calls), one call per group; an LLM model's batch in one call, as its
   * chat requests run concurrently only within a call.
   */
  static Function<List<Document>, List<float[]>> batchFunction(ClassifierModel model) {
    if (model instanceof LlmClassifierModel) {
      return docs -> rows(model.predictProba(docs));
    }
    return docs -> LengthGroups.score(docs, LengthGroups.DEFAULT_BUDGET, model::predictProba);
  }

  private static List<Document> documents(List<String> texts) {
    List<Document> docs = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      docs.add(Document.of(Integer.toString(i + 1), texts.get(i)));
    }
    return docs;
  }

  private static List<float[]> rows(ScoreMatrix s) {
    List<float[]> out = new ArrayList<>(s.rows());
    for (int i = 0; i < s.rows(); i++) {
      out.add(s.row(i));
    }
    return out;
  }

  private static float[][] await(List<CompletableFuture<float[]>> fs, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    float[][] rows = new float[fs.size()][];
    try {
      for (int i = 0; i < fs.size(); i++) {
        rows[i] = fs.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      return rows;
    } catch (TimeoutException e) {
      throw new ApiException(503, "scoring took longer than the request timeout ("
          + timeout.toMillis() + " ms)", Optional.of(1), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted", 1);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new Classify4jException("scoring failed: " + c, c);
    }
  }

  @Override
  public void close() {
    batchers.values().forEach(MicroBatcher::close);
    batchers.clear();
  }
}
