package org.classify4j.onnx.nli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.method.LoadContext;
import org.classify4j.nli.Hypotheses;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.data.Dataset;
import org.classify4j.testkit.HashingEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Candidate pruning: the retriever's top N labels are judged, the others score 0. */
class NliPruningTest {
  static final LabelSpace LABELS =
      LabelSpace.ofNames("business", "sports", "science", "politics", "music", "travel");
  static final List<Document> DOCS = List.of(
      Document.of("1", "The home team won the championship game after a dramatic overtime goal."),
      Document.of("2", "The central bank raised interest rates to fight inflation."),
      Document.of("3", "Scientists announced the discovery of a new planet."));

  @TempDir Path dir;

  @Test
  void onlyTheCandidatesAreJudgedAndSingleLabelSoftmaxRunsOverThem() {
    try (NliCrossEncoder enc = NliCrossEncoder.open(TinyNli.dir(TinyNli.BERT));
        HashingEmbedder retriever = new HashingEmbedder(64)) {
      NliZeroShotModel pruned = NliZeroShotClassifier.of(enc).withCandidates(2, retriever)
          .forLabels(LABELS, false);
      int[][] cand = pruned.candidates(texts());
      float[][] s = pruned.predictProba(DOCS).toArray();
      for (int i = 0; i < DOCS.size(); i++) {
        assertThat(cand[i]).hasSize(2);
        List<String> names = new ArrayList<>();
        for (int j : cand[i]) {
          names.add(LABELS.name(j));
        }
        // the same as zero-shot over just the two candidates
        float[] want = NliZeroShotClassifier.of(enc).forLabels(LabelSpace.ofNames(names), false)
            .predictProba(List.of(DOCS.get(i))).row(0);
        int nonZero = 0;
        for (int j = 0; j < LABELS.size(); j++) {
          int at = names.indexOf(LABELS.name(j));
          if (at < 0) {
            assertThat(s[i][j]).isZero();
          } else {
            assertThat((double) s[i][j]).isCloseTo(want[at], within(1e-5));
            nonZero++;
          }
        }
        assertThat(nonZero).isEqualTo(2);
      }
    }
  }

  @Test
  void multiLabelCandidatesKeepTheirUnprunedScores() {
    try (NliCrossEncoder enc = NliCrossEncoder.open(TinyNli.dir(TinyNli.DEBERTA));
        HashingEmbedder retriever = new HashingEmbedder(64)) {
      NliZeroShotModel pruned = NliZeroShotClassifier.of(enc).withCandidates(3, retriever)
          .forLabels(LABELS, true);
      float[][] all = NliZeroShotClassifier.of(enc).forLabels(LABELS, true).predictProba(DOCS).toArray();
      float[][] s = pruned.predictProba(DOCS).toArray();
      int[][] cand = pruned.candidates(texts());
      for (int i = 0; i < DOCS.size(); i++) {
        for (int j : cand[i]) {
          assertThat((double) s[i][j]).isCloseTo(all[i][j], within(1e-5));
        }
        assertThat(count(s[i])).isEqualTo(3);
      }
    }
  }

  @Test
  void aPrunedModelSavesAndLoadsWithItsRetriever() {
    try (NliCrossEncoder enc = NliCrossEncoder.open(TinyNli.dir(TinyNli.BERT));
        HashingEmbedder retriever = new HashingEmbedder(64);
        LoadContext ctx = LoadContext.standard().with(retriever)) {
      NliZeroShotClassifier spec = NliZeroShotClassifier.of(enc)
          .withHypotheses(new Hypotheses(List.of("This text is about {}.", "{} news"), Hypotheses.LabelText.READABLE))
          .withCandidates(2, retriever);
      Dataset none = new Dataset(LABELS, List.of(), false);
      NliZeroShotModel m = spec.fit(none);
      ModelStore.save(m, dir, Provenance.of(spec, none));
      var loaded = ModelStore.load(dir, ctx).model();
      assertThat(loaded).isInstanceOf(NliZeroShotModel.class);
      assertThat(((NliZeroShotModel) loaded).spec().hypotheses()).isEqualTo(spec.hypotheses());
      float[][] a = m.predictProba(DOCS).toArray();
      float[][] b = loaded.predictProba(DOCS).toArray();
      for (int i = 0; i < a.length; i++) {
        assertThat(b[i]).containsExactly(a[i], within(1e-6f));
      }
    }
  }

  static List<String> texts() {
    return DOCS.stream().map(Document::text).toList();
  }

  static int count(float[] row) {
    int n = 0;
    for (float v : row) {
      n += v > 0 ? 1 : 0;
    }
    return n;
  }
}
