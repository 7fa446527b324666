package org.classify4j.app;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ConcurrentScoring;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.InFlightWindow;
import org.classify4j.classify.Prediction;
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
   * One item of a scored stream: the item, and — when it had a text — its prediction and its row
   * of the batch's scores (every label). Items without a text ({@code prediction} empty) are passed
   * through unscored, in order.
   */
  public record Scored<T>(T item, Optional<Prediction> prediction, ScoreMatrix scores, int row) {}

  /**
   * Scores a stream of items lazily in bounded batches: pulls at most {@code batchSize} items,
   * scores their documents in one {@code predictProba} call, hands the results out in input order,
   * and only then pulls the next batch — memory does not grow with the stream, and a consumer
   * that writes each result (a file, a Spark partition) keeps pace with the scoring. {@code
   * document} turns an item into its document, or empty for an item without a text.
   */
  public static <T> Iterator<Scored<T>> scored(ClassifierModel model, DecisionRule rule,
      Iterator<T> items, Function<T, Optional<Document>> document, int batchSize) {
    checkBatchSize(batchSize);
    if (model instanceof ConcurrentScoring c) {
      return inFlight(c, rule, items, document, batchSize);
    }
    return new Iterator<>() {
      private final List<Scored<T>> ready = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        if (next < ready.size()) {
          return true;
        }
        ready.clear();
        next = 0;
        if (!items.hasNext()) {
          return false;
        }
        fill();
        return true;
      }

      @Override
      public Scored<T> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.get(next++);
      }

      private void fill() {
        List<T> batch = new ArrayList<>(Math.min(batchSize, 4096));
        List<Document> docs = new ArrayList<>(Math.min(batchSize, 4096));
        List<Integer> rowOf = new ArrayList<>(Math.min(batchSize, 4096));
        while (batch.size() < batchSize && items.hasNext()) {
          T item = items.next();
          Optional<Document> d = document.apply(item);
          rowOf.add(d.isPresent() ? docs.size() : -1);
          d.ifPresent(docs::add);
          batch.add(item);
        }
        ScoreMatrix s = docs.isEmpty() ? null : model.predictProba(docs);
        for (int i = 0; i < batch.size(); i++) {
          int r = rowOf.get(i);
          ready.add(r < 0 ? new Scored<>(batch.get(i), Optional.empty(), null, -1)
              : new Scored<>(batch.get(i), Optional.of(rule.decide(s, r)), s, r));
        }
      }
    };
  }

  /**
   * A model that keeps calls in flight (an LLM): a window of 2 × its concurrency documents is
   * started ahead of the one handed out, across batch boundaries (batches only group the work done
   * per batch, such as embedding candidates); results still come in input order. A failure of the
   * stream (a cancellation) stops the pulling: what was started is handed out first.
   */
  private static <T> Iterator<Scored<T>> inFlight(ConcurrentScoring model, DecisionRule rule,
      Iterator<T> items, Function<T, Optional<Document>> document, int batchSize) {
    InFlightWindow<T, Optional<ScoreMatrix>> window = new InFlightWindow<>(items, batchSize,
        2 * Math.max(1, model.concurrency()), chunk -> {
          List<Document> docs = new ArrayList<>(chunk.size());
          List<Integer> rowOf = new ArrayList<>(chunk.size());
          for (T item : chunk) {
            Optional<Document> d = document.apply(item);
            rowOf.add(d.isPresent() ? docs.size() : -1);
            d.ifPresent(docs::add);
          }
          List<CompletableFuture<ScoreMatrix>> fs = docs.isEmpty() ? List.of()
              : model.submit(docs);
          List<CompletableFuture<Optional<ScoreMatrix>>> out = new ArrayList<>(chunk.size());
          for (int r : rowOf) {
            out.add(r < 0 ? CompletableFuture.completedFuture(Optional.empty())
                : fs.get(r).thenApply(Optional::of));
          }
          return out;
        });
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return window.hasNext();
      }

      @Override
      public Scored<T> next() {
        InFlightWindow.Done<T, Optional<ScoreMatrix>> d = window.next();
        Optional<ScoreMatrix> s = d.get();
        return s.isEmpty() ? new Scored<>(d.item(), Optional.empty(), null, -1)
            : new Scored<>(d.item(), Optional.of(rule.decide(s.get(), 0)), s.get(), 0);
      }
    };
  }

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
    long[] written = new long[1];
    long[] skipped = new long[1];
    // the documents still to do; asked for the next one only when a new batch is being filled,
    // i.e. after every prediction of the batch before has been written
    Iterator<Document> todo = new Iterator<>() {
      private Document ahead;

      @Override
      public boolean hasNext() {
        while (ahead == null && documents.hasNext()) {
          if (cancel.requested()) {
            throw new Cancellation.Cancelled("interrupted: " + written[0] + " predictions written"
                + (skipped[0] > 0 ? " (" + skipped[0] + " already there)" : "")
                + "; continue with --resume");
          }
          Document d = documents.next();
          if (out.isDone(d.id())) {
            skipped[0]++;
          } else {
            ahead = d;
          }
        }
        return ahead != null;
      }

      @Override
      public Document next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Document d = ahead;
        ahead = null;
        return d;
      }
    };
    for (Iterator<Scored<Document>> it = scored(model, rule, todo, Optional::of, batchSize);
        it.hasNext(); ) {
      Scored<Document> r = it.next();
      out.write(r.item().id(), r.prediction().orElseThrow(), r.scores(), r.row());
      written[0]++;
      progress.advance(1);
    }
    return new Summary(written[0], skipped[0]);
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
