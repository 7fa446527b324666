package org.classify4j.llm.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.eval.Bootstrap;
import org.junit.jupiter.api.Test;

class LabelAuditTest {
  static final LabelSpace SPACE = LabelSpace.ofNames("no", "yes");

  /**
   * 20 gold documents: 10 yes, 10 no. The LLM: 8 of the yes right (p .9), 2 of the yes wrong as no
   * (p .6 and .95), 9 of the no right (p .8), 1 of the no wrong as yes (p .7); one further gold
   * document the LLM never labeled.
   */
  static List<LlmLabel> llm = new ArrayList<>();
  static Dataset gold;

  static {
    List<Example> g = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      g.add(Example.of("y" + i, "safety " + i, "yes"));
      String l = i < 8 ? "yes" : "no";
      double p = i < 8 ? 0.9 : i == 8 ? 0.6 : 0.95;
      llm.add(LabelFileTest.label("y" + i, "safety " + i, l, p));
    }
    for (int i = 0; i < 10; i++) {
      g.add(Example.of("n" + i, "party " + i, "no"));
      String l = i < 9 ? "no" : "yes";
      llm.add(LabelFileTest.label("n" + i, "party " + i, l, i < 9 ? 0.8 : 0.7));
    }
    g.add(Example.of("lost", "never labeled", "no"));
    gold = Dataset.of(SPACE, g);
  }

  @Test
  void countsAgreementKappaAndNoise() {
    AuditReport r = LabelAudit.run(llm, gold);
    assertThat(r.goldDocuments()).isEqualTo(21);
    assertThat(r.matched()).isEqualTo(20);
    assertThat(r.missing()).isEqualTo(1);
    assertThat(r.missingIds()).containsExactly("lost");
    assertThat(r.decided()).isEqualTo(20);
    // yes: tp 8, fp 1, fn 2 → P 8/9, R .8
    AuditReport.LabelAgreement yes = r.label("yes").orElseThrow();
    assertThat(yes.precision().estimate()).isCloseTo(8.0 / 9, within(1e-9));
    assertThat(yes.recall().estimate()).isCloseTo(0.8, within(1e-9));
    assertThat(yes.support()).isEqualTo(10);
    assertThat(yes.precision().lower()).isLessThanOrEqualTo(8.0 / 9);
    assertThat(yes.precision().upper()).isGreaterThanOrEqualTo(8.0 / 9);
    // kappa: po = 17/20, pe = (10·9 + 10·11)/400 = .5 → .7
    assertThat(r.kappa().estimate()).isCloseTo(0.7, within(1e-9));
    assertThat(r.kappa().lower()).isLessThan(0.7);
    assertThat(r.noiseRate().estimate()).isCloseTo(3.0 / 20, within(1e-9));
    assertThat(r.noiseRate().lower()).isBetween(0.0, 0.15);
    assertThat(r.noiseRate().upper()).isBetween(0.15, 1.0);
    long[][] cm = r.confusion().orElseThrow().counts();
    assertThat(cm[1][1]).isEqualTo(8); // gold yes, llm yes
    assertThat(cm[1][0]).isEqualTo(2);
    assertThat(cm[0][1]).isEqualTo(1);
    assertThat(cm[0][0]).isEqualTo(9);
  }

  @Test
  void disagreementsComeMostConfidentFirst() {
    AuditReport r = LabelAudit.run(llm, gold);
    assertThat(r.disagreementCount()).isEqualTo(3);
    assertThat(r.disagreements()).extracting(AuditReport.Disagreement::id)
        .containsExactly("y9", "n9", "y8");
    AuditReport.Disagreement top = r.disagreements().get(0);
    assertThat(top.gold()).containsExactly("yes");
    assertThat(top.llm()).containsExactly("no");
    assertThat(top.llmProbability()).isEqualTo(0.95);
    assertThat(top.llmScoreOfGold()).isCloseTo(0.05, within(1e-9));
    assertThat(r.toJson().path("disagreements").get(0).path("text").asText()).isEqualTo("safety 9");
  }

  @Test
  void abstentionsLowerRecallButAreNotNoise() {
    List<LlmLabel> l = new ArrayList<>(llm);
    l.set(0, new LlmLabel("y0", "safety 0", java.util.Map.of(), List.of(), 0.5,
        java.util.Map.of("no", 0.5, "yes", 0.5), true, "abstained_low_mass"));
    AuditReport r = LabelAudit.run(l, gold);
    assertThat(r.abstained()).isEqualTo(1);
    assertThat(r.decided()).isEqualTo(19);
    assertThat(r.noiseRate().trials()).isEqualTo(19);
    assertThat(r.label("yes").orElseThrow().recall().estimate()).isCloseTo(0.7, within(1e-9));
    assertThat(r.confusion().orElseThrow().undecided()[1]).isEqualTo(1);
  }

  @Test
  void sameSeedSameIntervalsAndJsonHasTheParts() {
    LabelAudit.Options o = new LabelAudit.Options(new Bootstrap(200, 0.9, 7), 2, 4);
    AuditReport a = LabelAudit.run(llm, gold, o);
    AuditReport b = LabelAudit.run(llm, gold, o);
    assertThat(a.kappa()).isEqualTo(b.kappa());
    assertThat(a.disagreements()).hasSize(2);
    var j = a.toJson();
    assertThat(j.path("kappa").path("level").asDouble()).isEqualTo(0.9);
    assertThat(j.path("noise_rate").path("method").asText()).isEqualTo("wilson");
    assertThat(j.path("confusion_matrix").path("counts").get(1).get(1).asLong()).isEqualTo(8);
    assertThat(j.path("by_confidence")).hasSize(4);
    assertThat(a.toText(5)).contains("kappa").contains("y9");
  }

  @Test
  void wilsonIntervalMatchesAKnownValue() {
    // 3 of 20 at 95 %: Wilson [0.0524, 0.3604]
    Wilson.Proportion p = Wilson.interval(3, 20, 0.95);
    assertThat(p.lower()).isCloseTo(0.05236, within(1e-4));
    assertThat(p.upper()).isCloseTo(0.36040, within(1e-4));
    assertThat(Wilson.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
  }
}
