package org.classify4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.to_json;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.classify4j.spark.JobOptions.FileFormat;
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
  // no static logger: logging is configured in run(), after the options are known
  static final String LOCAL_LOG_CONFIG = "org/classify4j/spark/log4j2-local.properties";

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
    boolean local = o.master().map(m -> m.startsWith("local")).orElse(false);
    if (local && System.getProperty("log4j2.configurationFile") == null
        && ClassifyJob.class.getClassLoader().getResource("log4j2.properties") == null) {
      System.setProperty("log4j2.configurationFile", LOCAL_LOG_CONFIG);
    }
    // read by Netty when its classes load: before the session starts (java -jar has no flag)
    System.setProperty("io.netty.tryReflectionSetAccessible", "true");
    SparkSession spark;
    try {
      spark = session(o);
    } catch (Exception e) {
      return failed(e, System.err);
    }
    try {
      return execute(spark, o, System.err);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs the job on a session and reports on {@code err}: the time taken, or the one-line error.
   * Spark's own exceptions ({@code SparkException}, {@code AnalysisException}: checked exceptions
   * Scala throws undeclared) are caught with the rest, so none escapes as a stack trace.
   *
   * @return 0 done, 1 failed
   */
  static int execute(SparkSession spark, JobOptions o, PrintStream err) {
    try {
      long started = System.nanoTime();
      run(spark, o);
      err.printf("classify4j-spark: wrote %s in %.1f s%n", o.output(),
          (System.nanoTime() - started) / 1e9);
      return 0;
    } catch (Exception e) {
      return failed(e, err);
    }
  }

  private static int failed(Exception e, PrintStream err) {
    LoggerFactory.getLogger(ClassifyJob.class).debug("job failed", e);
    err.println("classify4j-spark: error: " + rootMessage(e));
    return 1;
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

  /**
   * Reads, classifies and writes; the caller owns the session. Rows without an id get theirs on
   * the read, in file order, before the repartition; an empty text stops the job before anything
   * is written, as {@code classify4j predict} refuses it.
   */
  public static void run(SparkSession spark, JobOptions o) {
    Dataset<Row> in = read(spark, o.inputFormat(), o.input());
    Dataset<Row> docs = documents(in, o, true);
    int want = o.partitions() > 0 ? o.partitions()
        : spark.sparkContext().defaultParallelism();
    if (docs.rdd().getNumPartitions() < want) {
      docs = docs.repartition(want);
    }
    write(score(docs, o), o.outputFormat(), o.output(), o.overwrite());
  }

  /** The input with {@code id} (string), labels, scores and abstained, and nothing else. */
  static Dataset<Row> classify(Dataset<Row> in, JobOptions o) {
    return score(documents(in, o, false), o);
  }

  /**
   * {@code id} and {@code text} of the input: the id column, else {@code row-N} in file order
   * ({@link RowIds}; {@code in} must then be the read itself, not repartitioned).
   *
   * @param refuseBlank throw, naming a row, when a text is null, empty or only whitespace
   */
  static Dataset<Row> documents(Dataset<Row> in, JobOptions o, boolean refuseBlank) {
    if (!Arrays.asList(in.columns()).contains(o.textColumn())) {
      throw new IllegalArgumentException("the input has no column '" + o.textColumn()
          + "' (columns: " + String.join(", ", in.columns()) + "); give --text-column");
    }
    Dataset<Row> docs;
    long blank = -1; // not counted yet
    if (Arrays.asList(in.columns()).contains(o.idColumn())) {
      docs = in.select(col(o.idColumn()).cast("string").as("id"),
          col(o.textColumn()).cast("string").as("text"));
    } else {
      RowIds.Numbered n = RowIds.number(in, o.textColumn());
      docs = n.documents();
      blank = n.blankTexts();
    }
    if (refuseBlank && blank != 0) {
      List<Row> first = docs.filter(RowIds.blank(col("text"))).select("id").limit(1)
          .collectAsList();
      if (!first.isEmpty()) {
        throw new IllegalArgumentException("row id '" + first.get(0).getString(0)
            + "': empty text in column '" + o.textColumn() + "' (expected text to classify;"
            + " classify4j predict refuses it too)" + (blank > 1 ? "; " + blank
            + " rows have an empty or blank text" : ""));
      }
    }
    return docs;
  }

  private static Dataset<Row> score(Dataset<Row> docs, JobOptions o) {
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

  /**
   * One line: the message of the first exception under Spark's wrappers ({@code SparkException}:
   * "Job aborted due to stage failure: …" followed by the failed task's stack trace), then the
   * deepest cause's message when it adds something (a file named above, what was wrong in it).
   */
  static String rootMessage(Throwable e) {
    Throwable first = e;
    while (first.getCause() != null && first.getCause() != first
        && first.getClass().getName().equals("org.apache.spark.SparkException")) {
      first = first.getCause();
    }
    Throwable root = first;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = firstLine(first);
    String deepest = firstLine(root);
    return root == first || msg.contains(deepest) ? msg : msg + ": " + deepest;
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage() == null || t.getMessage().isBlank() ? t.toString() : t.getMessage();
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }
}
