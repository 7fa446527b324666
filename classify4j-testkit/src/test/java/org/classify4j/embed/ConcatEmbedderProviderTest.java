package org.classify4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.method.LoadContext;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code concat:A+B} through the provider SPI, as a user names it, and in a saved model. */
class ConcatEmbedderProviderTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void createdByIdAndUsableByAMethodThatIsSavedAndLoaded() throws Exception {
    try (TextEmbedder c = Embedders.create("concat:hashing:64+hashing:32")) {
      assertThat(c.id()).isEqualTo("concat:hashing:64+hashing:32");
      assertThat(c.dimension()).isEqualTo(96);
      float[] v = c.embed(List.of("the striker scored"))[0];
      assertThat(Vectors.dot(v, v)).isCloseTo(1f, within(1e-5f));
    }
    try (LoadContext ctx = LoadContext.standard()) {
      org.classify4j.classify.Classifier spec = Methods.create("linear",
          MethodParams.of(java.util.Map.of("model", "concat:hashing:64+hashing:32")), ctx);
      ClassifierModel m = spec.fit(Fixtures.topics());
      float[][] before = m.predictProba(Fixtures.topics().documents()).toArray();
      java.nio.file.Path saved = dir.resolve("m");
      ModelStore.save((org.classify4j.persist.SavableModel) m, saved,
          org.classify4j.persist.Provenance.of(spec, Fixtures.topics()));
      try (LoadContext fresh = LoadContext.standard()) {
        LoadedModel loaded = ModelStore.load(saved, fresh);
        float[][] after = loaded.model().predictProba(Fixtures.topics().documents()).toArray();
        for (int i = 0; i < before.length; i++) {
          assertThat(after[i]).containsExactly(before[i], within(1e-6f));
        }
      }
    }
  }
}
