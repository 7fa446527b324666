package org.classify4j.spark;

import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.classify4j.persist.LoadedModel;

/**
 * The function Spark runs on each partition: the executor's shared model (loaded on first use)
 * and a {@link BatchScoringIterator} over the partition. Holds only {@link ScoringSettings}.
 */
final class ScorePartitions implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final ScoringSettings settings;

  ScorePartitions(ScoringSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    if (!rows.hasNext()) {
      return rows;
    }
    LoadedModel m = ExecutorModels.get(settings.modelDir(), onnxThreads(settings));
    return new BatchScoringIterator(rows, m.model(), settings.rule(m.decisionRule()),
        settings.textField(), settings.topScores(), settings.batchSize());
  }

  /** The configured threads, else the task's CPUs (spark.task.cpus), else 1. */
  static int onnxThreads(ScoringSettings s) {
    if (s.onnxThreads() > 0) {
      return s.onnxThreads();
    }
    TaskContext tc = TaskContext.get();
    return tc == null ? 1 : Math.max(1, tc.cpus());
  }
}
