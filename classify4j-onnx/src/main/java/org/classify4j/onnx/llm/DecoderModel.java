package org.classify4j.onnx.llm;

import org.classify4j.onnx.NativeGuard;
import org.classify4j.onnx.NativeSetup;
import org.classify4j.onnx.SessionLoader;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.classify4j.Classify4jException;
import org.classify4j.Json;
import org.classify4j.data.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decoder-only language model exported for ONNX Runtime the way Hugging Face Optimum exports
 * {@code text-generation-with-past}: a directory with {@code model.onnx} (and its external data
 * file, if any), {@code tokenizer.json}, {@code config.json}, and optionally {@code
 * generation_config.json} and {@code tokenizer_config.json} / {@code chat_template.jinja}.
 *
 * <p>The graph must take {@code input_ids}, {@code attention_mask}, optionally {@code
 * position_ids} (and Optimum's older {@code use_cache_branch}), and {@code past_key_values.N.key
 * |value} for every layer, and give {@code logits} and {@code present.N.key|value}. An empty past
 * (length 0) starts a sequence. Batch size 1 is used throughout.
 *
 * <p>{@link #logProbs} is the exact label scoring: one pass over the prompt, its key/value cache
 * reused for every answer, answers arranged in a token trie so that a shared prefix is run once,
 * log P(answer | prompt) = the sum of the log-softmax of each answer token.
 *
 * <p>Thread-safe (every call keeps its cache to itself); close it to free the native session —
 * closing waits for running calls ({@link NativeGuard}).
 */
public final class DecoderModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecoderModel.class);
  static final String MODEL_FILE = "model.onnx";
  static final String TOKENIZER_FILE = "tokenizer.json";

  private final Path directory;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final int layers;
  private final long[] kvShape;
  private final boolean positionIds;
  private final boolean cacheBranch;
  private final Set<Long> eos;
  private final String chatTemplateText;
  private final String bosToken;
  private final AtomicLong forwardCalls = new AtomicLong();
  private final NativeGuard guard;

  private DecoderModel(Path directory, OrtEnvironment env, OrtSession session,
      HuggingFaceTokenizer tokenizer, int layers, long[] kvShape, Set<Long> eos,
      String chatTemplateText, String bosToken) {
    this.directory = directory;
    this.guard = new NativeGuard("language model " + directory);
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.layers = layers;
    this.kvShape = kvShape;
    this.positionIds = session.getInputNames().contains("position_ids");
    this.cacheBranch = session.getInputNames().contains("use_cache_branch");
    this.eos = Set.copyOf(eos);
    this.chatTemplateText = chatTemplateText;
    this.bosToken = bosToken;
  }

  /** Opens the model directory with {@code threads} intra-op threads (0: all cores). */
  public static DecoderModel open(Path dir, int threads) {
    NativeSetup.preferCpuTokenizers();
    Path model = dir.resolve(MODEL_FILE);
    Path tok = dir.resolve(TOKENIZER_FILE);
    for (Path p : List.of(model, tok, dir.resolve("config.json"))) {
      if (!Files.isRegularFile(p)) {
        throw new BadInputException(p.toString(), 0, "", "not found: a decoder model directory"
            + " needs model.onnx, tokenizer.json and config.json (as exported by Optimum)");
      }
    }
    JsonNode config = readJson(dir.resolve("config.json"));
    JsonNode gen = readJson(dir.resolve("generation_config.json"));
    JsonNode tokConfig = readJson(dir.resolve("tokenizer_config.json"));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session = null;
    HuggingFaceTokenizer tokenizer = null;
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      if (threads > 0) {
        opts.setIntraOpNumThreads(threads);
      }
      opts.setInterOpNumThreads(1);
      opts.addConfigEntry("session.intra_op.allow_spinning", "0");
      opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(model.toString(), opts);
      Map<String, String> tokOpts = new LinkedHashMap<>();
      tokOpts.put("addSpecialTokens", "false");
      tokOpts.put("truncation", "false");
      tokOpts.put("padding", "false");
      tokenizer = HuggingFaceTokenizer.newInstance(tok, tokOpts);
      int layers = countLayers(session, model);
      long[] kv = kvShape(session, config, model);
      Set<Long> eos = new HashSet<>();
      addIds(eos, gen.path("eos_token_id"));
      if (eos.isEmpty()) {
        addIds(eos, config.path("eos_token_id"));
      }
      String template = chatTemplate(dir, tokConfig);
      String bos = tokenString(tokConfig.path("bos_token"));
      return new DecoderModel(dir, env, session, tokenizer, layers, kv, eos, template, bos);
    } catch (OrtException e) {
      SessionLoader.closeQuietly(session, tokenizer);
      throw new Classify4jException(model + ": cannot open the ONNX model: " + e.getMessage(), e);
    } catch (IOException e) {
      SessionLoader.closeQuietly(session, tokenizer);
      throw new BadInputException(tok.toString(), 0, "", "cannot read tokenizer: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      SessionLoader.closeQuietly(session, tokenizer);
      throw e;
    }
  }

  /** The model directory. */
  public Path directory() {
    return directory;
  }

  /** The chat template text from the model directory ({@code ""} when there is none). */
  public String chatTemplateText() {
    return chatTemplateText;
  }

  /** The chat format recognised from the model's template ({@link ChatTemplate#NONE} if none). */
  public ChatTemplate chatTemplate() {
    ChatTemplate t = ChatTemplate.recognise(chatTemplateText);
    if (t == ChatTemplate.NONE && !chatTemplateText.isBlank()) {
      LOG.warn("{}: the chat template is not one of the built-in families (ChatML, Llama 3, Gemma,"
          + " Phi-3); prompts are sent as plain text (set template=NAME to choose one)", directory);
    }
    return t;
  }

  /** The BOS token text from tokenizer_config.json ({@code ""} when there is none). */
  public String bosToken() {
    return bosToken;
  }

  /** Number of forward passes run so far (for measurements and tests). */
  public long forwardCalls() {
    return forwardCalls.get();
  }

  /** Token ids of {@code text}, with the tokenizer's special tokens (BOS…) when asked. */
  public long[] encode(String text, boolean addSpecialTokens) {
    return guard.run(() -> tokenizer.encode(text, addSpecialTokens, false).getIds());
  }

  /** The text of token ids (special tokens kept). */
  public String decode(long[] ids) {
    return guard.run(() -> tokenizer.decode(ids, false));
  }

  /** The id of a single-token string, such as an end-of-turn token. */
  public long tokenId(String token) {
    long[] ids = encode(token, false);
    if (ids.length != 1) {
      throw new Classify4jException(directory + ": '" + token + "' is not a single token");
    }
    return ids[0];
  }

  /**
   * The tokens of {@code answer} as they follow {@code prompt}: the tail of the tokenization of
   * prompt + answer when its head is the prompt's own tokenization (so leading-space and merge rules
   * are the tokenizer's), else the answer tokenized alone.
   */
  public long[] answerIds(String prompt, long[] promptIds, String answer, boolean special) {
    long[] full = encode(prompt + answer, special);
    if (full.length > promptIds.length
        && Arrays.equals(full, 0, promptIds.length, promptIds, 0, promptIds.length)) {
      return Arrays.copyOfRange(full, promptIds.length, full.length);
    }
    return encode(answer, false);
  }

  /**
   * log P(answer | prompt) for every answer (token ids, at least one each): one forward pass over
   * the prompt, then one pass of one token per inner node of the answers' token trie.
   */
  public double[] logProbs(long[] promptIds, List<long[]> answers) {
    return guard.run(() -> {
      if (promptIds.length == 0) {
        throw new IllegalArgumentException("empty prompt");
      }
      Trie root = new Trie();
      for (int i = 0; i < answers.size(); i++) {
        long[] a = answers.get(i);
        if (a.length == 0) {
          throw new IllegalArgumentException("answer " + i + " has no tokens");
        }
        Trie n = root;
        for (long t : a) {
          n = n.children.computeIfAbsent(t, k -> new Trie());
        }
        n.ends.add(i);
      }
      double[] out = new double[answers.size()];
      try (Step prompt = prefill(promptIds)) {
        walk(root, prompt, 0.0, out);
      } catch (OrtException e) {
        throw new Classify4jException(directory + ": forward pass failed: " + e.getMessage(), e);
      }
      return out;
    });
  }

  /**
   * The naive reference: one full forward pass over prompt + answer per answer, no cache, no trie
   * (what {@link #logProbs} saves; kept for measurements and tests).
   */
  public double[] logProbsNaive(long[] promptIds, List<long[]> answers) {
    return guard.run(() -> {
      double[] out = new double[answers.size()];
      try {
        for (int i = 0; i < answers.size(); i++) {
          long[] a = answers.get(i);
          long[] ids = Arrays.copyOf(promptIds, promptIds.length + a.length);
          System.arraycopy(a, 0, ids, promptIds.length, a.length);
          try (Step s = forward(ids, null, true)) {
            double lp = 0;
            for (int j = 0; j < a.length; j++) {
              lp += s.logSoftmax(promptIds.length - 1 + j, a[j]);
            }
            out[i] = lp;
          }
        }
      } catch (OrtException e) {
        throw new Classify4jException(directory + ": forward pass failed: " + e.getMessage(), e);
      }
      return out;
    });
  }

  /** Greedy (unconstrained) continuation of the prompt, up to {@code maxTokens} or an EOS token. */
  public long[] generate(long[] promptIds, int maxTokens) {
    return guard.run(() -> {
      List<Long> out = new ArrayList<>();
      try {
        Step s = prefill(promptIds);
        try {
          for (int i = 0; i < maxTokens; i++) {
            long next = s.argmax(0);
            if (eos.contains(next)) {
              break;
            }
            out.add(next);
            if (i + 1 == maxTokens) {
              break;
            }
            Step n = forward(new long[] {next}, s, true);
            s.close();
            s = n;
          }
        } finally {
          s.close();
        }
      } catch (OrtException e) {
        throw new Classify4jException(directory + ": forward pass failed: " + e.getMessage(), e);
      }
      return out.stream().mapToLong(Long::longValue).toArray();
    });
  }

  private void walk(Trie node, Step state, double base, double[] out) throws OrtException {
    double logZ = state.logSumExp(0);
    for (Map.Entry<Long, Trie> e : node.children.entrySet()) {
      Trie child = e.getValue();
      double lp = base + state.logit(0, e.getKey()) - logZ;
      for (int i : child.ends) {
        out[i] = lp;
      }
      if (!child.children.isEmpty()) {
        try (Step next = forward(new long[] {e.getKey()}, state, true)) {
          walk(child, next, lp, out);
        }
      }
    }
  }

  /** The prompt's cache and the logits after its last token (without copying the others). */
  private Step prefill(long[] ids) throws OrtException {
    if (ids.length == 1) {
      return forward(ids, null, true);
    }
    try (Step head = forward(Arrays.copyOf(ids, ids.length - 1), null, false)) {
      return forward(new long[] {ids[ids.length - 1]}, head, true);
    }
  }

  /** One forward pass of {@code ids} after {@code past} (null: empty past). */
  private Step forward(long[] ids, Step past, boolean wantLogits) throws OrtException {
    forwardCalls.incrementAndGet();
    int pastLen = past == null ? 0 : past.length;
    int n = ids.length;
    Map<String, OnnxTensor> feed = new HashMap<>();
    List<OnnxTensor> made = new ArrayList<>();
    try {
      made.add(put(feed, "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids),
          new long[] {1, n})));
      long[] mask = new long[pastLen + n];
      Arrays.fill(mask, 1L);
      made.add(put(feed, "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask),
          new long[] {1, mask.length})));
      if (positionIds) {
        long[] pos = new long[n];
        for (int i = 0; i < n; i++) {
          pos[i] = pastLen + i;
        }
        made.add(put(feed, "position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(pos),
            new long[] {1, n})));
      }
      if (cacheBranch) {
        made.add(put(feed, "use_cache_branch",
            OnnxTensor.createTensor(env, new boolean[] {past != null})));
      }
      OnnxTensor empty = null;
      if (past == null) {
        long[] shape = kvShape.clone();
        shape[2] = 0;
        empty = OnnxTensor.createTensor(env, FloatBuffer.allocate(0), shape);
        made.add(empty);
      }
      for (int l = 0; l < layers; l++) {
        for (String kv : new String[] {"key", "value"}) {
          feed.put("past_key_values." + l + "." + kv,
              past == null ? empty : past.present.get("present." + l + "." + kv));
        }
      }
      Set<String> wanted = new HashSet<>();
      for (int l = 0; l < layers; l++) {
        wanted.add("present." + l + ".key");
        wanted.add("present." + l + ".value");
      }
      if (wantLogits) {
        wanted.add("logits");
      }
      OrtSession.Result r = session.run(feed, wanted);
      return new Step(r, pastLen + n, wantLogits, n);
    } finally {
      for (OnnxTensor t : made) {
        t.close();
      }
    }
  }

  private static OnnxTensor put(Map<String, OnnxTensor> feed, String name, OnnxTensor t) {
    feed.put(name, t);
    return t;
  }

  /** The outputs of one pass: the cache (kept open as the next pass's past) and the logits. */
  private static final class Step implements AutoCloseable {
    final OrtSession.Result result;
    final Map<String, OnnxTensor> present = new HashMap<>();
    final int length;
    final FloatBuffer logits;
    final int vocab;

    Step(OrtSession.Result r, int length, boolean withLogits, int rows) {
      this.result = r;
      this.length = length;
      for (Map.Entry<String, OnnxValue> e : r) {
        if (e.getKey().startsWith("present.")) {
          present.put(e.getKey(), (OnnxTensor) e.getValue());
        }
      }
      if (withLogits) {
        OnnxTensor t = (OnnxTensor) r.get("logits").orElseThrow();
        long[] shape = t.getInfo().getShape();
        this.vocab = Math.toIntExact(shape[shape.length - 1]);
        this.logits = t.getFloatBuffer();
      } else {
        this.vocab = 0;
        this.logits = FloatBuffer.allocate(0);
      }
    }

    double logSumExp(int row) {
      int off = row * vocab;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < vocab; i++) {
        max = Math.max(max, logits.get(off + i));
      }
      double sum = 0;
      for (int i = 0; i < vocab; i++) {
        sum += Math.exp(logits.get(off + i) - max);
      }
      return max + Math.log(sum);
    }

    double logit(int row, long token) {
      if (token < 0 || token >= vocab) {
        throw new Classify4jException("token id " + token + " is outside the model's vocabulary"
            + " of " + vocab);
      }
      return logits.get(row * vocab + (int) token);
    }

    double logSoftmax(int row, long token) {
      return logit(row, token) - logSumExp(row);
    }

    long argmax(int row) {
      int off = row * vocab;
      int best = 0;
      for (int i = 1; i < vocab; i++) {
        if (logits.get(off + i) > logits.get(off + best)) {
          best = i;
        }
      }
      return best;
    }

    @Override
    public void close() {
      result.close();
    }
  }

  private static final class Trie {
    final Map<Long, Trie> children = new LinkedHashMap<>();
    final List<Integer> ends = new ArrayList<>(1);
  }

  @Override
  public void close() {
    guard.close(() -> SessionLoader.closeQuietly(session, tokenizer));
  }

  private static int countLayers(OrtSession s, Path model) {
    int n = 0;
    while (s.getInputNames().contains("past_key_values." + n + ".key")) {
      if (!s.getInputNames().contains("past_key_values." + n + ".value")
          || !s.getOutputNames().contains("present." + n + ".key")
          || !s.getOutputNames().contains("present." + n + ".value")) {
        throw new BadInputException(model.toString(), 0, "", "layer " + n + " lacks one of"
            + " past_key_values." + n + ".value, present." + n + ".key|value");
      }
      n++;
    }
    if (n == 0 || !s.getInputNames().contains("input_ids")
        || !s.getInputNames().contains("attention_mask")
        || !s.getOutputNames().contains("logits")) {
      throw new BadInputException(model.toString(), 0, "", "not a decoder exported with past key"
          + " values (Optimum task text-generation-with-past): inputs " + s.getInputNames()
          + ", outputs " + s.getOutputNames());
    }
    return n;
  }

  /** [1, kv heads, 0, head dim], from the graph's past input, else from config.json. */
  private static long[] kvShape(OrtSession s, JsonNode config, Path model) throws OrtException {
    NodeInfo info = s.getInputInfo().get("past_key_values.0.key");
    if (!(info.getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.FLOAT) {
      throw new BadInputException(model.toString(), 0, "", "past_key_values.0.key must be a float32"
          + " tensor (float16 exports are not supported)");
    }
    long[] shape = ti.getShape();
    if (shape.length != 4) {
      throw new BadInputException(model.toString(), 0, "", "past_key_values.0.key must have 4 axes");
    }
    long heads = shape[1];
    long dim = shape[3];
    if (heads <= 0) {
      heads = config.path("num_key_value_heads").asLong(
          config.path("num_attention_heads").asLong(config.path("n_head").asLong(-1)));
    }
    if (dim <= 0) {
      long hidden = config.path("hidden_size").asLong(config.path("n_embd").asLong(-1));
      long h = config.path("num_attention_heads").asLong(config.path("n_head").asLong(-1));
      dim = config.path("head_dim").asLong(h > 0 ? hidden / h : -1);
    }
    if (heads <= 0 || dim <= 0) {
      throw new BadInputException(model.toString(), 0, "", "cannot tell the key/value shape from"
          + " the graph or config.json (num_key_value_heads, head_dim)");
    }
    return new long[] {1, heads, 0, dim};
  }

  private static JsonNode readJson(Path p) {
    if (!Files.isRegularFile(p)) {
      return Json.mapper().createObjectNode();
    }
    try {
      return Json.mapper().readTree(p.toFile());
    } catch (IOException e) {
      throw new BadInputException(p.toString(), 0, "", "not valid JSON: " + e.getMessage(), e);
    }
  }

  private static void addIds(Set<Long> out, JsonNode n) {
    if (n.isNumber()) {
      out.add(n.asLong());
    } else if (n.isArray()) {
      n.forEach(x -> out.add(x.asLong()));
    }
  }

  private static String chatTemplate(Path dir, JsonNode tokConfig) throws IOException {
    Path jinja = dir.resolve("chat_template.jinja");
    if (Files.isRegularFile(jinja)) {
      return Files.readString(jinja);
    }
    JsonNode t = tokConfig.path("chat_template");
    if (t.isTextual()) {
      return t.asText();
    }
    if (t.isArray()) {
      for (JsonNode named : t) {
        if ("default".equals(named.path("name").asText())) {
          return named.path("template").asText("");
        }
      }
    }
    return "";
  }

  private static String tokenString(JsonNode n) {
    if (n.isTextual()) {
      return n.asText();
    }
    return n.path("content").asText("");
  }
}
