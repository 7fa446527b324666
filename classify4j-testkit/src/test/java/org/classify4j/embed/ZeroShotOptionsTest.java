package org.classify4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates, prompt ensembles, label-free centring and refinement of the zero-shot classifier. */
class ZeroShotOptionsTest {
  private final HashingEmbedder embedder = new HashingEmbedder(1024);

  @Test
  void templatesFillNamesDescriptionsAndSynonyms() {
    assertThat(LabelTexts.fill("This text is about {}.", "card arrival"))
        .isEqualTo("This text is about card arrival.");
    assertThat(LabelTexts.fill("Topic:", "sports")).isEqualTo("Topic: sports");
    assertThat(LabelTexts.humanize("Sci/Tech")).isEqualTo("sci tech");
    assertThat(LabelTexts.humanize("sci.space")).isEqualTo("sci space");
    Label l = new Label("card_arrival", "when my card will come", List.of("card delivery"), "");
    assertThat(LabelTexts.textsOf(l, List.of("About {}.", "{}")))
        .containsExactly(
            "About card arrival.", "card arrival",
            "About when my card will come.", "when my card will come",
            "About card delivery.", "card delivery");
    assertThat(LabelTexts.textsOf(l, LabelTexts.BARE)).isEqualTo(LabelTexts.textsOf(l));
  }

  @Test
  void ensembleAveragesTheTemplatesEmbeddings() {
    LabelSpace one = LabelSpace.of(List.of(Label.of("sports")));
    float[] a = LabelTexts.embed(embedder, one, List.of("This text is about {}."))[0];
    float[] b = LabelTexts.embed(embedder, one, List.of("The topic is {}."))[0];
    float[] both = LabelTexts.embed(embedder, one, List.of("This text is about {}.", "The topic is {}."))[0];
    float[] expected = Vectors.meanDirection(new float[][] {a, b}, embedder.dimension());
    for (int t = 0; t < expected.length; t++) {
      assertThat(both[t]).isCloseTo(expected[t], within(1e-5f));
    }
  }

  @Test
  void dataCentringSubtractsEachLabelsMeanSimilarityOverTheTrainingTexts() {
    Dataset train = Fixtures.topics();
    ZeroShotClassifier spec =
        ZeroShotClassifier.of(embedder).withCentring(ZeroShotClassifier.Centring.DATA);
    PrototypeModel m = spec.fit(unlabelled(train));
    float[][] sims = m.similarities(train.documents());
    float[] bias = m.bias();
    for (int j = 0; j < bias.length; j++) {
      double mean = 0;
      for (float[] row : sims) {
        mean += row[j] / sims.length;
      }
      assertThat((double) bias[j]).isCloseTo(mean, within(1e-5));
    }
    // no documents: no offsets
    assertThat(spec.forLabels(train.labels(), false).bias()).containsOnly(0f);
    assertThat(spec.withCentring(ZeroShotClassifier.Centring.NONE).fit(train).bias()).containsOnly(0f);
  }

  @Test
  void labelsAreNeverReadForPrototypesOrOffsets() {
    Dataset train = Fixtures.topics();
    ZeroShotClassifier spec = ZeroShotClassifier.of(embedder).withRefine(2);
    PrototypeModel withLabels = spec.fit(train);
    PrototypeModel without = spec.fit(unlabelled(train));
    assertThat(withLabels.prototypes()).isDeepEqualTo(without.prototypes());
    assertThat(withLabels.bias()).containsExactly(without.bias());
  }

  @Test
  void refinementMovesPrototypesTowardsTheirDocuments() {
    Dataset train = Fixtures.topics();
    PrototypeModel plain = ZeroShotClassifier.of(embedder).fit(unlabelled(train));
    PrototypeModel refined = ZeroShotClassifier.of(embedder).withRefine(1).fit(unlabelled(train));
    assertThat(refined.prototypes()).isNotEqualTo(plain.prototypes());
    for (float[] p : refined.prototypes()) {
      assertThat(Vectors.dot(p, p)).isCloseTo(1f, within(1e-4f));
    }
  }

  @Test
  void savedCentredModelScoresTheSame(@TempDir Path dir) {
    ZeroShotClassifier spec = ZeroShotClassifier.of(embedder);
    PrototypeModel m = spec.fit(Fixtures.topics());
    assertThat(m.bias()).isNotEqualTo(new float[m.bias().length]);
    ModelStore.save(m, dir, Provenance.of(spec, Fixtures.topics()));
    try (LoadContext ctx = LoadContext.standard().with(embedder)) {
      var back = ModelStore.load(dir, ctx).model();
      assertThat(back.predictProba(Fixtures.topics().documents()).toArray())
          .isDeepEqualTo(m.predictProba(Fixtures.topics().documents()).toArray());
    }
  }

  @Test
  void methodParamsNameTemplatesCentringAndRefine() {
    try (LoadContext ctx = LoadContext.standard().with(embedder)) {
      Classifier c =
          Methods.create(
              "zero-shot",
              MethodParams.parse(
                  List.of(
                      "model=" + embedder.id(),
                      "template=About {}.|The topic is {}.",
                      "centring=none",
                      "refine=2")),
              ctx);
      ZeroShotClassifier z = (ZeroShotClassifier) c;
      assertThat(z.templates()).containsExactly("About {}.", "The topic is {}.");
      assertThat(z.centring()).isEqualTo(ZeroShotClassifier.Centring.NONE);
      assertThat(z.refine()).isEqualTo(2);
      ZeroShotClassifier d =
          (ZeroShotClassifier) Methods.create(
                  "zero-shot", MethodParams.parse(List.of("model=" + embedder.id())), ctx);
      assertThat(d.templates()).isEqualTo(ZeroShotClassifier.DEFAULT_TEMPLATES);
      assertThatThrownBy(
              () ->
                  Methods.create(
                      "zero-shot",
                      MethodParams.parse(List.of("model=" + embedder.id(), "centring=sideways")),
                      ctx))
          .hasMessageContaining("centring");
    }
  }

  static Dataset unlabelled(Dataset d) {
    List<Example> ex = new ArrayList<>();
    for (Example e : d.examples()) {
      ex.add(new Example(e.document(), List.of()));
    }
    return new Dataset(d.labels(), ex, d.multiLabel());
  }
}
