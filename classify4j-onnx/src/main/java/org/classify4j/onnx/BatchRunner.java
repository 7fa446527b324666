package org.classify4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classify4j.Classify4jException;
import org.classify4j.onnx.Segmenter.Segment;

/**
 * Runs planned batches through the ORT session: builds the input tensors ({@link TokenBatch}),
 * runs up to {@code parallelism} calls at a time ({@link ParallelRunner}) and pools each row
 * straight from ORT's output buffer (mean over real tokens, or the first token). Does not own the
 * session; {@link #close()} stops the worker threads.
 */
final class BatchRunner implements AutoCloseable {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final Set<String> inputNames;
  private final String outputName;
  private final int dimension;
  private final Pooling pooling;
  private final String id;
  private final ParallelRunner workers;

  BatchRunner(
      OrtEnvironment env,
      OrtSession session,
      String outputName,
      int dimension,
      Pooling pooling,
      int parallelism,
      String id)
      throws OrtException {
    this.env = env;
    this.session = session;
    this.inputNames = Set.copyOf(session.getInputNames());
    this.outputName = outputName;
    this.dimension = dimension;
    this.pooling = pooling;
    this.id = id;
    this.workers = new ParallelRunner(parallelism, "embedding");
  }

  /** One vector per segment (not normalized). */
  float[][] run(List<Segment> segs, List<int[]> batches) throws OrtException {
    float[][] segVecs = new float[segs.size()][];
    workers.runAll(batches, batch -> runBatch(segs, batch, segVecs));
    return segVecs;
  }

  private void runBatch(List<Segment> segs, int[] batch, float[][] segVecs) throws OrtException {
    int rows = batch.length;
    Map<String, OnnxTensor> feed = Segmenter.tokenBatch(segs, batch).feed(env, inputNames);
    try {
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
      TokenBatch.close(feed);
    }
  }

  private float[] pool(FloatBuffer fb, int row, int seq, int len) {
    int d = dimension;
    float[] vec = new float[d];
    int base = row * seq * d;
    if (pooling == Pooling.CLS) {
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

  @Override
  public void close() {
    workers.close();
  }
}
