package org.classify4j.app;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;

/**
 * Documents in, predictions out: scored in bounded batches (memory does not grow with the input)
 * and each prediction handed to the output at once, so a killed run loses at most the batch in
 * flight and {@code --resume} skips what is done. The walk of a text from every face: CLI lines,
 * REST requests and Spark partitions all come through here.
 */
public final class PredictService {
  /** The most documents one batch may hold (larger batches only exhaust memory). */
  public static final int MAX_BATCH_SIZE = 100_000;

  private PredictService() {}

  /** What a run did. */
  public record Summary(long written, long skipped) {}

  /**
   * Scores {@code documents} with {@code model}, decides with {@code rule}, writes to {@code out};
   * documents whose ids {@code out} already holds (a resumed run) are skipped.
   */
  public static Summary run(ClassifierModel model, DecisionRule rule, Iterator<Document> documents,
      PredictionOutput out, int batchSize, ProgressListener.Task progress) {
    return run(model, rule, documents, out, batchSize, progress, Cancellation.none());
  }

  /**
   * As {@link #run(ClassifierModel, DecisionRule, Iterator, PredictionOutput, int,
   * ProgressListener.Task)}, stopping between batches when {@code cancel} is requested: the batch
   * in flight is finished and written, then {@link Cancellation.Cancelled} says how many were.
   */
  public static Summary run(ClassifierModel model, DecisionRule rule, Iterator<Document> documents,
      PredictionOutput out, int batchSize, ProgressListener.Task progress, Cancellation cancel) {
    checkBatchSize(batchSize);
    cancel.watch();
    long written = 0;
    long skipped = 0;
    List<Document> todo = new ArrayList<>(Math.min(batchSize, 4096));
    while (documents.hasNext()) {
      if (cancel.requested()) {
        throw new Cancellation.Cancelled("interrupted: " + written + " predictions written"
            + (skipped > 0 ? " (" + skipped + " already there)" : "") + "; continue with --resume");
      }
      Document d = documents.next();
      if (out.isDone(d.id())) {
        skipped++;
        continue;
      }
      todo.add(d);
      if (todo.size() == batchSize) {
        written += write(model, rule, todo, out, progress);
      }
    }
    if (!todo.isEmpty()) {
      written += write(model, rule, todo, out, progress);
    }
    return new Summary(written, skipped);
  }

  private static int write(ClassifierModel model, DecisionRule rule, List<Document> docs,
      PredictionOutput out, ProgressListener.Task progress) {
    ScoreMatrix s = model.predictProba(docs);
    for (int i = 0; i < docs.size(); i++) {
      out.write(docs.get(i).id(), rule.decide(s, i), s, i);
    }
    int n = docs.size();
    progress.advance(n);
    docs.clear();
    return n;
  }

  /** Scores a list in batches (evaluation, tuning), reporting progress. */
  public static ScoreMatrix score(ClassifierModel m, List<Document> docs, int batchSize,
      ProgressListener.Task progress) {
    checkBatchSize(batchSize);
    List<ScoreMatrix> parts = new ArrayList<>();
    for (int i = 0; i < docs.size(); i += batchSize) {
      List<Document> batch = docs.subList(i, Math.min(docs.size(), i + batchSize));
      parts.add(m.predictProba(batch));
      progress.advance(batch.size());
    }
    return ScoreMatrix.concat(m.classes(), parts);
  }

  /** Refuses batch sizes that cannot work or can only exhaust memory. */
  public static void checkBatchSize(int batchSize) {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new AppException("batch size must be in 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
    }
  }
}
