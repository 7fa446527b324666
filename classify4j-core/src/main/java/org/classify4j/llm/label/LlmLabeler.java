package org.classify4j.llm.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Flushable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.classify4j.Json;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoredLabel;
import org.classify4j.data.Document;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.llm.classify.LlmResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labels an unlabeled stream with an {@link LlmClassifierModel} ("LLM as labeler"), resumably:
 * documents are classified in batches and each batch's lines are written and flushed at once, so
 * a crash or a spent budget loses at most the batch in flight; a later run given the ids already
 * written ({@link #doneIds(Reader)}) skips them. With a response cache under the model, even the
 * lost batch costs nothing the second time.
 *
 * <p>One JSON line per document: {@code {"id", "label", "probability", "labels": [{"label",
 * "probability"}], "abstained", "candidate_mass", "outcome"}}; {@code label}/{@code probability}
 * are the best decided label ("" and 0 when none), {@code labels} every label the decision rule
 * chose. Document text is not written or logged.
 */
public final class LlmLabeler {
  private static final Logger LOG = LoggerFactory.getLogger(LlmLabeler.class);

  private final LlmClassifierModel model;
  private final DecisionRule rule;
  private final int batchSize;

  /** What a run did. */
  public record Report(long seen, long skipped, long labeled, long abstained, boolean stoppedByBudget) {}

  public LlmLabeler(LlmClassifierModel model, DecisionRule rule, int batchSize) {
    this.model = Objects.requireNonNull(model, "model");
    this.rule = Objects.requireNonNull(rule, "rule");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be ≥ 1");
    }
    this.batchSize = batchSize;
  }

  /** With the model's default rule and batches of 4 × its parallelism. */
  public LlmLabeler(LlmClassifierModel model) {
    this(model, model.defaultRule(), 4 * model.settings().parallelism());
  }

  /**
   * Labels every document of {@code input} whose id is not in {@code done}, appending one line per
   * document to {@code out}. A spent budget stops the run cleanly ({@link Report#stoppedByBudget()});
   * other errors propagate after the finished batches were written.
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
        LlmClassifierModel.Detailed det;
        try {
          det = model.predictDetailed(batch);
        } catch (ChatModelException.BudgetExceeded e) {
          LOG.warn("budget spent after {} labeled documents; stopping (resume to continue)", labeled);
          return new Report(seen, skipped, labeled, abstained, true);
        }
        List<Prediction> preds = rule.decideAll(det.scores());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
          Prediction p = preds.get(i);
          LlmResult r = det.results().get(i);
          boolean abst = p.abstained() || r.abstained();
          abstained += abst ? 1 : 0;
          lines.append(line(batch.get(i).id(), p, r, abst)).append('\n');
        }
        write(out, lines);
        labeled += batch.size();
        batch.clear();
      }
      if (!more) {
        return new Report(seen, skipped, labeled, abstained, false);
      }
    }
  }

  private static String line(String id, Prediction p, LlmResult r, boolean abstained) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("id", id);
    ScoredLabel top = abstained || p.labels().isEmpty() ? null : p.labels().get(0);
    n.put("label", top == null ? "" : top.label());
    n.put("probability", top == null ? 0.0 : top.score());
    ArrayNode ls = n.putArray("labels");
    if (!abstained) {
      for (ScoredLabel l : p.labels()) {
        ls.addObject().put("label", l.label()).put("probability", l.score());
      }
    }
    n.put("abstained", abstained);
    n.put("candidate_mass", r.candidateMass());
    n.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
    return n.toString();
  }

  private static void write(Appendable out, CharSequence s) {
    try {
      out.append(s);
      if (out instanceof Flushable f) {
        f.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write labels: " + e.getMessage(), e);
    }
  }

  /**
   * The ids in an earlier run's output (one JSON object per line); a truncated last line (a crash
   * mid-write) is ignored, so its document is labeled again.
   */
  public static Set<String> doneIds(Reader previousOutput) {
    Set<String> ids = new HashSet<>();
    try (BufferedReader r = new BufferedReader(previousOutput)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode n = Json.mapper().readTree(line);
          if (n != null && n.hasNonNull("id")) {
            ids.add(n.get("id").asText());
          }
        } catch (IOException e) {
          LOG.debug("ignoring an unreadable line in the previous output");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }
}
