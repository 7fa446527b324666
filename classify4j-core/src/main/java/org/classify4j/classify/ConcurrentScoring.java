package org.classify4j.classify;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.classify4j.data.Document;

/**
 * A model whose scoring waits on calls it keeps several of in flight (an LLM server): instead of
 * one blocking {@code predictProba} per batch, each document is started on its own, so a caller
 * can keep the calls in flight across batch boundaries ({@link InFlightWindow}) rather than wait
 * for the slowest document of every batch.
 */
public interface ConcurrentScoring {

  /** Calls the model keeps in flight at once. */
  int concurrency();

  /**
   * Starts scoring {@code documents}: one future per document, in order, each completing with
   * that document's one-row score matrix (or failing on its own, e.g. when a budget is spent).
   */
  List<CompletableFuture<ScoreMatrix>> submit(List<Document> documents);
}
