package org.classify4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.to_json;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.classify4j.spark.JobOptions.FileFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch job: {@code spark-submit --class org.classify4j.spark.ClassifyJob
 * classify4j-spark-job.jar --model DIR --input PATH --output PATH}, or without a Spark
 * installation {@code java -jar classify4j-spark-local.jar --master local[2] …}. Reads JSON lines,
 * CSV/TSV or Parquet, scores the text column with a {@link TextClassifier}, and writes {@code id},
 * {@code labels}, {@code scores} and {@code abstained} through Spark's file commit protocol (a
 * retried task's output replaces the failed attempt's; nothing is written twice).
 */
public final class ClassifyJob {
  private static final Logger LOG = LoggerFactory.getLogger(ClassifyJob.class);

  private ClassifyJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the job from a command line; the exit code (0 done, 1 failed, 2 usage error). */
  static int run(String[] args) {
    Optional<JobOptions> parsed;
    try {
      parsed = JobOptions.parse(args);
    } catch (JobOptions.UsageException e) {
      System.err.println("classify4j-spark: " + e.getMessage());
      System.err.println("Try --help.");
      return 2;
    }
    if (parsed.isEmpty()) {
      System.out.println(JobOptions.USAGE);
      return 0;
    }
    JobOptions o = parsed.get();
    // read by Netty when its classes load: before the session starts (java -jar has no flag)
    System.setProperty("io.netty.tryReflectionSetAccessible", "true");
    SparkSession spark = session(o);
    try {
      long started = System.nanoTime();
      run(spark, o);
      System.err.printf("classify4j-spark: wrote %s in %.1f s%n", o.output(),
          (System.nanoTime() - started) / 1e9);
      return 0;
    } catch (RuntimeException e) {
      LOG.debug("job failed", e);
      System.err.println("classify4j-spark: error: " + rootMessage(e));
      return 1;
    } finally {
      spark.stop();
    }
  }

  static SparkSession session(JobOptions o) {
    SparkSession.Builder b = SparkSession.builder().appName("classify4j");
    o.master().ifPresent(m -> {
      b.master(m);
      if (m.startsWith("local")) {
        // a local run talks to itself only
        b.config("spark.driver.host", "127.0.0.1");
        b.config("spark.driver.bindAddress", "127.0.0.1");
        b.config("spark.ui.enabled", "false");
      }
    });
    for (Map.Entry<String, String> e : o.conf().entrySet()) {
      b.config(e.getKey(), e.getValue());
    }
    return b.getOrCreate();
  }

  /** Reads, classifies and writes; the caller owns the session. */
  public static void run(SparkSession spark, JobOptions o) {
    Dataset<Row> in = read(spark, o.inputFormat(), o.input());
    int want = o.partitions() > 0 ? o.partitions()
        : spark.sparkContext().defaultParallelism();
    if (in.rdd().getNumPartitions() < want) {
      in = in.repartition(want);
    }
    write(classify(in, o), o.outputFormat(), o.output(), o.overwrite());
  }

  /** The input with {@code id} (string), labels, scores and abstained, and nothing else. */
  static Dataset<Row> classify(Dataset<Row> in, JobOptions o) {
    if (!Arrays.asList(in.columns()).contains(o.textColumn())) {
      throw new IllegalArgumentException("the input has no column '" + o.textColumn()
          + "' (columns: " + String.join(", ", in.columns()) + "); give --text-column");
    }
    Column id = Arrays.asList(in.columns()).contains(o.idColumn())
        ? col(o.idColumn()).cast("string")
        : concat(lit("row-"), monotonically_increasing_id().cast("string"));
    Dataset<Row> docs = in.select(id.as("id"), col(o.textColumn()).cast("string").as("text"));
    TextClassifier clf = new TextClassifier().setModelDir(o.model()).setInputCol("text")
        .setTopScores(o.top()).setBatchSize(o.batchSize()).setOnnxThreads(o.onnxThreads());
    if (!Double.isNaN(o.threshold())) {
      clf.setThreshold(o.threshold());
    }
    if (o.limit() > 0) {
      clf.setLimit(o.limit());
    }
    return clf.transform(docs).select("id", "labels", "scores", "abstained");
  }

  static Dataset<Row> read(SparkSession spark, FileFormat format, String path) {
    DataFrameReader r = spark.read();
    return switch (format) {
      case JSONL -> r.json(path);
      case CSV -> r.option("header", "true").option("multiLine", "true").option("escape", "\"")
          .csv(path);
      case TSV -> r.option("header", "true").option("sep", "\t").csv(path);
      case PARQUET -> r.parquet(path);
    };
  }

  /**
   * Writes through Spark's commit protocol. CSV and TSV cannot hold arrays and maps: labels are
   * joined with {@code |} and the scores written as a JSON object.
   */
  static void write(Dataset<Row> out, FileFormat format, String path, boolean overwrite) {
    Dataset<Row> flat = switch (format) {
      case JSONL, PARQUET -> out;
      case CSV, TSV -> out.select(col("id"), concat_ws("|", col("labels")).as("labels"),
          to_json(col("scores")).as("scores"), col("abstained"));
    };
    DataFrameWriter<Row> w = flat.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
    switch (format) {
      case JSONL -> w.json(path);
      case CSV -> w.option("header", "true").csv(path);
      case TSV -> w.option("header", "true").option("sep", "\t").csv(path);
      case PARQUET -> w.parquet(path);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    String msg = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        msg = t.getMessage();
      }
    }
    return msg == null ? e.toString() : msg;
  }
}
