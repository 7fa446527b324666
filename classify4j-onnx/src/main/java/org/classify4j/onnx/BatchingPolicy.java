package org.classify4j.onnx;

/**
 * How texts are grouped into model calls. Texts are always sorted by token count first, so a
 * batch holds texts of similar length, and results are returned in input order.
 *
 * <p>For float32 models batching changes results only at rounding level (cosine to the one-by-one
 * vector ≥ 0.99999 in our measurements). Dynamically quantized models (the {@code -q} ones)
 * compute one activation scale over the whole input tensor, so both padding and the other rows
 * of a batch change every vector (measured down to 0.973 padded, 0.984 with {@link
 * #SAME_LENGTH}); only {@link #ONE_BY_ONE}, their default, reproduces the reference. See
 * docs/benchmarks-embedding.md.
 */
public enum BatchingPolicy {
  /** Batches of up to {@code batchSize} texts of similar length, padded to the longest. */
  PADDED,
  /** Batches of up to {@code batchSize} texts with exactly the same token count: no padding. */
  SAME_LENGTH,
  /** One text per model call: the reference output, slowest. */
  ONE_BY_ONE
}
