package org.classify4j.llm.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.classify4j.Classify4jException;
import org.classify4j.Json;
import org.classify4j.llm.govern.PriceTable;
import org.classify4j.llm.govern.UsageReport;

/**
 * What labeling with an LLM cost, summed over the (resumed) runs that wrote one label file; kept
 * beside it as {@code FILE.usage.json} so that {@code distill} can compare the LLM's cost and
 * speed with the distilled model's.
 *
 * @param chatModel the chat model's id
 * @param documents documents labeled (answers from the cache included)
 * @param cacheHits answers served from the response cache
 * @param calls chat calls that succeeded (one per document not in the cache)
 * @param requests HTTP requests sent (retries included)
 * @param promptTokens prompt tokens as the server counted them
 * @param completionTokens completion tokens as the server counted them
 * @param cost cost by the price table (0 when unpriced)
 * @param price the price used, when there was one
 * @param seconds wall-clock seconds spent labeling (cache hits included)
 * @param runs how many runs added to this file
 * @param oneHotDocuments documents scored one-hot because the server gave no log-probabilities
 *     (their probabilities are not confidences)
 * @param sequenceDocuments documents scored from exact label-sequence log-probabilities ({@code
 *     scoring=sequence}); the rest of the scored documents used the first answer token's
 */
public record LabelUsage(
    String chatModel,
    long documents,
    long cacheHits,
    long calls,
    long requests,
    long promptTokens,
    long completionTokens,
    double cost,
    Optional<PriceTable.Price> price,
    double seconds,
    long runs,
    long oneHotDocuments,
    long sequenceDocuments) {

  /** A usage without sequence-scored documents. */
  public LabelUsage(String chatModel, long documents, long cacheHits, long calls, long requests,
      long promptTokens, long completionTokens, double cost, Optional<PriceTable.Price> price,
      double seconds, long runs, long oneHotDocuments) {
    this(chatModel, documents, cacheHits, calls, requests, promptTokens, completionTokens, cost,
        price, seconds, runs, oneHotDocuments, 0);
  }

  /** A usage without one-hot documents. */
  public LabelUsage(String chatModel, long documents, long cacheHits, long calls, long requests,
      long promptTokens, long completionTokens, double cost, Optional<PriceTable.Price> price,
      double seconds, long runs) {
    this(chatModel, documents, cacheHits, calls, requests, promptTokens, completionTokens, cost,
        price, seconds, runs, 0);
  }

  /** This usage with {@code n} documents scored one-hot. */
  public LabelUsage withOneHotDocuments(long n) {
    return new LabelUsage(chatModel, documents, cacheHits, calls, requests, promptTokens,
        completionTokens, cost, price, seconds, runs, n, sequenceDocuments);
  }

  /** This usage with {@code n} documents scored from exact label sequences. */
  public LabelUsage withSequenceDocuments(long n) {
    return new LabelUsage(chatModel, documents, cacheHits, calls, requests, promptTokens,
        completionTokens, cost, price, seconds, runs, oneHotDocuments, n);
  }

  public LabelUsage {
    Objects.requireNonNull(chatModel, "chatModel");
    Objects.requireNonNull(price, "price");
    if (documents < 0 || cacheHits < 0 || calls < 0 || requests < 0 || promptTokens < 0
        || completionTokens < 0 || cost < 0 || seconds < 0 || runs < 0 || oneHotDocuments < 0
        || sequenceDocuments < 0) {
      throw new IllegalArgumentException("usage counts must be ≥ 0");
    }
  }

  /** Nothing spent yet. */
  public static LabelUsage none(String chatModel) {
    return new LabelUsage(chatModel, 0, 0, 0, 0, 0, 0, 0, Optional.empty(), 0, 0);
  }

  /** One run's usage from a governed model's report. */
  public static LabelUsage of(String chatModel, long documents, UsageReport report,
      Optional<PriceTable.Price> price, double seconds) {
    return new LabelUsage(chatModel, documents, report.cacheHits(), report.succeeded(),
        report.requests(), report.promptTokens(), report.completionTokens(), report.cost(), price,
        seconds, 1);
  }

  /** This usage followed by another run's (the later price wins when both have one). */
  public LabelUsage plus(LabelUsage o) {
    return new LabelUsage(o.chatModel.isEmpty() ? chatModel : o.chatModel,
        documents + o.documents, cacheHits + o.cacheHits, calls + o.calls,
        requests + o.requests, promptTokens + o.promptTokens,
        completionTokens + o.completionTokens, cost + o.cost, o.price.or(() -> price),
        seconds + o.seconds, runs + o.runs, oneHotDocuments + o.oneHotDocuments,
        sequenceDocuments + o.sequenceDocuments);
  }

  /** Prompt + completion tokens. */
  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  /** Mean tokens per call, times 1,000 (empty when no call was made). */
  public Optional<Double> tokensPer1000Documents() {
    return calls == 0 ? Optional.empty() : Optional.of(1000.0 * totalTokens() / calls);
  }

  /**
   * Cost of labeling 1,000 documents without a cache: the price applied to the mean tokens per
   * call (empty without a price or without calls).
   */
  public Optional<Double> costPer1000Documents() {
    if (calls == 0 || price.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(1000.0 * price.get().cost(promptTokens, completionTokens) / calls);
  }

  /** Documents labeled per second of wall-clock time (empty when no time was measured). */
  public Optional<Double> documentsPerSecond() {
    return seconds <= 0 ? Optional.empty() : Optional.of(documents / seconds);
  }

  /** The usage file kept beside a label file. */
  public static Path sidecar(Path labelFile) {
    return labelFile.resolveSibling(labelFile.getFileName() + ".usage.json");
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("chat_model", chatModel);
    o.put("documents", documents);
    o.put("cache_hits", cacheHits);
    o.put("calls", calls);
    o.put("requests", requests);
    o.put("prompt_tokens", promptTokens);
    o.put("completion_tokens", completionTokens);
    o.put("cost", cost);
    price.ifPresent(p -> o.putObject("price_per_million_tokens")
        .put("input", p.inputPerMillion()).put("output", p.outputPerMillion()));
    o.put("seconds", seconds);
    o.put("runs", runs);
    o.put("one_hot_documents", oneHotDocuments);
    if (sequenceDocuments > 0) {
      o.put("sequence_documents", sequenceDocuments);
    }
    o.put("scoring", oneHotDocuments == 0 && sequenceDocuments == 0 ? "logprobs"
        : oneHotDocuments >= documents ? "one-hot"
        : sequenceDocuments >= documents ? "sequence" : "mixed");
    tokensPer1000Documents().ifPresent(v -> o.put("tokens_per_1000_documents", v));
    costPer1000Documents().ifPresent(v -> o.put("cost_per_1000_documents", v));
    documentsPerSecond().ifPresent(v -> o.put("documents_per_second", v));
    return o;
  }

  public static LabelUsage fromJson(JsonNode n) {
    Optional<PriceTable.Price> price = Optional.empty();
    JsonNode p = n.get("price_per_million_tokens");
    if (p != null && p.isObject()) {
      price = Optional.of(new PriceTable.Price(p.path("input").asDouble(),
          p.path("output").asDouble()));
    }
    return new LabelUsage(n.path("chat_model").asText(""), n.path("documents").asLong(),
        n.path("cache_hits").asLong(), n.path("calls").asLong(), n.path("requests").asLong(),
        n.path("prompt_tokens").asLong(), n.path("completion_tokens").asLong(),
        n.path("cost").asDouble(), price, n.path("seconds").asDouble(), n.path("runs").asLong(),
        n.path("one_hot_documents").asLong(0), n.path("sequence_documents").asLong(0));
  }

  /**
   * The field of a snapshot written while a run was going: how many lines of the run's {@link
   * UsageJournal} the snapshot counts. Absent once the run ended and its usage was written whole.
   */
  public static final String JOURNAL_REQUESTS = "journal_requests";

  /**
   * Reads a usage file; empty when there is none. A snapshot of a run that is still going or was
   * killed also counts the requests its {@link UsageJournal} recorded after the snapshot.
   */
  public static Optional<LabelUsage> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.mapper().readTree(file.toFile());
      LabelUsage u = fromJson(n);
      if (n.has(JOURNAL_REQUESTS)) {
        Path journal = file.resolveSibling(file.getFileName().toString()
            .replaceFirst("\\.usage\\.json$", "") + ".usage.journal");
        long extra = UsageJournal.count(journal) - n.path(JOURNAL_REQUESTS).asLong();
        if (extra > 0) {
          u = u.withRequests(u.requests + extra);
        }
      }
      return Optional.of(u);
    } catch (IOException e) {
      throw new Classify4jException(file + ": not a usage file: " + e.getMessage(), e);
    }
  }

  /** This usage with {@code requests} requests. */
  public LabelUsage withRequests(long requests) {
    return new LabelUsage(chatModel, documents, cacheHits, calls, requests, promptTokens,
        completionTokens, cost, price, seconds, runs, oneHotDocuments, sequenceDocuments);
  }

  /**
   * Writes (replaces) a snapshot of a run that is going, atomically, saying that it counts the
   * first {@code journalRequests} lines of the run's {@link UsageJournal}.
   */
  public void writeSnapshot(Path file, long journalRequests) {
    ObjectNode o = toJson();
    o.put(JOURNAL_REQUESTS, journalRequests);
    org.classify4j.persist.AtomicFiles.writeAtomically(file, tmp ->
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), o));
  }

  /** Writes (replaces) a usage file, atomically. */
  public void write(Path file) {
    org.classify4j.persist.AtomicFiles.writeAtomically(file, tmp ->
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), toJson()));
  }

}
