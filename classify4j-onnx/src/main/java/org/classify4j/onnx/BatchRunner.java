package org.classify4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.Classify4jException;
import org.classify4j.onnx.Segmenter.Segment;

/**
 * Runs planned batches through the ORT session: builds the input tensors, runs up to {@code
 * parallelism} calls at a time on its own daemon threads (longest batches first, so the workers
 * finish together) and pools each row straight from ORT's output buffer (mean over real tokens, or
 * the first token). Does not own the session; {@link #close()} stops the worker threads.
 */
final class BatchRunner implements AutoCloseable {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final Set<String> inputNames;
  private final String outputName;
  private final int dimension;
  private final Pooling pooling;
  private final String id;
  private final ExecutorService workers;

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
    this.workers = parallelism > 1 ? newWorkers(parallelism) : null;
  }

  /** One vector per segment (not normalized). */
  float[][] run(List<Segment> segs, List<int[]> batches) throws OrtException {
    float[][] segVecs = new float[segs.size()][];
    if (workers == null || batches.size() == 1) {
      for (int[] batch : batches) {
        runBatch(segs, batch, segVecs);
      }
    } else {
      runParallel(segs, batches, segVecs);
    }
    return segVecs;
  }

  private void runParallel(List<Segment> segs, List<int[]> batches, float[][] segVecs)
      throws OrtException {
    List<Future<?>> futures = new ArrayList<>(batches.size());
    for (int i = batches.size() - 1; i >= 0; i--) {
      int[] batch = batches.get(i);
      futures.add(
          workers.submit(
              () -> {
                runBatch(segs, batch, segVecs);
                return null;
              }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new Classify4jException("interrupted while embedding", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof OrtException oe) {
        throw oe;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new Classify4jException("embedding failed: " + c, c);
    }
  }

  private static ExecutorService newWorkers(int n) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        n,
        r -> {
          Thread t = new Thread(r, "classify4j-onnx-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private void runBatch(List<Segment> segs, int[] batch, float[][] segVecs) throws OrtException {
    int rows = batch.length;
    int cols = Segmenter.cols(segs, batch);
    long[][] in = Segmenter.inputs(segs, batch);
    long[] shape = {rows, cols};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put(
          SessionLoader.INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(in[0]), shape));
      if (inputNames.contains(SessionLoader.ATTENTION_MASK)) {
        feed.put(
            SessionLoader.ATTENTION_MASK,
            OnnxTensor.createTensor(env, LongBuffer.wrap(in[1]), shape));
      }
      if (inputNames.contains(SessionLoader.TOKEN_TYPE_IDS)) {
        feed.put(
            SessionLoader.TOKEN_TYPE_IDS,
            OnnxTensor.createTensor(env, LongBuffer.wrap(in[2]), shape));
      }
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
      for (OnnxTensor t : feed.values()) {
        t.close();
      }
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
    if (workers != null) {
      workers.shutdownNow();
    }
  }
}
