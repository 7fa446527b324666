package org.classify4j.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link Transformer} that classifies a text column with a saved classify4j model
 * directory, adding three columns: the decided labels ({@code array<string>}, best first), the
 * scores ({@code map<string,float>}: every label, or the best {@code topScores}) and whether the
 * decision rule abstained ({@code boolean}).
 *
 * <pre>{@code
 * TextClassifier clf = new TextClassifier()
 *     .setModelDir("hdfs:///models/tickets")   // or a shared path, or a name shipped with --archives
 *     .setInputCol("text")
 *     .setThreshold(0.4).setLimit(3);          // else the rule saved with the model
 * Dataset<Row> out = clf.transform(df);        // + labels, scores, abstained
 * }</pre>
 *
 * <p>Every executor JVM loads the model once (shared by its tasks) and scores each partition in
 * batches of {@code batchSize} rows. Only the parameters travel to the executors. Writable and
 * readable with Spark ML's default params format, alone or inside a saved {@code PipelineModel};
 * the model directory is referenced by its location, not copied into the pipeline.
 */
public final class TextClassifier extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> modelDir;
  private final Param<String> inputCol;
  private final Param<String> labelsCol;
  private final Param<String> scoresCol;
  private final Param<String> abstainedCol;
  private final DoubleParam threshold;
  private final IntParam limit;
  private final IntParam topScores;
  private final IntParam batchSize;
  private final IntParam onnxThreads;

  public TextClassifier() {
    this(Identifiable$.MODULE$.randomUID("classify4j"));
  }

  /** Spark's readers create stages by uid through this constructor. */
  public TextClassifier(String uid) {
    this.uid = uid;
    modelDir = new Param<>(this, "modelDir",
        "the classify4j model directory: a path every executor can read, a Hadoop URI"
            + " (hdfs://, s3a://), or the name of a file or archive shipped with the job");
    inputCol = new Param<>(this, "inputCol", "the text column");
    labelsCol = new Param<>(this, "labelsCol", "output column: decided labels, array<string>");
    scoresCol = new Param<>(this, "scoresCol", "output column: scores, map<string,float>");
    abstainedCol = new Param<>(this, "abstainedCol",
        "output column: whether the decision rule abstained, boolean");
    threshold = new DoubleParam(this, "threshold",
        "choose labels scoring at least this, in [0,1] (unset: the rule saved with the model)",
        ParamValidators.inRange(0, 1));
    limit = new IntParam(this, "limit",
        "choose at most this many labels, each scoring at least threshold (or 0 when unset)",
        ParamValidators.gtEq(1));
    topScores = new IntParam(this, "topScores",
        "scores kept per row, best first (0: every label)", ParamValidators.gtEq(0));
    batchSize = new IntParam(this, "batchSize",
        "rows scored per model call; bounds the memory of a task", ParamValidators.gtEq(1));
    onnxThreads = new IntParam(this, "onnxThreads",
        "parallel ONNX Runtime calls of an executor's shared embedder (0: spark.task.cpus, so"
            + " that tasks x threads <= executor cores)", ParamValidators.gtEq(0));
    setDefault(inputCol, "text");
    setDefault(labelsCol, "labels");
    setDefault(scoresCol, "scores");
    setDefault(abstainedCol, "abstained");
    setDefault(topScores, (Object) 0);
    setDefault(batchSize, (Object) 64);
    setDefault(onnxThreads, (Object) 0);
  }

  /** Spark ML's reader: {@code TextClassifier.load(path)}, and {@code PipelineModel.load}. */
  public static MLReader<TextClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static TextClassifier load(String path) {
    return read().load(path);
  }

  @Override
  public String uid() {
    return uid;
  }

  // --- params (public no-argument methods returning Param: Spark finds them by reflection) ---

  public Param<String> modelDir() {
    return modelDir;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> labelsCol() {
    return labelsCol;
  }

  public Param<String> scoresCol() {
    return scoresCol;
  }

  public Param<String> abstainedCol() {
    return abstainedCol;
  }

  public DoubleParam threshold() {
    return threshold;
  }

  public IntParam limit() {
    return limit;
  }

  public IntParam topScores() {
    return topScores;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public IntParam onnxThreads() {
    return onnxThreads;
  }

  // --- setters and getters ---

  public TextClassifier setModelDir(String value) {
    set(modelDir, value);
    return this;
  }

  public String getModelDir() {
    return getOrDefault(modelDir);
  }

  public TextClassifier setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public String getInputCol() {
    return getOrDefault(inputCol);
  }

  public TextClassifier setLabelsCol(String value) {
    set(labelsCol, value);
    return this;
  }

  public String getLabelsCol() {
    return getOrDefault(labelsCol);
  }

  public TextClassifier setScoresCol(String value) {
    set(scoresCol, value);
    return this;
  }

  public String getScoresCol() {
    return getOrDefault(scoresCol);
  }

  public TextClassifier setAbstainedCol(String value) {
    set(abstainedCol, value);
    return this;
  }

  public String getAbstainedCol() {
    return getOrDefault(abstainedCol);
  }

  public TextClassifier setThreshold(double value) {
    set(threshold, (Object) value);
    return this;
  }

  /** The threshold, or NaN when unset (the saved rule decides). */
  public double getThreshold() {
    return isDefined(threshold) ? (Double) getOrDefault(threshold) : Double.NaN;
  }

  public TextClassifier setLimit(int value) {
    set(limit, (Object) value);
    return this;
  }

  /** The limit, or 0 when unset. */
  public int getLimit() {
    return isDefined(limit) ? (Integer) getOrDefault(limit) : 0;
  }

  public TextClassifier setTopScores(int value) {
    set(topScores, (Object) value);
    return this;
  }

  public int getTopScores() {
    return (Integer) getOrDefault(topScores);
  }

  public TextClassifier setBatchSize(int value) {
    set(batchSize, (Object) value);
    return this;
  }

  public int getBatchSize() {
    return (Integer) getOrDefault(batchSize);
  }

  public TextClassifier setOnnxThreads(int value) {
    set(onnxThreads, (Object) value);
    return this;
  }

  public int getOnnxThreads() {
    return (Integer) getOrDefault(onnxThreads);
  }

  // --- Transformer ---

  @Override
  public StructType transformSchema(StructType schema) {
    if (!isDefined(modelDir)) {
      throw new IllegalArgumentException("TextClassifier: set modelDir (the model directory)");
    }
    String in = getInputCol();
    List<String> names = Arrays.asList(schema.fieldNames());
    if (!names.contains(in)) {
      throw new IllegalArgumentException("TextClassifier: input column '" + in
          + "' is not in the data; columns: " + names);
    }
    if (!DataTypes.StringType.equals(schema.apply(in).dataType())) {
      throw new IllegalArgumentException("TextClassifier: input column '" + in
          + "' must be a string, found " + schema.apply(in).dataType().simpleString());
    }
    for (String out : List.of(getLabelsCol(), getScoresCol(), getAbstainedCol())) {
      if (names.contains(out)) {
        throw new IllegalArgumentException("TextClassifier: output column '" + out
            + "' already exists; choose another name");
      }
    }
    return schema
        .add(new StructField(getLabelsCol(),
            DataTypes.createArrayType(DataTypes.StringType, false), false,
            org.apache.spark.sql.types.Metadata.empty()))
        .add(new StructField(getScoresCol(),
            DataTypes.createMapType(DataTypes.StringType, DataTypes.FloatType, false), false,
            org.apache.spark.sql.types.Metadata.empty()))
        .add(new StructField(getAbstainedCol(), DataTypes.BooleanType, false,
            org.apache.spark.sql.types.Metadata.empty()));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema(), true);
    return dataset.toDF().mapPartitions(new ScorePartitions(settings(dataset.schema())),
        Encoders.row(out));
  }

  /** What the executors get: the parameters, resolved against the input schema. */
  ScoringSettings settings(StructType schema) {
    return new ScoringSettings(getModelDir(), schema.fieldIndex(getInputCol()), getThreshold(),
        getLimit(), getTopScores(), getBatchSize(), getOnnxThreads());
  }

  @Override
  public TextClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
