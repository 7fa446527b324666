package org.classify4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transformer on a local[2] session: results, params, persistence, rows exactly once. */
class TextClassifierTest {
  private static final StructType DOCS = new StructType()
      .add("id", DataTypes.StringType).add("text", DataTypes.StringType);

  @TempDir static Path tmp;
  static SparkSession spark;
  static Path modelDir;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.session();
    modelDir = SparkTestSupport.topicModel(tmp.resolve("model"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static Dataset<Row> docs(List<Example> examples) {
    List<Row> rows = new ArrayList<>();
    for (Example e : examples) {
      rows.add(RowFactory.create(e.document().id(), e.document().text()));
    }
    return spark.createDataFrame(rows, DOCS);
  }

  private static Map<String, Row> byId(Dataset<Row> out) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : out.collectAsList()) {
      assertThat(m.put(r.getString(r.fieldIndex("id")), r)).as("duplicate row").isNull();
    }
    return m;
  }

  @Test
  void scoresAndLabelsAreTheModelsInOneJvm() {
    List<Example> test = Fixtures.topicsTest();
    Map<String, Row> out = byId(new TextClassifier().setModelDir(modelDir.toString())
        .transform(docs(test).repartition(2)));

    LoadedModel local;
    try (LoadContext ctx = LoadContext.standard()) {
      local = ModelStore.load(modelDir, ctx);
      List<Document> ds = Fixtures.documents(test);
      ScoreMatrix s = local.model().predictProba(ds);
      List<Prediction> p = local.decisionRule().decideAll(s);
      assertThat(out).hasSize(test.size());
      for (int i = 0; i < test.size(); i++) {
        Row r = out.get(test.get(i).document().id());
        assertThat(r.<String>getList(r.fieldIndex("labels"))).containsExactlyElementsOf(
            p.get(i).labelNames());
        assertThat(r.getBoolean(r.fieldIndex("abstained"))).isEqualTo(p.get(i).abstained());
        Map<String, Float> scores = r.getJavaMap(r.fieldIndex("scores"));
        assertThat(scores).hasSize(3); // topScores 0: every label
        for (int j = 0; j < s.cols(); j++) {
          assertThat(scores.get(s.classes().name(j))).isCloseTo(s.get(i, j), within(1e-6f));
        }
      }
    }
  }

  @Test
  void thresholdLimitAndTopScoresAreParams() {
    Dataset<Row> in = docs(Fixtures.topicsTest());
    Map<String, Row> limited = byId(new TextClassifier().setModelDir(modelDir.toString())
        .setThreshold(0.0).setLimit(2).setTopScores(1).transform(in));
    for (Row r : limited.values()) {
      assertThat(r.<String>getList(2)).hasSize(2);
      assertThat(r.<String, Float>getJavaMap(3)).hasSize(1)
          .containsKey(r.<String>getList(2).get(0));
    }
    Map<String, Row> none = byId(new TextClassifier().setModelDir(modelDir.toString())
        .setThreshold(1.0).transform(in));
    for (Row r : none.values()) {
      assertThat(r.<String>getList(2)).isEmpty();
    }
  }

  @Test
  void savedAndLoadedInsideAPipelineModel() throws Exception {
    Dataset<Row> in = docs(Fixtures.topicsTest());
    TextClassifier clf = new TextClassifier().setModelDir(modelDir.toString())
        .setInputCol("clean").setLabelsCol("topics").setThreshold(0.2).setLimit(2)
        .setBatchSize(3);
    SQLTransformer clean = new SQLTransformer()
        .setStatement("SELECT *, lower(text) AS clean FROM __THIS__");
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {clean, clf}).fit(in);
    String path = tmp.resolve("pipeline").toString();
    fitted.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);

    TextClassifier back = (TextClassifier) loaded.stages()[1];
    assertThat(back.uid()).isEqualTo(clf.uid());
    assertThat(back.getModelDir()).isEqualTo(modelDir.toString());
    assertThat(back.getInputCol()).isEqualTo("clean");
    assertThat(back.getLabelsCol()).isEqualTo("topics");
    assertThat(back.getThreshold()).isEqualTo(0.2);
    assertThat(back.getLimit()).isEqualTo(2);
    assertThat(back.getBatchSize()).isEqualTo(3);

    List<Row> before = fitted.transform(in).orderBy("id").collectAsList();
    List<Row> after = loaded.transform(in).orderBy("id").collectAsList();
    assertThat(after).hasSize(Fixtures.topicsTest().size()).isEqualTo(before);

    // and alone
    String single = tmp.resolve("single").toString();
    clf.write().overwrite().save(single);
    assertThat(TextClassifier.load(single).getThreshold()).isEqualTo(0.2);
  }

  @Test
  void everyRowExactlyOnceAcrossPartitionsAndBatches() {
    int n = 2_000;
    List<Row> rows = new ArrayList<>();
    String[] texts = Fixtures.topics().examples().stream().map(e -> e.document().text())
        .toArray(String[]::new);
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create("d" + i, i == 17 ? null : texts[i % texts.length]));
    }
    Dataset<Row> in = spark.createDataFrame(rows, DOCS).repartition(7);
    Path fresh = SparkTestSupport.topicModel(tmp.resolve("fresh-model"));
    int modelsBefore = ExecutorModels.loadedCount();
    Dataset<Row> out = new TextClassifier().setModelDir(fresh.toString()).setBatchSize(16)
        .transform(in);

    List<String> ids = out.select("id").as(Encoders.STRING()).collectAsList();
    assertThat(ids).hasSize(n).doesNotHaveDuplicates();
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < n; i++) {
      expected.add("d" + i);
    }
    assertThat(new HashSet<>(ids)).isEqualTo(expected);

    Row nullText = out.filter("id = 'd17'").first();
    assertThat(nullText.getBoolean(4)).isTrue();
    assertThat(nullText.<String>getList(2)).isEmpty();
    // the rows keep the columns they came with, and the text they were scored for
    Map<String, String> textOf = out.select("id", "text").collectAsList().stream()
        .filter(r -> !r.isNullAt(1))
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
    assertThat(textOf.get("d5")).isEqualTo(texts[5]);
    // one more model in this JVM, however many tasks (7 partitions, 3 jobs) used it
    assertThat(ExecutorModels.loadedCount()).isEqualTo(modelsBefore + 1);
  }

  @Test
  void aModelShippedWithAddFileIsFoundThroughSparkFiles() throws Exception {
    Path shipped = SparkTestSupport.topicModel(tmp.resolve("shipped-model"));
    spark.sparkContext().addFile(shipped.toString(), true);
    Dataset<Row> out = new TextClassifier().setModelDir("shipped-model")
        .transform(docs(Fixtures.topicsTest()));
    assertThat(out.count()).isEqualTo(Fixtures.topicsTest().size());
    assertThat(Files.exists(Path.of("shipped-model"))).isFalse();
  }

  @Test
  void schemaErrorsNameTheColumn() {
    Dataset<Row> in = docs(Fixtures.topicsTest());
    assertThatThrownBy(() -> new TextClassifier().transform(in))
        .hasMessageContaining("modelDir");
    assertThatThrownBy(() -> new TextClassifier().setModelDir("m").setInputCol("body")
        .transform(in)).hasMessageContaining("'body'").hasMessageContaining("text");
    assertThatThrownBy(() -> new TextClassifier().setModelDir("m").setLabelsCol("id")
        .transform(in)).hasMessageContaining("'id' already exists");
    Dataset<Row> numbers = in.map((MapFunction<Row, Integer>) r -> 1, Encoders.INT())
        .toDF("text");
    assertThatThrownBy(() -> new TextClassifier().setModelDir("m").transform(numbers))
        .hasMessageContaining("must be a string");
  }

  @Test
  void aMissingModelFailsTheJobWithThePlacesLookedAt() {
    Dataset<Row> out = new TextClassifier().setModelDir(tmp.resolve("nowhere").toString())
        .transform(docs(Fixtures.topicsTest()));
    assertThatThrownBy(out::count).hasStackTraceContaining("no classify4j model directory");
  }

  /** Issue 22 item 18: an empty or blank text abstains, as a null one does, with no scores. */
  @Test
  void anEmptyOrBlankTextAbstainsWithoutScores() {
    StructType schema = new StructType().add("text", DataTypes.StringType, true);
    Dataset<Row> in = spark.createDataFrame(List.of(RowFactory.create(""),
        RowFactory.create(" \t "), RowFactory.create((Object) null),
        RowFactory.create("bake the bread")), schema);
    List<Row> out = new TextClassifier().setModelDir(modelDir.toString()).transform(in)
        .collectAsList();
    for (int i = 0; i < 3; i++) {
      Row r = out.get(i);
      assertThat(r.getBoolean(r.fieldIndex("abstained"))).as("row " + i).isTrue();
      assertThat(r.getList(r.fieldIndex("labels"))).as("row " + i).isEmpty();
      assertThat(r.getMap(r.fieldIndex("scores")).isEmpty()).as("row " + i).isTrue();
    }
    Row text = out.get(3);
    assertThat(text.getBoolean(text.fieldIndex("abstained"))).isFalse();
    assertThat(text.getList(text.fieldIndex("labels"))).containsExactly("cooking");
  }
}
