package org.classify4j.distill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.testkit.ClassifierContract;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Test;

/** The distilled head passes the shared estimator contract; binary data get a binary head. */
class DistilledClassifierContractTest extends ClassifierContract {
  @Override
  protected Classifier spec(long seed) {
    return new DistilledClassifier(new HashingEmbedder(256), LogisticRegression.defaults(),
        java.util.Optional.empty());
  }

  @Test
  void binaryDataGetABinaryHeadOnThePositiveLabel() {
    List<Example> ex = List.of(Example.of("1", "safety helmet hazard", "yes"),
        Example.of("2", "team lunch cake", "no"), Example.of("3", "fire exit hazard", "yes"),
        Example.of("4", "sales record party", "no"));
    DistilledModel m = DistilledClassifier.of(new HashingEmbedder(64))
        .fit(Dataset.of(LabelSpace.ofNames("no", "yes"), ex));
    assertThat(m.kind()).isEqualTo(DistilledModel.Kind.BINARY);
    assertThat(m.positiveLabel()).contains("yes");
    var s = m.predictProba(List.of(org.classify4j.data.Document.of("q", "hazard on the stairs")));
    assertThat(s.get(0, 0) + s.get(0, 1)).isEqualTo(1f);
    assertThat(s.get(0, 1)).isGreaterThan(0.5f);
  }

  @Test
  void theMethodRegistryMakesIt() {
    try (org.classify4j.method.LoadContext ctx = org.classify4j.method.LoadContext.standard()
        .with(new HashingEmbedder(32))) {
      Classifier c = org.classify4j.method.Methods.create("distilled",
          org.classify4j.method.MethodParams.parse(List.of("model=hashing:32", "C=2",
              "positive=yes")), ctx);
      assertThat(c).isInstanceOf(DistilledClassifier.class);
      assertThat(c.params()).containsEntry("C", 2.0).containsEntry("positive_label", "yes");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.classify4j.method.Methods
          .create("distilled", org.classify4j.method.MethodParams.parse(List.of("k=3")), ctx))
          .hasMessageContaining("k");
    }
  }
}
