package org.classify4j.onnx.nli;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.classify4j.Classify4jException;
import org.classify4j.data.BadInputException;
import org.classify4j.onnx.LengthBatches;
import org.classify4j.onnx.NativeGuard;
import org.classify4j.onnx.ParallelRunner;
import org.classify4j.onnx.SessionLoader;
import org.classify4j.onnx.TokenBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An NLI cross-encoder on ONNX Runtime: a directory as Hugging Face Optimum exports a sequence
 * classifier ({@code optimum-cli export onnx --task text-classification}): {@code model.onnx}
 * (inputs {@code input_ids}, {@code attention_mask} and, for BERT-style models, {@code
 * token_type_ids}; output {@code logits}), {@code tokenizer.json}, {@code config.json} with {@code
 * id2label} and optionally {@code tokenizer_config.json} ({@link NliConfig}).
 *
 * <p>{@link #logits} encodes each (premise, hypothesis) pair with the tokenizer's own pair
 * template (special tokens and token types as the model was trained), truncating the premise
 * first ({@code only_first}, as the zero-shot pipeline does; a pair whose hypothesis alone is too
 * long is cut longest-first instead), sorts the pairs by length, cuts batches of similar length
 * and runs {@code parallelism} of them at a time. Thread-safe; {@link #close()} frees the session
 * and tokenizers.
 */
public final class NliCrossEncoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NliCrossEncoder.class);

  public static final String MODEL_FILE = "model.onnx";
  public static final String TOKENIZER_FILE = "tokenizer.json";
  public static final String OUTPUT = "logits";
  public static final int DEFAULT_BATCH_SIZE = 32;
  /** Cap on padded tokens per call, as the embedders' default. */
  public static final int DEFAULT_MAX_BATCH_TOKENS = 2048;

  private final Path directory;
  private final NliConfig config;
  private final String id;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final Set<String> inputNames;
  private final HuggingFaceTokenizer tokenizer;
  private final HuggingFaceTokenizer fallbackTokenizer;
  private final ParallelRunner workers;
  private final int batchSize;
  private final int maxBatchTokens;
  private final NativeGuard guard;

  private NliCrossEncoder(Builder b, NliConfig config, OrtEnvironment env, OrtSession session,
      HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer fallback) throws OrtException {
    this.directory = b.dir;
    this.config = config;
    this.env = env;
    this.session = session;
    this.inputNames = Set.copyOf(session.getInputNames());
    this.tokenizer = tokenizer;
    this.fallbackTokenizer = fallback;
    this.batchSize = b.batchSize;
    this.maxBatchTokens = b.maxBatchTokens;
    this.workers = new ParallelRunner(b.parallelism, "nli");
    this.id = "nli:" + b.dir;
    this.guard = new NativeGuard("cross-encoder " + id);
  }

  /** A cross-encoder from a model directory with the defaults. */
  public static NliCrossEncoder open(Path dir) {
    return builder(dir).build();
  }

  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** {@code nli:DIR}. */
  public String id() {
    return id;
  }

  public Path directory() {
    return directory;
  }

  /** Output labels, entailment and contradiction indices, maximum length. */
  public NliConfig config() {
    return config;
  }

  /** Whether the model takes {@code token_type_ids} (BERT-style) or not (RoBERTa, DeBERTa-v3). */
  public boolean usesTokenTypes() {
    return inputNames.contains(TokenBatch.TOKEN_TYPE_IDS);
  }

  /** The ids and token types of one pair, as {@link #logits} feeds them. */
  public Encoded encode(String premise, String hypothesis) {
    return guard.run(() -> encodeAll(List.of(premise), List.of(hypothesis)).get(0));
  }

  /** A pair's token ids and token types. */
  public record Encoded(long[] ids, long[] typeIds) {
    public Encoded {
      ids = ids.clone();
      typeIds = typeIds.clone();
    }

    @Override
    public long[] ids() {
      return ids.clone();
    }

    @Override
    public long[] typeIds() {
      return typeIds.clone();
    }
  }

  /**
   * The raw logits of each pair (premise i, hypothesis i), one row of {@code config().labels().size()}
   * values per pair, in input order.
   */
  public float[][] logits(List<String> premises, List<String> hypotheses) {
    Objects.requireNonNull(premises, "premises");
    Objects.requireNonNull(hypotheses, "hypotheses");
    if (premises.size() != hypotheses.size()) {
      throw new IllegalArgumentException("premises and hypotheses differ in number");
    }
    if (premises.isEmpty()) {
      return new float[0][];
    }
    return guard.run(() -> run(encodeAll(premises, hypotheses)));
  }

  private float[][] run(List<Encoded> pairs) throws OrtException {
    int[] lengths = new int[pairs.size()];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = pairs.get(i).ids.length;
    }
    List<int[]> batches = LengthBatches.plan(lengths, batchSize, maxBatchTokens, false);
    float[][] out = new float[pairs.size()][];
    int k = config.labels().size();
    workers.runAll(batches, batch -> {
      List<long[]> ids = new ArrayList<>(batch.length);
      List<long[]> types = new ArrayList<>(batch.length);
      for (int i : batch) {
        ids.add(pairs.get(i).ids);
        types.add(pairs.get(i).typeIds);
      }
      Map<String, OnnxTensor> feed = TokenBatch.pad(ids, types).feed(env, inputNames);
      try (OrtSession.Result r = session.run(feed, Set.of(OUTPUT))) {
        OnnxValue v = r.get(0);
        if (!(v instanceof OnnxTensor t)) {
          throw new Classify4jException("output " + OUTPUT + " of " + id + " is not a tensor");
        }
        FloatBuffer fb = t.getFloatBuffer();
        for (int row = 0; row < batch.length; row++) {
          float[] l = new float[k];
          fb.get(row * k, l);
          out[batch[row]] = l;
        }
      } finally {
        TokenBatch.close(feed);
      }
    });
    return out;
  }

  private List<Encoded> encodeAll(List<String> premises, List<String> hypotheses) {
    PairList<String, String> pairs = new PairList<>(premises.size());
    for (int i = 0; i < premises.size(); i++) {
      String p = premises.get(i);
      String h = hypotheses.get(i);
      if (p == null || h == null) {
        throw new BadInputException("pairs", i + 1L, p == null ? "premise" : "hypothesis", "is null");
      }
      pairs.add(p, h);
    }
    Encoding[] enc;
    try {
      enc = tokenizer.batchEncode(pairs);
    } catch (RuntimeException e) {
      // "sequence to truncate too short": some hypothesis alone exceeds the room; one by one
      enc = new Encoding[premises.size()];
      for (int i = 0; i < enc.length; i++) {
        try {
          enc[i] = tokenizer.encode(premises.get(i), hypotheses.get(i));
        } catch (RuntimeException tooShort) {
          enc[i] = fallbackTokenizer.encode(premises.get(i), hypotheses.get(i));
        }
      }
    }
    List<Encoded> out = new ArrayList<>(enc.length);
    for (Encoding e : enc) {
      out.add(new Encoded(e.getIds(), e.getTypeIds()));
    }
    return out;
  }

  @Override
  public void close() {
    guard.close(() -> {
      workers.close();
      SessionLoader.closeQuietly(null, fallbackTokenizer);
      SessionLoader.closeQuietly(session, tokenizer);
    });
  }

  public boolean isClosed() {
    return guard.isClosed();
  }

  @Override
  public String toString() {
    return "NliCrossEncoder[" + id + ", " + config.labels() + "]";
  }


  /** Options of a cross-encoder; {@link #build()} loads it. */
  public static final class Builder {
    private final Path dir;
    private Integer entailment;
    private Integer contradiction;
    private Integer maxLength;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int maxBatchTokens = DEFAULT_MAX_BATCH_TOKENS;
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private int intraOpThreads = 1;

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    /** Overrides the entailment index read from {@code id2label}. */
    public Builder entailment(int index) {
      this.entailment = index;
      return this;
    }

    /** Overrides the contradiction index read from {@code id2label}. */
    public Builder contradiction(int index) {
      this.contradiction = index;
      return this;
    }

    /** Overrides the longest pair (special tokens included). */
    public Builder maxLength(int n) {
      this.maxLength = n;
      return this;
    }

    public Builder batchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("batchSize must be ≥ 1");
      }
      this.batchSize = n;
      return this;
    }

    public Builder maxBatchTokens(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxBatchTokens must be ≥ 1");
      }
      this.maxBatchTokens = n;
      return this;
    }

    /** Model calls in flight at once (default: available processors). */
    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("parallelism must be ≥ 1");
      }
      this.parallelism = n;
      return this;
    }

    /** ONNX Runtime intra-op threads per call (default 1). */
    public Builder intraOpThreads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("intraOpThreads must be ≥ 1");
      }
      this.intraOpThreads = n;
      return this;
    }

    /**
     * Loads the model.
     *
     * @throws BadInputException when the directory is missing, incomplete or not an NLI model
     */
    public NliCrossEncoder build() {
      if (!Files.isDirectory(dir)) {
        throw new BadInputException(dir.toString(), 0, "", "not a model directory");
      }
      for (String f : List.of(MODEL_FILE, TOKENIZER_FILE, NliConfig.CONFIG_FILE)) {
        if (!Files.isRegularFile(dir.resolve(f))) {
          throw new BadInputException(dir.toString(), 0, "", "missing " + f);
        }
      }
      NliConfig config = NliConfig.read(dir);
      try {
        if (entailment != null) {
          config = config.withEntailment(entailment);
        }
        if (contradiction != null) {
          config = config.withContradiction(contradiction);
        }
        if (maxLength != null) {
          config = config.withMaxLength(maxLength);
        }
      } catch (IllegalArgumentException e) {
        throw new BadInputException(dir.toString(), 0, "", e.getMessage(), e);
      }
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession s = null;
      HuggingFaceTokenizer t = null;
      HuggingFaceTokenizer fb = null;
      try {
        s = SessionLoader.openSession(env, dir.resolve(MODEL_FILE), intraOpThreads);
        SessionLoader.checkInputs(s, SessionLoader.ENCODER_INPUTS, dir.toString());
        checkOutput(s, config);
        t = SessionLoader.openTokenizer(dir.resolve(TOKENIZER_FILE), options(config, "ONLY_FIRST"), dir.toString());
        fb = SessionLoader.openTokenizer(dir.resolve(TOKENIZER_FILE), options(config, "LONGEST_FIRST"), dir.toString());
        NliCrossEncoder e = new NliCrossEncoder(this, config, env, s, t, fb);
        LOG.debug("loaded {} ({}, entailment {}, contradiction {}, maxLength {})", e.id,
            config.labels(), config.entailment(), config.contradiction(), config.maxLength());
        return e;
      } catch (OrtException | RuntimeException ex) {
        SessionLoader.closeQuietly(null, fb);
        SessionLoader.closeQuietly(s, t);
        if (ex instanceof Classify4jException ce) {
          throw ce;
        }
        throw new BadInputException(dir.toString(), 0, "", "cannot load model: " + ex.getMessage(), ex);
      }
    }

    private static Map<String, String> options(NliConfig c, String truncation) {
      Map<String, String> o = new LinkedHashMap<>();
      o.put("addSpecialTokens", "true");
      o.put("truncation", truncation);
      o.put("maxLength", Integer.toString(c.maxLength()));
      o.put("padding", "false");
      return o;
    }

    private void checkOutput(OrtSession s, NliConfig config) throws OrtException {
      NodeInfo out = s.getOutputInfo().get(OUTPUT);
      if (out == null) {
        throw new BadInputException(dir.toString(), 0, "",
            "model has no output '" + OUTPUT + "'; outputs: " + s.getOutputInfo().keySet());
      }
      if (!(out.getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.FLOAT
          || ti.getShape().length != 2) {
        throw new BadInputException(dir.toString(), 0, "", "output 'logits' must be float [batch, labels]");
      }
      long k = ti.getShape()[1];
      if (k > 0 && k != config.labels().size()) {
        throw new BadInputException(dir.toString(), 0, "id2label",
            "config.json names " + config.labels().size() + " labels, the model outputs " + k);
      }
    }
  }
}
