package org.classify4j.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.onnx.BundledModel;
import org.classify4j.onnx.OnnxTextEmbedder;
import org.classify4j.onnx.TokenBatch;

/** One thing to time: our embedder, LangChain4j's model, or the bare ORT session on our batches. */
interface Engine extends AutoCloseable {

  /** Prepares for {@code texts} (untimed), e.g. tokenizing for the raw session. */
  default void prepare(List<String> texts) {}

  /** The timed work. Returns a checksum so the JIT cannot drop it. */
  double run(List<String> texts);

  /** Tokens the model sees per pass (excluding padding), or -1 if unknown. */
  long tokens(List<String> texts);

  /** Padded tokens (rows × cols) per pass, or -1 if unknown. */
  default long paddedTokens(List<String> texts) {
    return -1;
  }

  @Override
  void close();

  /**
   * {@code onnx:...} (any classify4j embedder id; {@code threads} added), {@code lc4j}, {@code
   * lc4j-q}, or {@code raw:onnx:...} (bare session over that embedder's token batches).
   */
  static Engine create(String spec, int threads) {
    if (spec.startsWith("raw:")) {
      return new Raw(spec.substring(4), threads);
    }
    if (spec.equals("lc4j") || spec.equals("lc4j-q")) {
      return new LangChain4j(spec.equals("lc4j-q"), threads);
    }
    return new Ours(spec, threads);
  }

  static String withThreads(String id, int threads) {
    return id + (id.contains("?") ? "&" : "?") + "threads=" + threads;
  }

  final class Ours implements Engine {
    final OnnxTextEmbedder embedder;

    Ours(String id, int threads) {
      TextEmbedder e = Embedders.create(withThreads(id, threads));
      this.embedder = (OnnxTextEmbedder) e;
    }

    @Override
    public double run(List<String> texts) {
      float[][] v = embedder.embed(texts);
      double s = 0;
      for (float[] row : v) {
        s += row[0];
      }
      return s;
    }

    @Override
    public long tokens(List<String> texts) {
      return embedder.plan(texts).stream().mapToLong(TokenBatch::realTokens).sum();
    }

    @Override
    public long paddedTokens(List<String> texts) {
      return embedder.plan(texts).stream().mapToLong(b -> (long) b.rows() * b.cols()).sum();
    }

    @Override
    public void close() {
      embedder.close();
    }
  }

  /**
   * LangChain4j's in-process model as a user gets it. Its executor gets {@code threads} workers
   * (its default is one per available processor); each worker calls ONNX Runtime one text at a
   * time with the session's default intra-op threads (LangChain4j offers no setting for them).
   */
  final class LangChain4j implements Engine {
    final ExecutorService pool;
    final AbstractInProcessEmbeddingModel model;
    final boolean quantized;

    LangChain4j(boolean quantized, int threads) {
      this.quantized = quantized;
      pool = Executors.newFixedThreadPool(threads);
      model =
          quantized
              ? new AllMiniLmL6V2QuantizedEmbeddingModel(pool)
              : new AllMiniLmL6V2EmbeddingModel(pool);
    }

    @Override
    public double run(List<String> texts) {
      List<TextSegment> segs = new ArrayList<>(texts.size());
      for (String t : texts) {
        segs.add(TextSegment.from(t));
      }
      var out = model.embedAll(segs).content();
      double s = 0;
      for (var e : out) {
        s += e.vector()[0];
      }
      return s;
    }

    /**
     * What it really encodes: its tokenizer is built like LangChain4j builds it (only {@code
     * padding=false}), so tokenizer.json's own truncation setting stays in force; texts above 510
     * tokens would be split into partitions, each encoded with [CLS] and [SEP].
     */
    @Override
    public long tokens(List<String> texts) {
      String res = quantized ? "all-minilm-l6-v2-q-tokenizer.json" : "all-minilm-l6-v2-tokenizer.json";
      try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(res);
          HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false"))) {
        long n = 0;
        for (String text : texts) {
          int k = t.tokenize(text).size() - 2;
          int parts = Math.max(1, (k + 509) / 510);
          n += k + 2L * parts;
        }
        return n;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    float[][] vectors(List<String> texts) {
      List<TextSegment> segs = new ArrayList<>(texts.size());
      for (String t : texts) {
        segs.add(TextSegment.from(t));
      }
      var out = model.embedAll(segs).content();
      float[][] v = new float[out.size()][];
      for (int i = 0; i < v.length; i++) {
        v[i] = out.get(i).vector();
      }
      return v;
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /**
   * The floor: the same ONNX file in a session with the same options as ours, fed the exact
   * batches our embedder plans, run {@code threads} at a time like ours (tokenization, pooling and
   * normalization not timed).
   */
  final class Raw implements Engine {
    final String id;
    final int threads;
    final OrtEnvironment env = OrtEnvironment.getEnvironment();
    final OrtSession session;
    List<TokenBatch> batches = List.of();
    List<long[][]> arrays = List.of();
    final ExecutorService pool;

    Raw(String id, int threads) {
      this.id = id;
      this.threads = threads;
      String name = id.substring("onnx:".length()).replaceAll("\\?.*", "");
      BundledModel m = BundledModel.find(name).orElseThrow();
      try (InputStream in =
              Thread.currentThread().getContextClassLoader().getResourceAsStream(m.modelResource());
          OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
        opts.setIntraOpNumThreads(1);
        opts.setInterOpNumThreads(1);
        opts.addConfigEntry("session.intra_op.allow_spinning", "0");
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(in.readAllBytes(), opts);
      } catch (IOException | OrtException e) {
        throw new IllegalStateException(e);
      }
      pool = Executors.newFixedThreadPool(threads);
    }

    @Override
    public void prepare(List<String> texts) {
      try (OnnxTextEmbedder e =
          (OnnxTextEmbedder) Embedders.create(withThreads(id, threads))) {
        batches = e.plan(texts);
      }
      List<long[][]> a = new ArrayList<>();
      for (TokenBatch b : batches) {
        a.add(new long[][] {b.inputIds(), b.attentionMask(), new long[b.rows() * b.cols()]});
      }
      arrays = a;
    }

    @Override
    public double run(List<String> texts) {
      List<java.util.concurrent.Future<Float>> fs = new ArrayList<>();
      for (int i = batches.size() - 1; i >= 0; i--) {
        int k = i;
        fs.add(pool.submit(() -> runOne(k)));
      }
      double s = 0;
      try {
        for (var f : fs) {
          s += f.get();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return s;
    }

    float runOne(int i) throws OrtException {
      TokenBatch b = batches.get(i);
      long[][] in = arrays.get(i);
      long[] shape = {b.rows(), b.cols()};
      Map<String, OnnxTensor> feed = new HashMap<>();
      try {
        feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(in[0]), shape));
        feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(in[1]), shape));
        if (session.getInputNames().contains("token_type_ids")) {
          feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(in[2]), shape));
        }
        try (OrtSession.Result r = session.run(feed)) {
          return ((OnnxTensor) r.get(0)).getFloatBuffer().get(0);
        }
      } finally {
        feed.values().forEach(OnnxTensor::close);
      }
    }

    @Override
    public long tokens(List<String> texts) {
      return batches.stream().mapToLong(TokenBatch::realTokens).sum();
    }

    @Override
    public long paddedTokens(List<String> texts) {
      return batches.stream().mapToLong(b -> (long) b.rows() * b.cols()).sum();
    }

    @Override
    public void close() {
      pool.shutdownNow();
      try {
        session.close();
      } catch (OrtException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
