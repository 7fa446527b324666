package org.classify4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Example;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.persist.SavableModel;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process language-model engines (issue 23's local decoder, issue 24's NLI cross-encoder)
 * through the Spark transformer: a model saved by the API scores the same in Spark as locally.
 * The tiny random models are classify4j-onnx's test resources.
 */
class InProcessEnginesTest {
  private static final StructType DOCS = new StructType()
      .add("id", DataTypes.StringType).add("text", DataTypes.StringType);
  private static final Path RESOURCES = Path.of("..", "classify4j-onnx", "src", "test", "resources");

  @TempDir static Path tmp;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.session();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @ParameterizedTest
  @CsvSource({"local-llm-zero-shot, llm/tiny-llama", "nli-zero-shot, nli/tiny-bert"})
  void aSavedModelScoresInSparkAsItDoesLocally(String method, String modelPath) {
    Path dir = tmp.resolve(method);
    Map<String, String> params = Map.of("model", RESOURCES.resolve(modelPath).toAbsolutePath()
        .toString());
    List<Example> test = Fixtures.topicsTest().subList(0, 4);
    ScoreMatrix local;
    try (LoadContext ctx = LoadContext.standard()) {
      Classifier spec = Methods.create(method, MethodParams.of(params), ctx);
      SavableModel model = (SavableModel) spec.fit(Fixtures.topics());
      ModelStore.save(model, dir, Provenance.of(spec, Fixtures.topics()), DecisionRule.argmax());
      LoadedModel loaded = ModelStore.load(dir, ctx);
      local = loaded.model().predictProba(Fixtures.documents(test));
    }
    List<Row> rows = new ArrayList<>();
    for (Example e : test) {
      rows.add(RowFactory.create(e.document().id(), e.document().text()));
    }
    List<Row> out = new TextClassifier().setModelDir(dir.toString())
        .transform(spark.createDataFrame(rows, DOCS).repartition(2)).collectAsList();
    assertThat(out).hasSize(test.size());
    for (Row r : out) {
      int i = indexOf(test, r.getString(r.fieldIndex("id")));
      Map<String, Float> scores = r.getJavaMap(r.fieldIndex("scores"));
      assertThat(scores).hasSize(local.cols());
      for (int j = 0; j < local.cols(); j++) {
        assertThat(scores.get(local.classes().name(j))).as(method + " " + j)
            .isCloseTo(local.get(i, j), within(1e-5f));
      }
    }
  }

  private static int indexOf(List<Example> test, String id) {
    for (int i = 0; i < test.size(); i++) {
      if (test.get(i).document().id().equals(id)) {
        return i;
      }
    }
    throw new AssertionError("unknown id " + id);
  }
}
