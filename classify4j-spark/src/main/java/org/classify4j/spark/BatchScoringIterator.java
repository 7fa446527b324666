package org.classify4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;

/**
 * Scores a partition in bounded batches: it pulls at most {@code batchSize} rows from its source,
 * scores them in one {@link ClassifierModel#predictProba} call, hands them out, and only then pulls
 * the next batch, so memory does not grow with the partition and Spark's pipelining (a writer
 * downstream) keeps going.
 *
 * <p>Each output row is the input row followed by the labels ({@code String[]}), the scores
 * ({@code Map<String, Float>}, best first, the top {@code topScores} or every label) and whether
 * the rule abstained. A null text is not sent to the model: it gets no labels, no scores and
 * abstained = true.
 */
final class BatchScoringIterator implements Iterator<Row> {
  private static final String[] NO_LABELS = new String[0];

  private final Iterator<Row> source;
  private final ClassifierModel model;
  private final DecisionRule rule;
  private final int textField;
  private final int topScores;
  private final int batchSize;
  private final List<Row> ready;
  private int next;

  BatchScoringIterator(Iterator<Row> source, ClassifierModel model, DecisionRule rule,
      int textField, int topScores, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be ≥ 1, got " + batchSize);
    }
    this.source = source;
    this.model = model;
    this.rule = rule;
    this.textField = textField;
    this.topScores = topScores;
    this.batchSize = batchSize;
    this.ready = new ArrayList<>(batchSize);
  }

  @Override
  public boolean hasNext() {
    if (next < ready.size()) {
      return true;
    }
    ready.clear();
    next = 0;
    if (!source.hasNext()) {
      return false;
    }
    scoreNextBatch();
    return true;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.get(next++);
  }

  private void scoreNextBatch() {
    List<Row> rows = new ArrayList<>(batchSize);
    List<Document> docs = new ArrayList<>(batchSize);
    int[] docOfRow = new int[batchSize];
    while (rows.size() < batchSize && source.hasNext()) {
      Row r = source.next();
      if (r.isNullAt(textField)) {
        docOfRow[rows.size()] = -1;
      } else {
        docOfRow[rows.size()] = docs.size();
        docs.add(Document.of(Integer.toString(docs.size()), r.getString(textField)));
      }
      rows.add(r);
    }
    ScoreMatrix scores = docs.isEmpty() ? null : model.predictProba(docs);
    for (int i = 0; i < rows.size(); i++) {
      int d = docOfRow[i];
      ready.add(d < 0 ? append(rows.get(i), NO_LABELS, new LinkedHashMap<>(), true)
          : scored(rows.get(i), scores, d));
    }
  }

  private Row scored(Row in, ScoreMatrix s, int row) {
    Prediction p = rule.decide(s, row);
    String[] labels = p.labelNames().toArray(NO_LABELS);
    int[] cols = topScores == 0 ? s.rankedColumns(row) : s.topColumns(row, topScores);
    Map<String, Float> scores = new LinkedHashMap<>(cols.length * 2);
    for (int c : cols) {
      scores.put(s.classes().name(c), s.get(row, c));
    }
    return append(in, labels, scores, p.abstained());
  }

  private static Row append(Row in, String[] labels, Map<String, Float> scores, boolean abstained) {
    int n = in.length();
    Object[] values = new Object[n + 3];
    for (int i = 0; i < n; i++) {
      values[i] = in.get(i);
    }
    values[n] = labels;
    values[n + 1] = CollectionConverters.asScala(scores); // Spark's Row wants a Scala map
    values[n + 2] = abstained;
    return RowFactory.create(values);
  }
}
