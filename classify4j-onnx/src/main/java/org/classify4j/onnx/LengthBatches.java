package org.classify4j.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups sequences into model calls of similar length: indices sorted by length, cut when a batch
 * reaches {@code batchSize} rows or its padded size (rows × longest) would exceed {@code
 * maxBatchTokens} (a single longer sequence still gets its own call); with {@code sameLength} a
 * batch holds only sequences of exactly one length (no padding). Batches come shortest first.
 */
public final class LengthBatches {
  private LengthBatches() {}

  public static List<int[]> plan(int[] lengths, int batchSize, int maxBatchTokens, boolean sameLength) {
    if (batchSize < 1 || maxBatchTokens < 1) {
      throw new IllegalArgumentException("batchSize and maxBatchTokens must be ≥ 1");
    }
    Integer[] order = new Integer[lengths.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(lengths[a], lengths[b]));
    List<int[]> out = new ArrayList<>();
    int start = 0;
    while (start < order.length) {
      int len = lengths[order[start]];
      int end = start + 1;
      while (end < order.length
          && end - start < batchSize
          && (long) (end - start + 1) * lengths[order[end]] <= maxBatchTokens
          && (!sameLength || lengths[order[end]] == len)) {
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
}
