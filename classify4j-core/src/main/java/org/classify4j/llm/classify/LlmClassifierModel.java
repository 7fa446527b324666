package org.classify4j.llm.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.Classify4jException;
import org.classify4j.classify.ConcurrentScoring;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.classify.LlmSettings.Mode;
import org.classify4j.llm.classify.AnswerReader.Row;
import org.classify4j.llm.classify.LlmSettings.Scoring;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;

/**
 * A fitted {@link LlmClassifier}: prompt settings, labels, the example store (with embeddings for
 * dynamic few-shot) and label embeddings (for candidates). Immutable and thread-safe; every
 * document is one chat request, written by {@link PromptWriter} (examples chosen by {@link
 * ExampleChoice}), sent through the model's one executor (as many in flight as {@link
 * #concurrency()}), and read by {@link AnswerReader}.
 *
 * <p>Rows of documents the model abstained on (too little mass on the candidates, or an invalid
 * answer under the ABSTAIN policy) are all zeros, also for single-label models; the default rule
 * for single-label models is argmax that abstains on such rows. {@link #predictDetailed} tells
 * what happened to each document.
 */
public final class LlmClassifierModel implements SavableModel, ConcurrentScoring {
  public static final String TYPE = "llm";

  private final LabelSpace classes;
  private final boolean multiLabel;
  private final LlmSettings s;
  private final ChatModel chat;
  private final TextEmbedder embedder;
  private final List<Example> store;
  private final float[][] storeVectors;
  private final float[][] labelVectors;
  private final int[][] pool;
  private final Scoring scoring;
  private final int topLogprobs;
  private final PromptWriter prompts;
  private final AnswerReader answers;
  private volatile ExecutorService executor;
  /** Exact sequence scoring asked for and not (yet) refused by the server. */
  private volatile boolean sequenceOn;
  private final PromptWriter sequencePrompts;
  private final SequenceScorer sequence;

  LlmClassifierModel(LabelSpace classes, boolean multiLabel, LlmSettings settings, ChatModel chat,
      TextEmbedder embedder, List<Example> store, float[][] storeVectors, float[][] labelVectors,
      int[][] pool) {
    this.classes = classes;
    this.multiLabel = multiLabel;
    this.s = settings;
    this.chat = chat;
    this.embedder = embedder;
    this.store = List.copyOf(store);
    this.storeVectors = storeVectors;
    this.labelVectors = labelVectors;
    this.pool = pool;
    var caps = chat.capabilities();
    Scoring sc = settings.scoring();
    boolean seq = sc == Scoring.SEQUENCE;
    if (sc == Scoring.AUTO || seq) {
      sc = caps.logprobs() && caps.maxTopLogprobs() >= 2 ? Scoring.LOGPROBS
          : caps.jsonSchema() ? Scoring.JSON_SCHEMA : Scoring.TEXT;
    }
    if (seq && multiLabel) {
      LOG.warn("scoring=sequence scores single-label classifiers only; this multi-label one uses"
          + " {} scoring", sc.name().toLowerCase(java.util.Locale.ROOT));
      seq = false;
    }
    this.scoring = sc;
    this.sequenceOn = seq;
    this.topLogprobs = Math.min(20, Math.max(caps.maxTopLogprobs(), 0));
    ExampleChoice choice = new ExampleChoice(classes, multiLabel, settings, this.store,
        storeVectors, pool);
    this.prompts = new PromptWriter(classes, multiLabel, settings, scoring, topLogprobs,
        labelVectors, choice);
    this.answers = new AnswerReader(classes, multiLabel, settings, scoring);
    this.sequencePrompts = seq ? new PromptWriter(classes, false, settings, Scoring.SEQUENCE,
        topLogprobs, labelVectors, choice) : null;
    this.sequence = seq ? new SequenceScorer(classes, settings) : null;
  }

  @Override
  public LabelSpace classes() {
    return classes;
  }

  @Override
  public boolean multiLabel() {
    return multiLabel;
  }

  public LlmSettings settings() {
    return s;
  }

  /**
   * Whether scores are one-hot (1 for the label answered, 0 elsewhere) rather than probabilities:
   * true when the scoring is JSON schema or text, as it is for chat models without
   * log-probabilities.
   */
  public boolean oneHotScores() {
    Scoring sc = scoring();
    return sc != Scoring.LOGPROBS && sc != Scoring.SEQUENCE;
  }

  /**
   * The scoring used (AUTO resolved against the chat model's capabilities): SEQUENCE while exact
   * sequence scoring is in use, the fallback once the server refused it.
   */
  public Scoring scoring() {
    return sequenceOn ? Scoring.SEQUENCE : scoring;
  }

  public ChatModel chatModel() {
    return chat;
  }

  /** Single-label: argmax, abstaining on all-zero rows; multi-label: threshold 0.5. */
  @Override
  public DecisionRule defaultRule() {
    return multiLabel ? DecisionRule.threshold(0.5)
        : new DecisionRules.Abstain(DecisionRule.argmax(), 1e-6, 0.0);
  }

  @Override
  public ScoreMatrix predictProba(List<Document> documents) {
    return predictDetailed(documents).scores();
  }

  /** Scores with what happened to each document. */
  public record Detailed(ScoreMatrix scores, List<LlmResult> results) {
    public Detailed {
      results = List.copyOf(results);
    }
  }

  /** The requests {@link #predictProba} would send, without sending them (for dry runs). */
  public List<ChatRequest> requests(List<Document> documents) {
    boolean seq = sequenceOn;
    float[][] docVecs = vectors(documents);
    List<ChatRequest> out = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      float[] v = docVecs == null ? null : docVecs[i];
      if (seq) {
        out.addAll(sequence.requests(sequencePrompts.prompt(documents.get(i), v)));
      } else {
        out.add(prompts.prompt(documents.get(i), v).request());
      }
    }
    return out;
  }

  /**
   * Chat calls in flight at once: the explicit {@code parallelism} setting, else the chat model's
   * own concurrency (the one setting that governs requests end to end).
   */
  @Override
  public int concurrency() {
    return s.parallelism() > 0 ? s.parallelism() : Math.max(1, chat.concurrency());
  }

  /**
   * The model's one executor, made on first use and shared by every predict call (concurrent
   * calls share its threads instead of each making a pool). Its daemon threads end after a minute
   * idle, so a model needs no closing.
   */
  private ExecutorService executor() {
    ExecutorService e = executor;
    if (e == null) {
      synchronized (this) {
        e = executor;
        if (e == null) {
          int threads = concurrency();
          AtomicInteger counter = new AtomicInteger();
          java.util.concurrent.ThreadPoolExecutor t = new java.util.concurrent.ThreadPoolExecutor(
              threads, threads, 60, java.util.concurrent.TimeUnit.SECONDS,
              new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                Thread th = new Thread(r, "classify4j-llm-" + counter.incrementAndGet());
                th.setDaemon(true);
                return th;
              });
          t.allowCoreThreadTimeOut(true);
          executor = e = t;
        }
      }
    }
    return e;
  }

  public Detailed predictDetailed(List<Document> documents) {
    int n = documents.size();
    int k = classes.size();
    if (n == 0) {
      return new Detailed(ScoreMatrix.of(classes, new float[0][]), List.of());
    }
    // embeddings (candidates, dynamic examples) are computed for the batch at once; each prompt
    // is written by the task that sends it, so requests start while the rest are being written
    float[][] vecs = vectors(documents);
    Row[] rows = new Row[n];
    if (n == 1 || concurrency() <= 1) {
      for (int i = 0; i < n; i++) {
        rows[i] = score(documents.get(i), vecs == null ? null : vecs[i]);
      }
    } else {
      ExecutorService pool = executor();
      List<Future<Row>> fs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Document d = documents.get(i);
        float[] v = vecs == null ? null : vecs[i];
        fs.add(pool.submit(() -> score(d, v)));
      }
      for (int i = 0; i < n; i++) {
        try {
          rows[i] = fs.get(i).get();
        } catch (ExecutionException e) {
          for (Future<Row> f : fs) {
            f.cancel(true);
          }
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new Classify4jException("chat call failed: " + c, c);
        } catch (InterruptedException e) {
          for (Future<Row> f : fs) {
            f.cancel(true);
          }
          Thread.currentThread().interrupt();
          throw new Classify4jException("interrupted while classifying", e);
        }
      }
    }
    float[] flat = new float[n * k];
    List<LlmResult> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows[i].scores(), 0, flat, i * k, k);
      results.add(rows[i].result());
    }
    return new Detailed(ScoreMatrix.ofFlat(classes, n, flat), results);
  }

  /**
   * Starts each document's chat call on the model's executor and returns at once: one future per
   * document, completing with its one-row {@link Detailed} (or failing on its own, e.g. with
   * {@link org.classify4j.llm.ChatModelException.BudgetExceeded}). Embeddings for candidates and
   * dynamic examples are computed for the list at once, before returning.
   */
  public List<CompletableFuture<Detailed>> submitDetailed(List<Document> documents) {
    float[][] vecs = vectors(documents);
    ExecutorService pool = executor();
    List<CompletableFuture<Detailed>> out = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      Document d = documents.get(i);
      float[] v = vecs == null ? null : vecs[i];
      out.add(CompletableFuture.supplyAsync(() -> {
        Row r = score(d, v);
        return new Detailed(ScoreMatrix.ofFlat(classes, 1, r.scores().clone()),
            List.of(r.result()));
      }, pool));
    }
    return out;
  }

  @Override
  public List<CompletableFuture<ScoreMatrix>> submit(List<Document> documents) {
    List<CompletableFuture<ScoreMatrix>> out = new ArrayList<>(documents.size());
    for (CompletableFuture<Detailed> f : submitDetailed(documents)) {
      out.add(f.thenApply(Detailed::scores));
    }
    return out;
  }

  /** The documents' embeddings when candidates or dynamic examples need them, else null. */
  private float[][] vectors(List<Document> documents) {
    if (labelVectors == null && s.mode() != Mode.DYNAMIC_FEW_SHOT) {
      return null;
    }
    List<String> texts = new ArrayList<>(documents.size());
    for (Document d : documents) {
      texts.add(d.text());
    }
    return embedder.embed(texts);
  }

  private Row score(Document d, float[] vec) {
    if (sequenceOn) {
      try {
        return sequence.score(chat, sequencePrompts.prompt(d, vec));
      } catch (org.classify4j.llm.ChatModelException.InvalidRequest
          | SequenceScorer.Unsupported e) {
        sequenceOn = false;
        if (!warnedFallback.getAndSet(true)) {
          LOG.warn("{} does not score label sequences ({}): falling back to {} scoring (rows say"
              + " \"scoring\": \"{}\" instead of \"sequence\")", chat.id(),
              e instanceof SequenceScorer.Unsupported ? e.getMessage()
                  : "HTTP " + ((org.classify4j.llm.ChatModelException) e).status()
                      + " to /completions with echo",
              scoring.name().toLowerCase(java.util.Locale.ROOT),
              scoring == Scoring.LOGPROBS ? "logprobs" : "one-hot");
        }
      }
    }
    return score(prompts.prompt(d, vec));
  }

  private Row score(PromptWriter.Prompt p) {
    Row r = answers.read(p.candidates(), chat.chat(p.request()));
    if (r.result().oneHot() && !warnedOneHot.getAndSet(true)) {
      LOG.warn("{} gives no log-probabilities: scores are one-hot (1 for the answer given, 0"
          + " elsewhere), not calibrated probabilities; rows say \"scoring\": \"one-hot\"",
          chat.id());
    }
    return r;
  }

  private final java.util.concurrent.atomic.AtomicBoolean warnedFallback =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicBoolean warnedOneHot =
      new java.util.concurrent.atomic.AtomicBoolean();
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(LlmClassifierModel.class);

  static String labelText(Label l) {
    return PromptWriter.labelText(l);
  }

  static String stripCode(String token) {
    return AnswerReader.stripCode(token);
  }

  // ---------------------------------------------------------------- persistence

  /** One stored training example. */
  public record StoredExample(String id, String text, List<String> labels) {}

  @Override
  public String modelType() {
    return TYPE;
  }

  @Override
  public void writeTo(ModelWriter out) {
    s.toParams().forEach(out::param);
    out.param("chat_model", chat.id());
    out.param("embedder", embedder == null ? "" : embedder.id());
    List<StoredExample> ex = new ArrayList<>(store.size());
    for (Example e : store) {
      ex.add(new StoredExample(e.document().id(), e.document().text(), e.labels()));
    }
    out.json("examples", ex);
    out.json("few_shot_pool", pool);
    if (storeVectors != null && storeVectors.length > 0) {
      out.matrix("example_vectors", storeVectors, storeVectors[0].length);
    }
    if (labelVectors != null) {
      out.matrix("label_vectors", labelVectors, labelVectors[0].length);
    }
  }

  /** Reads saved LLM classifiers; the chat model comes from the {@link Resources}. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public LlmClassifierModel load(ModelReader in, Resources context) {
      LlmSettings settings = LlmSettings.fromParams(in.params());
      ChatModel chat = context.get(ChatModel.class, in.param("chat_model").asText());
      String embId = in.params().path("embedder").asText("");
      TextEmbedder emb = embId.isEmpty() ? null : context.get(TextEmbedder.class, embId);
      List<Example> store = new ArrayList<>();
      for (StoredExample e : in.json("examples", StoredExample[].class)) {
        store.add(new Example(Document.of(e.id(), e.text()), e.labels()));
      }
      int[][] pool = in.json("few_shot_pool", int[][].class);
      boolean dynamic = settings.mode() == Mode.DYNAMIC_FEW_SHOT;
      float[][] storeVectors = dynamic
          ? (store.isEmpty() ? new float[0][] : in.matrix("example_vectors")) : null;
      float[][] labelVectors = settings.candidates() > 0 ? in.matrix("label_vectors") : null;
      return new LlmClassifierModel(in.classes(), in.multiLabel(), settings, chat, emb, store,
          storeVectors, labelVectors, pool);
    }
  }
}
