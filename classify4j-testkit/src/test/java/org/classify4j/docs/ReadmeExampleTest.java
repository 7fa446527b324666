package org.classify4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.JsonlDatasetWriter;
import org.classify4j.data.io.ReadOptions;
import org.classify4j.embed.CentroidClassifier;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.embed.ZeroShotClassifier;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.persist.SavableModel;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, as written there, with the test embedder instead of the default. */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void readmeExampleRuns() throws Exception {
    JsonlDatasetWriter.write(Fixtures.topics(), dir.resolve("train.jsonl"));
    String embedderId = "hashing:512"; // the README uses Embedders.DEFAULT_ID (needs classify4j-onnx)
    assertThat(Embedders.DEFAULT_ID).isEqualTo("e5-small-v2-q");
    List<Prediction> picked;
    try (TextEmbedder embedder = Embedders.create(embedderId)) {
      LabelSpace labels = LabelSpace.of(List.of(
          Label.of("billing", "charges, refunds, invoices"),
          Label.of("delivery", "parcels, shipping, tracking")));
      ClassifierModel zeroShot = ZeroShotClassifier.of(embedder).forLabels(labels, false);
      assertThat(zeroShot.classes()).isEqualTo(labels);

      Dataset train = DatasetReader.read(dir.resolve("train.jsonl"), ReadOptions.defaults());
      CentroidClassifier spec = CentroidClassifier.of(embedder);
      SavableModel model = spec.fit(train);

      List<Document> docs = List.of(Document.of("d1", "Bake the bread with butter and flour"));
      ScoreMatrix scores = model.predictProba(docs);
      picked = DecisionRule.limit(3, 0.3).decideAll(scores);
      ModelStore.save(model, dir.resolve("model"), Provenance.of(spec, train));
    }
    assertThat(picked.get(0).labels().get(0).label()).isEqualTo("cooking");
    assertThat(Files.exists(dir.resolve("model/manifest.json"))).isTrue();
    try (LoadContext ctx = LoadContext.standard()) {
      assertThat(ModelStore.load(dir.resolve("model"), ctx).model().classes())
          .isEqualTo(LabelSpace.ofNames("computers", "cooking", "sports")); // read back sorted
    }
  }
}
