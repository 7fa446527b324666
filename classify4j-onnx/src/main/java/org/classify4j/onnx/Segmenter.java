package org.classify4j.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.classify4j.data.BadInputException;

/**
 * Turns texts into model inputs: tokenizes them in one batch call, cuts each into the model's
 * window (truncated, or chunked under {@link LongTextPolicy#CHUNK}) wrapped in the special tokens
 * and the prefix, groups segments of similar length into batches, and pools the chunks of one text
 * back into one vector (length-weighted mean of the chunks' directions).
 */
final class Segmenter {
  /** One model input row: the text it belongs to, its ids, its weight (content tokens). */
  record Segment(int text, long[] ids, int weight) {}

  private final HuggingFaceTokenizer tokenizer;
  private final long[] headIds;
  private final long[] tailIds;
  private final int maxLength;
  private final LongTextPolicy longTextPolicy;
  private final BatchingPolicy batching;
  private final int batchSize;
  private final int maxBatchTokens;
  private final boolean normalize;

  Segmenter(
      HuggingFaceTokenizer tokenizer,
      long[] headIds,
      long[] tailIds,
      EmbedderConfig config,
      LongTextPolicy longTextPolicy,
      int batchSize,
      int maxBatchTokens) {
    this.tokenizer = tokenizer;
    this.headIds = headIds.clone();
    this.tailIds = tailIds.clone();
    this.maxLength = config.maxLength();
    this.longTextPolicy = longTextPolicy;
    this.batching = config.batching();
    this.batchSize = batchSize;
    this.maxBatchTokens = maxBatchTokens;
    this.normalize = config.normalize();
  }

  /** Special tokens every sequence gets (before + after). */
  int specialCount() {
    return headIds.length + tailIds.length;
  }

  /** Content ids of each text (no special tokens, no truncation), one batch call. */
  List<long[]> tokenize(List<String> texts) {
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

  List<Segment> segments(List<String> texts, long[] prefix) {
    List<long[]> content = tokenize(texts);
    int window = maxLength - headIds.length - prefix.length - tailIds.length;
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
  long[] wrap(long[] prefix, long[] content, int from, int n) {
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

  /** Groups segment indices into model calls: sorted by length, cut by size and policy. */
  List<int[]> batches(List<Segment> segs) {
    int[] lengths = new int[segs.size()];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = segs.get(i).ids().length;
    }
    int max = batching == BatchingPolicy.ONE_BY_ONE ? 1 : batchSize;
    return LengthBatches.plan(lengths, max, maxBatchTokens, batching == BatchingPolicy.SAME_LENGTH);
  }

  /** One model call's inputs: the segments' ids padded with 0, token types 0. */
  static TokenBatch tokenBatch(List<Segment> segs, int[] batch) {
    List<long[]> ids = new ArrayList<>(batch.length);
    for (int s : batch) {
      ids.add(segs.get(s).ids());
    }
    return TokenBatch.pad(ids, List.of());
  }

  /** One vector per text from its segments' vectors; normalized when the config says so. */
  float[][] combine(int n, List<Segment> segs, float[][] segVecs, int dimension) {
    float[][] out = new float[n][];
    int[] weight = new int[n];
    boolean chunked = longTextPolicy == LongTextPolicy.CHUNK;
    for (int s = 0; s < segs.size(); s++) {
      Segment seg = segs.get(s);
      float[] v = segVecs[s];
      float[] acc = out[seg.text()];
      if (acc == null) {
        acc = new float[dimension];
        out[seg.text()] = acc;
      }
      float w = chunked ? seg.weight() : 1f;
      if (chunked && normalize) {
        // Average the chunks' directions, not their raw magnitudes.
        w /= norm(v);
      }
      for (int j = 0; j < dimension; j++) {
        acc[j] += w * v[j];
      }
      weight[seg.text()] += seg.weight();
    }
    for (int i = 0; i < n; i++) {
      if (normalize) {
        float inv = 1f / norm(out[i]);
        for (int j = 0; j < dimension; j++) {
          out[i][j] *= inv;
        }
      } else if (chunked) {
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
}
