package org.classify4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One model call of an encoder: {@code rows × cols} token ids, row-major, padded with 0, the
 * matching attention mask and token types (segment ids: 0 for a single text, 0 / 1 for the two
 * texts of a pair). Built by {@link OnnxTextEmbedder} ({@link OnnxTextEmbedder#plan(List)}, so
 * benchmarks can time the bare ONNX Runtime session on the very same inputs) and by the NLI
 * cross-encoder; {@link #feed} makes the input tensors a session asks for.
 */
public record TokenBatch(
    int rows, int cols, long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {
  public static final String INPUT_IDS = "input_ids";
  public static final String ATTENTION_MASK = "attention_mask";
  public static final String TOKEN_TYPE_IDS = "token_type_ids";

  public TokenBatch {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("rows and cols must be ≥ 1");
    }
    if (inputIds.length != rows * cols
        || attentionMask.length != rows * cols
        || tokenTypeIds.length != rows * cols) {
      throw new IllegalArgumentException(
          "inputIds, attentionMask and tokenTypeIds must hold rows × cols values");
    }
    inputIds = inputIds.clone();
    attentionMask = attentionMask.clone();
    tokenTypeIds = tokenTypeIds.clone();
  }

  /** Single texts: all token types 0. */
  public TokenBatch(int rows, int cols, long[] inputIds, long[] attentionMask) {
    this(rows, cols, inputIds, attentionMask, new long[inputIds.length]);
  }

  /**
   * Pads sequences of different lengths into one batch (ids and types padded with 0, mask 0 on
   * padding). {@code typeIds} is empty (all 0) or holds one array per sequence, each as long as
   * its ids.
   */
  public static TokenBatch pad(List<long[]> ids, List<long[]> typeIds) {
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no sequences");
    }
    if (!typeIds.isEmpty() && typeIds.size() != ids.size()) {
      throw new IllegalArgumentException("typeIds must be empty or one per sequence");
    }
    int rows = ids.size();
    int cols = 1;
    for (long[] s : ids) {
      cols = Math.max(cols, s.length);
    }
    long[] in = new long[rows * cols];
    long[] mask = new long[rows * cols];
    long[] types = new long[rows * cols];
    for (int r = 0; r < rows; r++) {
      long[] s = ids.get(r);
      System.arraycopy(s, 0, in, r * cols, s.length);
      Arrays.fill(mask, r * cols, r * cols + s.length, 1L);
      if (!typeIds.isEmpty()) {
        long[] t = typeIds.get(r);
        if (t.length != s.length) {
          throw new IllegalArgumentException("row " + r + ": typeIds and ids differ in length");
        }
        System.arraycopy(t, 0, types, r * cols, t.length);
      }
    }
    return new TokenBatch(rows, cols, in, mask, types);
  }

  @Override
  public long[] inputIds() {
    return inputIds.clone();
  }

  @Override
  public long[] attentionMask() {
    return attentionMask.clone();
  }

  @Override
  public long[] tokenTypeIds() {
    return tokenTypeIds.clone();
  }

  /** Real (unpadded) tokens of row {@code r}. */
  public int length(int r) {
    int n = 0;
    for (int c = 0; c < cols; c++) {
      n += (int) attentionMask[r * cols + c];
    }
    return n;
  }

  /** Real (unpadded) tokens in this batch. */
  public long realTokens() {
    long n = 0;
    for (long m : attentionMask) {
      n += m;
    }
    return n;
  }

  /**
   * The input tensors for a session whose inputs are {@code inputNames} ({@value #INPUT_IDS}
   * always; {@value #ATTENTION_MASK} and {@value #TOKEN_TYPE_IDS} when the model has them). The
   * caller closes them; on failure those already made are closed here.
   */
  public Map<String, OnnxTensor> feed(OrtEnvironment env, Set<String> inputNames)
      throws OrtException {
    long[] shape = {rows, cols};
    Map<String, OnnxTensor> feed = new LinkedHashMap<>();
    try {
      feed.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape));
      if (inputNames.contains(ATTENTION_MASK)) {
        feed.put(
            ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(attentionMask), shape));
      }
      if (inputNames.contains(TOKEN_TYPE_IDS)) {
        feed.put(
            TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(tokenTypeIds), shape));
      }
    } catch (OrtException | RuntimeException e) {
      close(feed);
      throw e;
    }
    return feed;
  }

  /** Closes tensors made by {@link #feed}. */
  public static void close(Map<String, OnnxTensor> feed) {
    for (OnnxTensor t : feed.values()) {
      t.close();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenBatch b
        && rows == b.rows
        && cols == b.cols
        && Arrays.equals(inputIds, b.inputIds)
        && Arrays.equals(attentionMask, b.attentionMask)
        && Arrays.equals(tokenTypeIds, b.tokenTypeIds);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(inputIds);
  }

  @Override
  public String toString() {
    return "TokenBatch[" + rows + "×" + cols + "]";
  }
}
