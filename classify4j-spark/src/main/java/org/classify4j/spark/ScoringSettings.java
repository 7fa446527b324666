package org.classify4j.spark;

import java.io.Serializable;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.classify4j.classify.DecisionRule;

/**
 * What an executor needs to score a partition: the model's location and the transformer's
 * settings, nothing else. This is the only state of {@link TextClassifier} that Spark ships to
 * executors inside its task closures (Spark's own Java serialization; the model itself is never
 * serialized: each executor JVM loads it once, see {@link ExecutorModels}).
 *
 * @param modelDir where the model directory is: a local or shared path, a Hadoop URI
 *     ({@code hdfs://…}, {@code s3a://…}), or the name of a file or archive shipped with {@code
 *     --files}/{@code --archives}/{@code SparkContext.addFile} (see {@link ModelLocation})
 * @param textField position of the text column in the input rows
 * @param threshold the decision threshold in [0,1], or NaN for none
 * @param limit at most this many labels, or 0 for none
 * @param topScores scores kept per row, best first (0: every label)
 * @param batchSize rows scored per model call
 * @param onnxThreads parallel ONNX Runtime calls of the executor's shared embedder (0: the task's
 *     {@code spark.task.cpus})
 */
public record ScoringSettings(
    String modelDir, int textField, double threshold, int limit, int topScores, int batchSize,
    int onnxThreads) implements Serializable {
  private static final long serialVersionUID = 1L;

  public ScoringSettings {
    Objects.requireNonNull(modelDir, "modelDir");
    if (modelDir.isBlank()) {
      throw new IllegalArgumentException("modelDir is empty");
    }
    if (textField < 0) {
      throw new IllegalArgumentException("textField must be ≥ 0, got " + textField);
    }
    if (!Double.isNaN(threshold) && !(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0,1], got " + threshold);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be ≥ 1 (or 0 for none), got " + limit);
    }
    if (topScores < 0) {
      throw new IllegalArgumentException("topScores must be ≥ 0, got " + topScores);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be ≥ 1, got " + batchSize);
    }
    if (onnxThreads < 0) {
      throw new IllegalArgumentException("onnxThreads must be ≥ 0, got " + onnxThreads);
    }
  }

  public OptionalDouble thresholdValue() {
    return Double.isNaN(threshold) ? OptionalDouble.empty() : OptionalDouble.of(threshold);
  }

  public OptionalInt limitValue() {
    return limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  /**
   * The rule to apply: a limit (with the threshold, else 0) when one is set, else the threshold
   * when set, else the rule saved with the model. The same precedence as the CLI's flags.
   */
  public DecisionRule rule(DecisionRule saved) {
    if (limit > 0) {
      return DecisionRule.limit(limit, Double.isNaN(threshold) ? 0.0 : threshold);
    }
    if (!Double.isNaN(threshold)) {
      return DecisionRule.threshold(threshold);
    }
    return saved;
  }
}
