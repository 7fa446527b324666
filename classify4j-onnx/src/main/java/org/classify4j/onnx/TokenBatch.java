package org.classify4j.onnx;

import java.util.Arrays;

/**
 * One model call as {@link OnnxTextEmbedder} would make it: {@code rows × cols} token ids,
 * row-major, padded with 0, and the matching attention mask. Exposed for benchmarks and
 * diagnostics ({@link OnnxTextEmbedder#plan(java.util.List)}), so the raw ONNX Runtime time on the
 * very same inputs can be measured.
 */
public record TokenBatch(int rows, int cols, long[] inputIds, long[] attentionMask) {
  public TokenBatch {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("rows and cols must be ≥ 1");
    }
    if (inputIds.length != rows * cols || attentionMask.length != rows * cols) {
      throw new IllegalArgumentException("inputIds and attentionMask must hold rows × cols values");
    }
    inputIds = inputIds.clone();
    attentionMask = attentionMask.clone();
  }

  @Override
  public long[] inputIds() {
    return inputIds.clone();
  }

  @Override
  public long[] attentionMask() {
    return attentionMask.clone();
  }

  /** Real (unpadded) tokens in this batch. */
  public long realTokens() {
    long n = 0;
    for (long m : attentionMask) {
      n += m;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenBatch b
        && rows == b.rows
        && cols == b.cols
        && Arrays.equals(inputIds, b.inputIds)
        && Arrays.equals(attentionMask, b.attentionMask);
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
