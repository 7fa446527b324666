package org.classify4j.spark;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.classify4j.app.PredictService;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A partition's rows through the application layer's bounded-batch scoring ({@link
 * PredictService#scored}): at most {@code batchSize} rows are pulled, scored in one {@link
 * ClassifierModel#predictProba} call and handed out before the next batch is pulled, so memory
 * does not grow with the partition and Spark's pipelining (a writer downstream) keeps going.
 *
 * <p>Each output row is the input row followed by the labels ({@code String[]}), the scores
 * ({@code Map<String, Float>}, best first, the top {@code topScores} or every label) and whether
 * the rule abstained. A null, empty or blank text is not sent to the model (a model's scores for
 * no text are noise: {@code classify4j predict} refuses such a text): it gets no labels, no scores
 * and abstained = true.
 */
final class BatchScoringIterator implements Iterator<Row> {
  private static final String[] NO_LABELS = new String[0];

  private final Iterator<PredictService.Scored<Row>> scored;
  private final int topScores;

  BatchScoringIterator(Iterator<Row> source, ClassifierModel model, DecisionRule rule,
      int textField, int topScores, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be ≥ 1, got " + batchSize);
    }
    int[] n = new int[1];
    this.scored = PredictService.scored(model, rule, source,
        r -> r.isNullAt(textField) || r.getString(textField).isBlank() ? Optional.empty()
            : Optional.of(Document.of(Integer.toString(n[0]++), r.getString(textField))),
        batchSize);
    this.topScores = topScores;
  }

  @Override
  public boolean hasNext() {
    return scored.hasNext();
  }

  @Override
  public Row next() {
    PredictService.Scored<Row> r = scored.next();
    if (r.prediction().isEmpty()) {
      return append(r.item(), NO_LABELS, new LinkedHashMap<>(), true);
    }
    Prediction p = r.prediction().get();
    ScoreMatrix s = r.scores();
    int row = r.row();
    int[] cols = topScores == 0 ? s.rankedColumns(row) : s.topColumns(row, topScores);
    Map<String, Float> scores = new LinkedHashMap<>(cols.length * 2);
    for (int c : cols) {
      scores.put(s.classes().name(c), s.get(row, c));
    }
    return append(r.item(), p.labelNames().toArray(NO_LABELS), scores, p.abstained());
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
