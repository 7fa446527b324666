package org.classify4j.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.classify4j.Classify4jException;
import org.classify4j.data.BadInputException;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.onnx.Segmenter.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentence embeddings in-process with ONNX Runtime and a Hugging Face tokenizer: a bundled model
 * ({@link BundledModel}, the default is all-MiniLM-L6-v2) or a model directory holding {@code
 * model.onnx}, {@code tokenizer.json} and optionally {@code embedder.json} ({@link
 * EmbedderConfig}).
 *
 * <p>One {@link OrtSession} serves every call. {@link #embed(List)} tokenizes all texts at once,
 * sorts them by token count, cuts batches of similar length (little padding; at most {@code
 * batchSize} rows and {@code maxBatchTokens} padded tokens), runs {@code parallelism} of them at a
 * time and returns the vectors in input order, L2-normalized. Long texts are truncated or chunked ({@link
 * LongTextPolicy}). Thread-safe; {@link #close()} frees the native session and tokenizer and may
 * be called more than once.
 *
 * <p>The work is split: {@link OnnxEmbedderBuilder} (options), {@code SessionLoader} (opening and
 * checking the session and tokenizer), {@code Segmenter} (tokens, windows, chunks, batches,
 * pooling chunks back together) and {@code BatchRunner} (tensors, parallel calls, pooling tokens).
 *
 * <pre>{@code
 * try (OnnxTextEmbedder e = OnnxTextEmbedder.create()) {
 *   float[][] v = e.embed(List.of("card payment declined", "where is my refund"));
 * }
 * }</pre>
 */
public final class OnnxTextEmbedder implements TextEmbedder {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxTextEmbedder.class);

  /** Default number of texts (or chunks) per model call. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  /**
   * Default cap on rows × columns of one model call: 512 gives 30 rows of 17 tokens, 9 rows of 55
   * (a news snippet) or 2 rows of 256. Measured on all-MiniLM-L6-v2 with 2 calls in flight
   * (docs/benchmarks-embedding.md, "Batching and threading sweep"): on AG News test texts 512
   * needed 5–7 % less CPU than 1024, and 2048 / 4096 needed 11 % / 24 % more; on short texts the
   * {@link #DEFAULT_BATCH_SIZE} cap binds first. (Probably because a smaller call's activations,
   * rows × columns × hidden size, stay nearer the core's cache; not profiled further.)
   */
  public static final int DEFAULT_MAX_BATCH_TOKENS = 512;

  private final String id;
  private final String modelName;
  private final EmbedderConfig config;
  private final LongTextPolicy longTextPolicy;
  private final int batchSize;
  private final int maxBatchTokens;
  private final int parallelism;
  private final int intraOpThreads;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final Segmenter segmenter;
  private final BatchRunner runner;
  /** The document and label prefixes ("query: "), tokenized; repeated in every chunk. */
  private final long[] docPrefixIds;
  private final long[] labelPrefixIds;
  private final int dimension;
  private final NativeGuard guard;

  private OnnxTextEmbedder(
      OnnxEmbedderBuilder b,
      EmbedderConfig config,
      OrtSession session,
      HuggingFaceTokenizer tokenizer,
      Segmenter segmenter,
      BatchRunner runner,
      long[] docPrefixIds,
      long[] labelPrefixIds,
      int dimension) {
    this.config = config;
    this.longTextPolicy = b.longTextPolicy;
    this.batchSize = b.batchSize;
    this.maxBatchTokens = b.maxBatchTokens;
    this.parallelism = b.parallelism;
    this.intraOpThreads = b.intraOpThreads;
    this.modelName = b.bundled != null ? b.bundled.name() : b.directory.toString();
    this.id = b.id(config);
    this.guard = new NativeGuard("embedder " + id);
    this.session = session;
    this.tokenizer = tokenizer;
    this.segmenter = segmenter;
    this.runner = runner;
    this.docPrefixIds = docPrefixIds;
    this.labelPrefixIds = labelPrefixIds;
    this.dimension = dimension;
  }

  /** Opens the session and tokenizer, checks them and wires the parts together. */
  static OnnxTextEmbedder load(OnnxEmbedderBuilder b) {
    EmbedderConfig config = b.effectiveConfig();
    NativeSetup.useCachedOrtLibraries();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    NativeSetup.preferCpuTokenizers();
    OrtSession s = null;
    HuggingFaceTokenizer t = null;
    BatchRunner runner = null;
    OnnxTextEmbedder e;
    try {
      s = SessionLoader.openSession(env, b);
      t = SessionLoader.openTokenizer(b);
      String outputName = SessionLoader.checkModel(s, config, b.source());
      long[][] specials = SessionLoader.specialTokens(t);
      long[] docPrefix = SessionLoader.prefixIds(t, config.prefix());
      long[] labelPrefix = SessionLoader.prefixIds(t, config.labelPrefix());
      int fixed = specials[0].length + specials[1].length
          + Math.max(docPrefix.length, labelPrefix.length);
      if (config.maxLength() <= fixed) {
        throw new BadInputException(
            b.source(), 0, "maxLength", "must exceed the special and prefix tokens (" + fixed + ")");
      }
      int dimension = SessionLoader.outputDimension(env, s, outputName, specials[0], specials[1]);
      Segmenter segmenter =
          new Segmenter(
              t, specials[0], specials[1], config, b.longTextPolicy, b.batchSize, b.maxBatchTokens);
      runner =
          new BatchRunner(
              env, s, outputName, dimension, config.pooling(), b.parallelism, b.id(config));
      e = new OnnxTextEmbedder(b, config, s, t, segmenter, runner, docPrefix, labelPrefix, dimension);
    } catch (RuntimeException | OrtException ex) {
      if (runner != null) {
        runner.close();
      }
      SessionLoader.closeQuietly(s, t);
      if (ex instanceof Classify4jException ce) {
        throw ce;
      }
      throw new BadInputException(b.source(), 0, "", "cannot load model: " + ex.getMessage(), ex);
    }
    LOG.debug(
        "loaded {} (dimension {}, maxLength {}, {} parallel calls × {} intra-op threads)",
        e.id,
        e.dimension,
        config.maxLength(),
        b.parallelism,
        b.intraOpThreads);
    return e;
  }

  /** The default model, {@link BundledModel#DEFAULT}. */
  public static OnnxTextEmbedder create() {
    return builder().build();
  }

  /**
   * A bundled model by name ({@code all-minilm-l6-v2}, {@code bge-small-en-v1.5}, ...).
   *
   * @throws Classify4jException when the name is unknown or its jar is not on the class path
   */
  public static OnnxTextEmbedder create(String bundledName) {
    return builder().model(bundledName).build();
  }

  /** A model directory with {@code model.onnx}, {@code tokenizer.json}, {@code embedder.json}. */
  public static OnnxTextEmbedder fromDirectory(Path dir) {
    return builder().modelDirectory(dir).build();
  }

  public static OnnxEmbedderBuilder builder() {
    return new OnnxEmbedderBuilder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** The bundled model's name, or the model directory. */
  public String modelName() {
    return modelName;
  }

  /** The effective configuration (pooling, prefixes, max length, batching). */
  public EmbedderConfig config() {
    return config;
  }

  public LongTextPolicy longTextPolicy() {
    return longTextPolicy;
  }

  public int batchSize() {
    return batchSize;
  }

  public int intraOpThreads() {
    return intraOpThreads;
  }

  /** Model calls run at the same time by one {@link #embed} call. */
  public int parallelism() {
    return parallelism;
  }

  public int maxBatchTokens() {
    return maxBatchTokens;
  }

  @Override
  public float[][] embed(List<String> texts) {
    return run(texts, docPrefixIds);
  }

  @Override
  public float[][] embedLabels(List<String> texts) {
    return run(texts, labelPrefixIds);
  }

  /** Token count of each text after the document prefix, before truncation, special tokens included. */
  public int[] tokenCounts(List<String> texts) {
    List<long[]> content = guard.run(() -> segmenter.tokenize(texts));
    int[] out = new int[content.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = content.get(i).length + segmenter.specialCount() + docPrefixIds.length;
    }
    return out;
  }

  /**
   * The model calls {@link #embed(List)} would make for these texts, in order: for benchmarks that
   * time the bare ONNX Runtime session on exactly our inputs.
   */
  public List<TokenBatch> plan(List<String> texts) {
    return guard.run(
        () -> {
          List<Segment> segs = segmenter.segments(texts, docPrefixIds);
          List<TokenBatch> out = new ArrayList<>();
          for (int[] batch : segmenter.batches(segs)) {
            out.add(Segmenter.tokenBatch(segs, batch));
          }
          return List.copyOf(out);
        });
  }

  @Override
  public void close() {
    guard.close(() -> {
      runner.close();
      SessionLoader.closeQuietly(session, tokenizer);
    });
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    return guard.isClosed();
  }

  @Override
  public String toString() {
    return "OnnxTextEmbedder[" + id + ", dimension " + dimension + "]";
  }

  // ---------------------------------------------------------------- embedding

  private float[][] run(List<String> texts, long[] prefix) {
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      return new float[0][];
    }
    return guard.run(
        () -> {
          List<Segment> segs = segmenter.segments(texts, prefix);
          float[][] segVecs = runner.run(segs, segmenter.batches(segs));
          return segmenter.combine(texts.size(), segs, segVecs, dimension);
        });
  }

}
