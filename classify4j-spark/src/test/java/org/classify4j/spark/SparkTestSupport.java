package org.classify4j.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.classify4j.classify.DecisionRule;
import org.classify4j.embed.CentroidClassifier;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.persist.SavableModel;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;

/** A local Spark session and a small model for the tests. */
final class SparkTestSupport {
  private SparkTestSupport() {}

  /**
   * Two task threads; a failed task is tried up to 3 times ({@code local[N,F]}: plain {@code
   * local[2]} never retries a task).
   */
  static SparkSession session() {
    return SparkSession.builder()
        .appName("classify4j-test")
        .master("local[2,3]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }

  /**
   * A centroid model over the testkit's hashing embedder (id {@code hashing:64}, found again by
   * ServiceLoader when the executor loads the model), saved with an argmax rule.
   */
  static Path topicModel(Path dir) {
    CentroidClassifier spec = CentroidClassifier.of(new HashingEmbedder(64));
    SavableModel model = spec.fit(Fixtures.topics());
    ModelStore.save(model, dir, Provenance.of(spec, Fixtures.topics()), DecisionRule.argmax());
    return dir;
  }
}
