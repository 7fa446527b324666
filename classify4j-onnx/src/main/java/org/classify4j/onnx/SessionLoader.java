package org.classify4j.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.classify4j.Classify4jException;
import org.classify4j.data.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens what the ONNX models of this module run on and checks it before use: the ORT session (CPU
 * threads, no spinning, all graph optimizations), the Hugging Face tokenizer, the model's inputs
 * and output. The public methods serve every model kind (embedders, the NLI cross-encoder, …); the
 * package-private ones are the embedder's (its vector dimension and special tokens).
 */
public final class SessionLoader {
  private static final Logger LOG = LoggerFactory.getLogger(SessionLoader.class);

  static final String INPUT_IDS = TokenBatch.INPUT_IDS;
  static final String ATTENTION_MASK = TokenBatch.ATTENTION_MASK;
  static final String TOKEN_TYPE_IDS = TokenBatch.TOKEN_TYPE_IDS;
  /** The inputs an encoder may have: ids always, mask and token types optional. */
  public static final Set<String> ENCODER_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

  private SessionLoader() {}

  private static OrtSession.SessionOptions options(int intraOpThreads) throws OrtException {
    OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
    opts.setIntraOpNumThreads(intraOpThreads);
    opts.setInterOpNumThreads(1);
    // Spinning intra-op threads burn cores that other calls (or processes) could use.
    opts.addConfigEntry("session.intra_op.allow_spinning", "0");
    opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return opts;
  }

  /**
   * A CPU session on an ONNX file: {@code intraOpThreads} intra-op threads, one inter-op thread, no
   * spinning, all graph optimizations.
   */
  public static OrtSession openSession(OrtEnvironment env, Path modelFile, int intraOpThreads)
      throws OrtException {
    try (OrtSession.SessionOptions opts = options(intraOpThreads)) {
      return env.createSession(modelFile.toString(), opts);
    }
  }

  /**
   * A Hugging Face tokenizer from a {@code tokenizer.json} with DJL's options ({@code
   * addSpecialTokens}, {@code truncation}, {@code maxLength}, {@code padding}, …); CPU build, no
   * download ({@link NativeSetup}). A file that cannot be read fails naming {@code source}.
   */
  public static HuggingFaceTokenizer openTokenizer(
      Path tokenizerFile, Map<String, String> options, String source) {
    NativeSetup.preferCpuTokenizers();
    try {
      return HuggingFaceTokenizer.newInstance(tokenizerFile, options);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(source, 0, "", "cannot read tokenizer: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that the session has {@code input_ids} and only inputs out of {@code known}, each an
   * int64 tensor.
   */
  public static void checkInputs(OrtSession s, Set<String> known, String source)
      throws OrtException {
    Map<String, NodeInfo> inputs = s.getInputInfo();
    if (!inputs.containsKey(INPUT_IDS)) {
      throw new BadInputException(
          source, 0, "", "model has no input '" + INPUT_IDS + "'; inputs: " + inputs.keySet());
    }
    for (NodeInfo n : inputs.values()) {
      if (!known.contains(n.getName())) {
        throw new BadInputException(
            source, 0, "", "model input '" + n.getName() + "' is not one of " + known);
      }
      if (!(n.getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.INT64) {
        throw new BadInputException(
            source, 0, "", "model input '" + n.getName() + "' must be an int64 tensor");
      }
    }
  }

  static OrtSession openSession(OrtEnvironment env, OnnxEmbedderBuilder b) throws OrtException {
    if (b.bundled != null) {
      BundledModel m = b.bundled;
      Supplier<byte[]> bytes = () -> readBundled(m);
      Optional<OptimizedModelCache> cache = OptimizedModelCache.fromEnvironment(System.getenv());
      Optional<String> identity =
          cache.isEmpty()
              ? Optional.empty()
              : BundledModel.resource(m.modelResource()).flatMap(OptimizedModelCache::bytesIdentity);
      if (cache.isPresent() && identity.isPresent()) {
        String key =
            OptimizedModelCache.key(
                m.name(),
                identity.get(),
                env.getVersion(),
                OrtSession.SessionOptions.OptLevel.ALL_OPT.name(),
                System.getProperty("os.arch", ""));
        return cache.get().open(env, m.name(), key, bytes, () -> options(b.intraOpThreads));
      }
      try (OrtSession.SessionOptions opts = options(b.intraOpThreads)) {
        return env.createSession(bytes.get(), opts);
      }
    }
    try (OrtSession.SessionOptions opts = options(b.intraOpThreads)) {
      return env.createSession(
          b.directory.resolve(OnnxEmbedderBuilder.MODEL_FILE).toString(), opts);
    }
  }

  private static byte[] readBundled(BundledModel m) {
    try (InputStream in = BundledModel.open(m.modelResource())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new Classify4jException("cannot read bundled model " + m.name() + ": " + e.getMessage(), e);
    }
  }

  static HuggingFaceTokenizer openTokenizer(OnnxEmbedderBuilder b) {
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
      return HuggingFaceTokenizer.newInstance(
          b.directory.resolve(OnnxEmbedderBuilder.TOKENIZER_FILE), opts);
    } catch (IOException e) {
      throw new BadInputException(b.source(), 0, "", "cannot read tokenizer: " + e.getMessage(), e);
    }
  }

  /** Checks the inputs and picks the output; returns the output name. */
  static String checkModel(OrtSession s, EmbedderConfig config, String source)
      throws OrtException {
    checkInputs(s, ENCODER_INPUTS, source);
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

  /** The output's last axis; when it is dynamic, the model is asked once with head + tail. */
  static int outputDimension(
      OrtEnvironment env, OrtSession s, String output, long[] headIds, long[] tailIds)
      throws OrtException {
    long[] shape = ((TensorInfo) s.getOutputInfo().get(output).getInfo()).getShape();
    long d = shape[shape.length - 1];
    if (d > 0) {
      return (int) d;
    }
    long[] ids = new long[headIds.length + tailIds.length];
    System.arraycopy(headIds, 0, ids, 0, headIds.length);
    System.arraycopy(tailIds, 0, ids, headIds.length, tailIds.length);
    long[] shp = {1, ids.length};
    Set<String> inputNames = s.getInputNames();
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shp));
      long[] ones = new long[ids.length];
      Arrays.fill(ones, 1L);
      if (inputNames.contains(ATTENTION_MASK)) {
        feed.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shp));
      }
      if (inputNames.contains(TOKEN_TYPE_IDS)) {
        feed.put(
            TOKEN_TYPE_IDS,
            OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shp));
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
  static long[][] specialTokens(HuggingFaceTokenizer t) {
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

  static long[] prefixIds(HuggingFaceTokenizer t, String prefix) {
    return prefix.isEmpty() ? new long[0] : t.encode(prefix, false, false).getIds();
  }

  /** Closes what is not null, logging (not throwing) failures. */
  public static void closeQuietly(OrtSession s, HuggingFaceTokenizer t) {
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
}
