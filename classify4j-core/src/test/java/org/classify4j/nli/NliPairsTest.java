package org.classify4j.nli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

class NliPairsTest {
  static final LabelSpace LABELS = LabelSpace.ofNames("a_b", "c", "d", "e", "f");
  static final Dataset MULTI = new Dataset(LABELS, List.of(
      new Example(Document.of("1", "one"), List.of("a_b", "c")),
      new Example(Document.of("2", "two"), List.of("d")),
      new Example(Document.of("3", "three"), List.of())), true);

  @Test
  void eachLabelIsAnEntailmentAndNegativesAreOtherLabelsInTheGivenRatio() {
    List<NliPairs.Pair> pairs = new NliPairs(Hypotheses.DEFAULT, 1, 7).build(MULTI);
    // example 1: 2 entailments + 2 contradictions; example 2: 1 + 1; example 3 (no label): none
    assertThat(pairs).hasSize(6);
    assertThat(pairs.get(0)).isEqualTo(new NliPairs.Pair("1", "one", "This example is a_b.", "entailment", "a_b"));
    for (NliPairs.Pair p : pairs) {
      if (p.label().equals(NliPairs.CONTRADICTION)) {
        Set<String> gold = p.id().equals("1") ? Set.of("a_b", "c") : Set.of("d");
        assertThat(gold).doesNotContain(p.classLabel());
      }
    }
  }

  @Test
  void allNegativesAndSeveralTemplates() {
    Hypotheses h = new Hypotheses(List.of("About {}.", "{}!"), Hypotheses.LabelText.READABLE);
    List<NliPairs.Pair> pairs = new NliPairs(h, NliPairs.ALL_NEGATIVES, 7).build(MULTI);
    // (2 + 3) pairs for example 1 and (1 + 4) for example 2, each in 2 templates
    assertThat(pairs).hasSize(20);
    assertThat(pairs.get(0).hypothesis()).isEqualTo("About a b.");
    assertThat(pairs.get(1).hypothesis()).isEqualTo("a b!");
  }

  @Test
  void theSeedChoosesTheNegatives() {
    Set<List<String>> seen = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      List<NliPairs.Pair> a = new NliPairs(Hypotheses.DEFAULT, 1, seed).build(MULTI);
      assertThat(new NliPairs(Hypotheses.DEFAULT, 1, seed).build(MULTI)).isEqualTo(a);
      seen.add(a.stream().map(NliPairs.Pair::classLabel).toList());
    }
    assertThat(seen.size()).isGreaterThan(1);
  }
}
