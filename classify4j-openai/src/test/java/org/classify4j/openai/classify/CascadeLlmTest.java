package org.classify4j.openai.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.cascade.CascadeClassifier;
import org.classify4j.cascade.CascadeModel;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.openai.OpenAiChatModel;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.GoldChatScript;
import org.classify4j.text.TfidfLinearClassifier;
import org.junit.jupiter.api.Test;

/** A cascade whose stage 2 is an LLM classifier over the fake server playing a gold oracle. */
class CascadeLlmTest {

  private static double accuracy(List<Prediction> p, List<Example> gold) {
    int right = 0;
    for (int i = 0; i < p.size(); i++) {
      right += p.get(i).labelNames().equals(gold.get(i).labels()) ? 1 : 0;
    }
    return (double) right / p.size();
  }

  @Test
  void usageCountsOnlyTheTextsSentToTheLlmAndTheOracleFixesThem() {
    Dataset train = Fixtures.topics();
    List<Example> test = Fixtures.topicsTest();
    Dataset all = new Dataset(train.labels(), new ArrayList<>(train.examples()) {
      {
        addAll(test);
      }
    }, false);
    try (FakeOpenAiServer server = new FakeOpenAiServer(
        new GoldChatScript(List.of(all), 1.0, 7))) {
      OpenAiChatModel http = FakeLlm.client(server);
      GovernedChatModel chat = GovernedChatModel.builder(http).maxConcurrency(2).build();
      CascadeModel m = CascadeClassifier.builder(
              new CascadeClassifier.FitStage(TfidfLinearClassifier.defaults()),
              new CascadeClassifier.FitStage(LlmClassifier.builder(chat).zeroShot().build()))
          .threshold(0.99).build().fit(train);
      long before = chat.report().requests();

      ScoreMatrix s = m.predictProba(Fixtures.documents(test));

      long calls = chat.report().requests() - before;
      assertThat(calls).isEqualTo(m.sentOn());
      int stage2 = 0;
      for (int i = 0; i < s.rows(); i++) {
        stage2 += s.note(CascadeModel.STAGE_NOTE, i).getAsInt() == 2 ? 1 : 0;
      }
      assertThat(stage2).isEqualTo((int) m.sentOn()).isPositive();
      assertThat(accuracy(m.defaultRule().decideAll(s), test)).isEqualTo(1.0);
    }
  }

  @Test
  void aNoisyOracleIsRightAboutAsOftenAsAsked() {
    Dataset train = Fixtures.topics();
    GoldChatScript noisy = new GoldChatScript(List.of(train), 0.75, 3);
    try (FakeOpenAiServer server = new FakeOpenAiServer(noisy)) {
      var model = LlmClassifier.builder(FakeLlm.client(server)).zeroShot().build().fit(train);
      double acc = accuracy(model.predict(train.documents()), train.examples());
      double acc2 = accuracy(model.predict(train.documents()), train.examples());

      assertThat(acc).isEqualTo(acc2); // seeded by text: the same answers again
      assertThat(acc).isBetween(0.5, 0.95);
      assertThat(noisy.unknownTexts()).isZero();
      assertThat(noisy.wrongAnswers()).isEqualTo(
          2L * Math.round((1 - acc) * train.size()));
    }
  }
}
