package org.classify4j.llm.label;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.InFlightWindow;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.llm.classify.LlmResult;
import org.classify4j.llm.govern.Estimate;
import org.classify4j.llm.govern.PriceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labels unlabeled documents with a model, normally an {@link LlmClassifierModel} fitted by {@code
 * LlmClassifier} (zero-shot on label names and descriptions, or few-shot on a handful of
 * examples), and writes each document's label with its probability to a {@link LabelFile}.
 *
 * <p>Runs are resumable: documents whose id is already in the output are skipped, and the output
 * is flushed line by line. A budget ({@link org.classify4j.llm.govern.GovernedChatModel}) that runs
 * out stops the run cleanly: what was labeled stays written, and {@link RunSummary#stoppedByBudget()}
 * says so. Put a {@link org.classify4j.llm.cache.CachingChatModel} around the governed model to
 * make repeated runs free.
 */
public final class LlmLabeler {
  private static final Logger LOG = LoggerFactory.getLogger(LlmLabeler.class);

  private final ClassifierModel model;
  private final DecisionRule rule;
  private final int batchSize;

  /** Labels with {@code rule}, {@code batchSize} documents per call of the model. */
  public LlmLabeler(ClassifierModel model, DecisionRule rule, int batchSize) {
    this.model = Objects.requireNonNull(model, "model");
    this.rule = Objects.requireNonNull(rule, "rule");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /** With the model's default rule and batches of 4 × its parallelism. */
  public LlmLabeler(LlmClassifierModel model) {
    this(model, model.defaultRule(), 4 * model.concurrency());
  }

  /**
   * Labels with the model's default rule (argmax that abstains on empty rows for LLM models), in
   * batches of 4 × the parallelism of an LLM model (32 otherwise).
   */
  public static LlmLabeler of(ClassifierModel model) {
    return new LlmLabeler(model, model.defaultRule(),
        model instanceof LlmClassifierModel m ? 4 * m.concurrency() : 32);
  }

  public LlmLabeler withRule(DecisionRule r) {
    return new LlmLabeler(model, r, batchSize);
  }

  /** Documents sent to the model per call of predict (the model parallelizes within a batch). */
  public LlmLabeler withBatchSize(int n) {
    return new LlmLabeler(model, rule, n);
  }

  public ClassifierModel model() {
    return model;
  }

  public LabelSpace classes() {
    return model.classes();
  }

  /** Labels a batch of documents (no skipping, no output). */
  public List<LlmLabel> label(List<Document> documents) {
    if (documents.isEmpty()) {
      return List.of();
    }
    ScoreMatrix s;
    List<LlmResult> results = null;
    if (model instanceof LlmClassifierModel llm) {
      LlmClassifierModel.Detailed d = llm.predictDetailed(documents);
      s = d.scores();
      results = d.results();
    } else {
      s = model.predictProba(documents);
    }
    List<LlmLabel> out = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      out.add(toLabel(documents.get(i), s, i, rule.decide(s, i),
          results == null ? null : results.get(i)));
    }
    return out;
  }

  static LlmLabel toLabel(Document doc, ScoreMatrix s, int row, Prediction p, LlmResult r) {
    Map<String, Double> scores = new LinkedHashMap<>();
    double best = 0;
    for (int j = 0; j < s.cols(); j++) {
      double v = s.get(row, j);
      scores.put(s.classes().name(j), v);
      best = Math.max(best, v);
    }
    boolean abstained = p.abstained() || (r != null && r.abstained());
    double prob = abstained ? best : p.top().map(l -> (double) l.score()).orElse(best);
    String outcome = r != null ? r.outcome().name().toLowerCase(Locale.ROOT)
        : abstained ? "abstained" : "scored";
    double mass = r == null ? 1.0 : Math.min(1.0, Math.max(0.0, r.candidateMass()));
    return new LlmLabel(doc.id(), doc.text(), doc.metadata(),
        abstained ? List.of() : p.labelNames(), Math.min(1.0, Math.max(0.0, prob)), scores,
        abstained, outcome, mass, r == null ? "" : r.probabilities().wireName());
  }

  /** What a run did. */
  public record RunSummary(
      long seen,
      long skipped,
      long duplicates,
      long labeled,
      long abstained,
      boolean stoppedByBudget,
      double seconds) {}

  /**
   * Labels every document not yet in {@code out} (by id), writing each label in input order as
   * soon as it and those before it are done. With an {@link LlmClassifierModel}, the chat calls
   * are kept in flight across batch boundaries: a window of 2 × the model's concurrency documents
   * is started ahead of the one being written (batches only group the embedding of candidates and
   * examples); other models label batch by batch. Ids repeated in the input are labeled once.
   * Stops early, cleanly, when the chat model's budget is spent: the documents already started
   * that were answered (from the server or the cache) are written, the others are left for a
   * resumed run.
   */
  public RunSummary run(Iterator<Document> documents, LabelFile.Output out) {
    long t0 = System.nanoTime();
    Set<String> done = new HashSet<>(out.done());
    long[] counts = new long[3]; // seen, skipped, duplicates
    Iterator<Document> todo = new Iterator<>() {
      private Document ahead;

      @Override
      public boolean hasNext() {
        while (ahead == null && documents.hasNext()) {
          Document d = documents.next();
          counts[0]++;
          if (out.done().contains(d.id())) {
            counts[1]++;
          } else if (!done.add(d.id())) {
            counts[2]++;
          } else {
            ahead = d;
          }
        }
        return ahead != null;
      }

      @Override
      public Document next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        Document d = ahead;
        ahead = null;
        return d;
      }
    };
    InFlightWindow<Document, LlmLabel> window;
    if (model instanceof LlmClassifierModel llm) {
      window = new InFlightWindow<>(todo, batchSize, 2 * Math.max(1, llm.concurrency()),
          chunk -> {
            List<CompletableFuture<LlmClassifierModel.Detailed>> fs = llm.submitDetailed(chunk);
            List<CompletableFuture<LlmLabel>> ls = new ArrayList<>(fs.size());
            for (int i = 0; i < fs.size(); i++) {
              Document d = chunk.get(i);
              ls.add(fs.get(i).thenApply(det -> {
                ScoreMatrix s = det.scores();
                return toLabel(d, s, 0, rule.decide(s, 0), det.results().get(0));
              }));
            }
            return ls;
          });
    } else {
      window = new InFlightWindow<>(todo, batchSize, batchSize, chunk -> {
        List<CompletableFuture<LlmLabel>> ls = new ArrayList<>(chunk.size());
        try {
          for (LlmLabel l : label(chunk)) {
            ls.add(CompletableFuture.completedFuture(l));
          }
        } catch (ChatModelException.BudgetExceeded e) {
          // a model scored by the batch: what it can still answer (a cache), one by one
          for (Document d : chunk) {
            try {
              ls.add(CompletableFuture.completedFuture(label(List.of(d)).get(0)));
            } catch (RuntimeException again) {
              ls.add(CompletableFuture.failedFuture(again));
            }
          }
        } catch (RuntimeException e) {
          for (int i = 0; i < chunk.size(); i++) {
            ls.add(CompletableFuture.failedFuture(e));
          }
        }
        return ls;
      });
    }
    long labeled = 0;
    long abstained = 0;
    boolean budget = false;
    while (window.hasNext()) {
      InFlightWindow.Done<Document, LlmLabel> r = window.next();
      if (r.error().isPresent() && r.error().get() instanceof ChatModelException.BudgetExceeded) {
        if (!budget) {
          LOG.warn("the budget ran out; writing the answers already on their way, then stopping");
          budget = true;
          window.stop();
        }
        // not labeled: a resumed run with more budget will do it
        continue;
      }
      LlmLabel l = r.get();
      out.write(l);
      labeled++;
      if (l.abstained()) {
        abstained++;
      }
    }
    return new RunSummary(counts[0], counts[1], counts[2], labeled, abstained, budget,
        (System.nanoTime() - t0) / 1e9);
  }

  /** A dry run's estimate for the documents not yet labeled. */
  public record DryRun(long documents, long skipped, Estimate estimate) {}

  /**
   * What labeling the documents not in {@code done} would cost, without sending anything: the
   * requests are built as for a real run and priced with {@code prices}; those {@code cached}
   * answers are free. Needs an {@link LlmClassifierModel}.
   */
  public DryRun dryRun(Iterator<Document> documents, Set<String> done, PriceTable prices,
      Predicate<ChatRequest> cached) {
    if (!(model instanceof LlmClassifierModel llm)) {
      throw new IllegalStateException("a dry run needs an LLM classifier model");
    }
    long todo = 0;
    long skipped = 0;
    Set<String> seen = new HashSet<>();
    List<ChatRequest> requests = new ArrayList<>();
    List<Document> batch = new ArrayList<>();
    while (documents.hasNext()) {
      Document d = documents.next();
      if (done.contains(d.id()) || !seen.add(d.id())) {
        skipped++;
        continue;
      }
      todo++;
      batch.add(d);
      if (batch.size() >= batchSize) {
        requests.addAll(llm.requests(batch));
        batch.clear();
      }
    }
    requests.addAll(llm.requests(batch));
    return new DryRun(todo, skipped,
        Estimate.of(llm.chatModel().id(), requests, prices, cached));
  }

  // ------------------------------------------------------------ id-and-label lines (no text)

  /** What a run of {@link #run(Iterator, Set, Appendable)} did. */
  public record Report(long seen, long skipped, long labeled, long abstained, boolean stoppedByBudget) {}

  /**
   * Labels every document of {@code input} whose id is not in {@code done}, appending one line per
   * document to {@code out} without the text: {@code {"id", "label", "probability", "labels":
   * [{"label", "probability"}], "abstained", "candidate_mass", "outcome"}}. A spent budget stops
   * the run cleanly, losing the batch in flight ({@link Report#stoppedByBudget()}); other errors
   * propagate after the finished batches were written. {@link #run(Iterator, LabelFile.Output)}
   * writes label files that are also training files.
   */
  public Report run(Iterator<Document> input, Set<String> done, Appendable out) {
    long seen = 0;
    long skipped = 0;
    long labeled = 0;
    long abstained = 0;
    List<Document> batch = new ArrayList<>(batchSize);
    Set<String> inRun = new HashSet<>();
    while (true) {
      boolean more = input.hasNext();
      if (more) {
        Document d = input.next();
        seen++;
        if (done.contains(d.id()) || !inRun.add(d.id())) {
          skipped++;
          continue;
        }
        batch.add(d);
      }
      if (batch.size() >= batchSize || (!more && !batch.isEmpty())) {
        List<LlmLabel> labels;
        try {
          labels = label(batch);
        } catch (ChatModelException.BudgetExceeded e) {
          LOG.warn("budget spent after {} labeled documents; stopping (resume to continue)", labeled);
          return new Report(seen, skipped, labeled, abstained, true);
        }
        StringBuilder lines = new StringBuilder();
        for (LlmLabel l : labels) {
          abstained += l.abstained() ? 1 : 0;
          lines.append(idLine(l)).append('\n');
        }
        try {
          out.append(lines);
          if (out instanceof java.io.Flushable f) {
            f.flush();
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot write labels: " + e.getMessage(), e);
        }
        labeled += batch.size();
        batch.clear();
      }
      if (!more) {
        return new Report(seen, skipped, labeled, abstained, false);
      }
    }
  }

  private static String idLine(LlmLabel l) {
    com.fasterxml.jackson.databind.node.ObjectNode n =
        org.classify4j.Json.mapper().createObjectNode();
    n.put("id", l.id());
    boolean none = l.abstained() || l.labels().isEmpty();
    n.put("label", none ? "" : l.labels().get(0));
    n.put("probability", none ? 0.0 : (float) l.score(l.labels().get(0)));
    com.fasterxml.jackson.databind.node.ArrayNode ls = n.putArray("labels");
    if (!l.abstained()) {
      for (String name : l.labels()) {
        ls.addObject().put("label", name).put("probability", (float) l.score(name));
      }
    }
    n.put("abstained", l.abstained());
    n.put("candidate_mass", l.candidateMass());
    n.put("outcome", l.outcome());
    if (!l.scoring().isEmpty()) {
      n.put("scoring", l.scoring());
    }
    return n.toString();
  }

  /**
   * The ids in an earlier run's output (one JSON object per line); a truncated last line (a crash
   * mid-write) is ignored, so its document is labeled again.
   */
  public static Set<String> doneIds(java.io.Reader previousOutput) {
    Set<String> ids = new HashSet<>();
    try (java.io.BufferedReader r = new java.io.BufferedReader(previousOutput)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          com.fasterxml.jackson.databind.JsonNode n = org.classify4j.Json.mapper().readTree(line);
          if (n != null && n.hasNonNull("id")) {
            ids.add(n.get("id").asText());
          }
        } catch (java.io.IOException e) {
          LOG.debug("ignoring an unreadable line in the previous output");
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ids;
  }
}
