package org.classify4j.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.classify4j.data.Example;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit job on local[2]: formats, and a retried task writes nothing twice. */
class ClassifyJobTest {
  @TempDir static Path tmp;
  static SparkSession spark;
  static Path modelDir;
  static Path jsonl;
  static final int N = 300;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSupport.session();
    modelDir = SparkTestSupport.topicModel(tmp.resolve("model"));
    List<String> lines = new ArrayList<>();
    List<Example> ex = Fixtures.topics().examples();
    for (int i = 0; i < N; i++) {
      Example e = ex.get(i % ex.size());
      lines.add("{\"id\": \"doc" + i + "\", \"text\": \"" + e.document().text() + "\", \"gold\": \""
          + e.labels().get(0) + "\"}");
    }
    jsonl = Files.write(tmp.resolve("docs.jsonl"), lines);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static JobOptions options(String... args) {
    return JobOptions.parse(args).orElseThrow();
  }

  private static void assertEveryDocOnce(List<String> ids) {
    assertThat(ids).hasSize(N).doesNotHaveDuplicates();
    Set<String> want = new HashSet<>();
    for (int i = 0; i < N; i++) {
      want.add("doc" + i);
    }
    assertThat(new HashSet<>(ids)).isEqualTo(want);
  }

  @Test
  void jsonlInJsonlOutWithIdLabelsAndScores() throws IOException {
    String out = tmp.resolve("out-jsonl").toString();
    ClassifyJob.run(spark, options("--model", modelDir.toString(), "--input", jsonl.toString(),
        "--output", out, "--top", "2", "--partitions", "3"));
    Dataset<Row> back = spark.read().json(out);
    assertThat(back.columns()).containsExactlyInAnyOrder("id", "labels", "scores", "abstained");
    assertEveryDocOnce(back.select("id").as(Encoders.STRING()).collectAsList());
    Dataset<Row> gold = spark.read().json(jsonl.toString());
    long right = back.join(gold, "id")
        .filter(col("labels").getItem(0).equalTo(col("gold"))).count();
    assertThat(right).isEqualTo(N); // training texts of a separable fixture
    String line = spark.read().text(out).first().getString(0);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("scores").size()).isEqualTo(2); // --top 2
    assertThat(json.get("labels").isArray()).isTrue();
    assertThat(json.get("abstained").isBoolean()).isTrue();

    // an existing output is not overwritten unless asked
    JobOptions again = options("--model", modelDir.toString(), "--input", jsonl.toString(),
        "--output", out);
    assertThatThrownBy(() -> ClassifyJob.run(spark, again))
        .hasMessageContaining("already exists");
  }

  @Test
  void csvAndParquetByExtension() throws IOException {
    Path csv = tmp.resolve("docs.csv");
    List<String> lines = new ArrayList<>(List.of("id,text"));
    for (int i = 0; i < N; i++) {
      lines.add("doc" + i + ",\"" + Fixtures.topics().examples().get(i % 24).document().text() + "\"");
    }
    Files.write(csv, lines);
    String outCsv = tmp.resolve("out.csv").toString();
    ClassifyJob.run(spark, options("--model", modelDir.toString(), "--input", csv.toString(),
        "--output", outCsv, "--limit", "2", "--threshold", "0"));
    Dataset<Row> back = spark.read().option("header", "true").csv(outCsv);
    assertThat(back.columns()).containsExactly("id", "labels", "scores", "abstained");
    assertEveryDocOnce(back.select("id").as(Encoders.STRING()).collectAsList());
    assertThat(back.first().getString(1)).contains("|");        // two labels, joined
    assertThat(back.first().getString(2)).startsWith("{\"");    // scores as a JSON object

    String outParquet = tmp.resolve("out.parquet").toString();
    ClassifyJob.run(spark, options("--model", modelDir.toString(), "--input", outCsv,
        "--input-format", "csv", "--text-column", "labels", "--output", outParquet));
    Dataset<Row> pq = spark.read().parquet(outParquet);
    assertThat(pq.schema().apply("labels").dataType().simpleString()).isEqualTo("array<string>");
    assertThat(pq.schema().apply("scores").dataType().simpleString())
        .isEqualTo("map<string,float>");
    assertEveryDocOnce(pq.select("id").as(Encoders.STRING()).collectAsList());
  }

  /**
   * Throws once, on the first attempt of partition 1 after 100 rows, when scoring has already
   * handed rows to the writer; a marker file says it happened.
   */
  static final class FailOnce implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    private final String marker;
    private int seen;

    FailOnce(String marker) {
      this.marker = marker;
    }

    @Override
    public String call(String text) throws Exception {
      TaskContext tc = TaskContext.get();
      if (tc.partitionId() == 1 && tc.attemptNumber() == 0 && ++seen == 100) {
        Files.writeString(Path.of(marker), "failed attempt " + tc.taskAttemptId());
        throw new IllegalStateException("injected failure");
      }
      return text;
    }
  }

  @Test
  void aTaskRetriedBySparkWritesNoDuplicates() {
    Path marker = tmp.resolve("failed-once");
    spark.udf().register("failOnce", new FailOnce(marker.toString()), DataTypes.StringType);
    JobOptions o = options("--model", modelDir.toString(), "--input", jsonl.toString(),
        "--output", tmp.resolve("out-retried").toString(), "--batch-size", "16");
    Dataset<Row> in = ClassifyJob.read(spark, o.inputFormat(), o.input()).repartition(3)
        .withColumn("text", callUDF("failOnce", col("text")));
    ClassifyJob.write(ClassifyJob.classify(in, o), o.outputFormat(), o.output(), false);

    assertThat(marker).exists(); // the first attempt did fail mid-partition
    Dataset<Row> back = spark.read().json(o.output());
    assertEveryDocOnce(back.select("id").as(Encoders.STRING()).collectAsList());
  }

  @Test
  void commandLineErrorsAndAnExistingOutput() {
    assertThat(ClassifyJob.run(new String[] {"--input", "x.jsonl"})).isEqualTo(2);
    assertThat(ClassifyJob.run(new String[] {"--help"})).isZero();
    assertThatThrownBy(() -> options("--model", "m", "--input", "in.txt", "--output", "o"))
        .hasMessageContaining("--input-format");
    assertThatThrownBy(() -> options("--model", "m", "--input", "in.csv", "--output", "o",
        "--threshold", "2")).hasMessageContaining("[0,1]");
    assertThat(options("--model", "m", "--input", "in.parquet", "--output", "out")
        .outputFormat()).isEqualTo(JobOptions.FileFormat.JSONL);

    String out = tmp.resolve("out-overwritten").toString();
    ClassifyJob.run(spark, options("--model", modelDir.toString(), "--input", jsonl.toString(),
        "--output", out, "--overwrite", "--partitions", "2"));
    assertEveryDocOnce(spark.read().json(out).map((MapFunction<Row, String>) r -> r.getString(
        r.fieldIndex("id")), Encoders.STRING()).collectAsList());
  }

  /**
   * Issue 22 item 18: rows without ids get row-N in file order, assigned on the read, whatever
   * the partitioning: the input is read in several splits and scored in 3 partitions, and row-N's
   * label must be the N-th line's gold label.
   */
  @Test
  void rowIdsFollowTheFileOrderAcrossSplitsAndPartitions() throws IOException {
    List<String> lines = new ArrayList<>();
    List<String> gold = new ArrayList<>();
    List<Example> ex = Fixtures.topics().examples();
    for (int i = 0; i < N; i++) {
      Example e = ex.get((i * 7) % ex.size());
      lines.add("{\"text\": \"" + e.document().text() + "\"}");
      gold.add(e.labels().get(0));
    }
    Path noIds = Files.write(tmp.resolve("no-ids.jsonl"), lines);
    String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
    spark.conf().set("spark.sql.files.maxPartitionBytes", "4096");
    try {
      assertThat(spark.read().json(noIds.toString()).rdd().getNumPartitions()).isGreaterThan(2);
      String out = tmp.resolve("out-no-ids").toString();
      ClassifyJob.run(spark, options("--model", modelDir.toString(), "--input", noIds.toString(),
          "--output", out, "--partitions", "3", "--top", "1"));
      List<Row> rows = spark.read().json(out).select("id", "labels").collectAsList();
      assertThat(rows).hasSize(N);
      Set<String> ids = new HashSet<>();
      for (Row r : rows) {
        String id = r.getString(0);
        ids.add(id);
        assertThat(id).startsWith("row-");
        int n = Integer.parseInt(id.substring(4));
        assertThat(r.getList(1).get(0)).as(id).isEqualTo(gold.get(n - 1));
      }
      Set<String> want = new HashSet<>();
      for (int i = 1; i <= N; i++) {
        want.add("row-" + i);
      }
      assertThat(ids).isEqualTo(want);
    } finally {
      spark.conf().set("spark.sql.files.maxPartitionBytes", before);
    }
  }

  /** Issue 22 item 18: an empty or blank text stops the job, naming the row, as predict does. */
  @Test
  void anEmptyTextIsRefusedAsPredictRefusesIt() throws IOException {
    Path noIds = Files.write(tmp.resolve("empty-no-ids.jsonl"), List.of(
        "{\"text\": \"bake the bread\"}", "{\"text\": \"\"}", "{\"text\": \"   \"}"));
    String out = tmp.resolve("out-empty").toString();
    assertThatThrownBy(() -> ClassifyJob.run(spark, options("--model", modelDir.toString(),
        "--input", noIds.toString(), "--output", out)))
        .hasMessageContaining("row id 'row-2': empty text in column 'text'")
        .hasMessageContaining("2 rows have an empty or blank text");
    assertThat(Path.of(out)).doesNotExist();

    Path withIds = Files.write(tmp.resolve("empty-ids.csv"), List.of("id,text",
        "a,bake the bread", "b,", "c,the match"));
    assertThatThrownBy(() -> ClassifyJob.run(spark, options("--model", modelDir.toString(),
        "--input", withIds.toString(), "--output", tmp.resolve("out-empty2").toString())))
        .hasMessageContaining("row id 'b': empty text");
  }
}
