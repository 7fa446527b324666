package org.classify4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.Capability;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.cache.CachingChatModel;
import org.classify4j.llm.cache.InMemoryResponseCache;
import org.classify4j.llm.classify.InvalidAnswerPolicy;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.llm.classify.LlmResult;
import org.classify4j.llm.classify.LlmSettings.Scoring;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.llm.govern.RetryPolicy;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.openai.ChatScript;
import org.junit.jupiter.api.Test;

/** What of classify4j's LLM machinery works over a LangChain4j chat model, and what does not. */
class LlmOverLangChain4jTest {

  private static LlmClassifierModel fit(org.classify4j.llm.ChatModel chat) {
    return LlmClassifier.builder(chat).zeroShot().parallelism(1).build().fit(Fixtures.topics());
  }

  @Test
  void scoresAreOneHotAndTheModelSaysSo() {
    var chat = LangChain4jChatModel.of("lc", new ScriptedLangChain4jChatModel(
        TopicScript.topics(), Set.of()));
    LlmClassifierModel model = fit(chat);

    ScoreMatrix s = model.predictProba(Fixtures.documents(Fixtures.topicsTest()));

    assertThat(model.oneHotScores()).isTrue();
    assertThat(model.scoring()).isEqualTo(Scoring.TEXT);
    for (int i = 0; i < s.rows(); i++) {
      float[] row = s.row(i);
      int ones = 0;
      for (float v : row) {
        assertThat(v).isIn(0f, 1f);
        ones += v == 1f ? 1 : 0;
      }
      assertThat(ones).isEqualTo(1);
      assertThat(s.classes().name(s.argmax(i)))
          .isEqualTo(Fixtures.topicsTest().get(i).labels().get(0));
    }
  }

  @Test
  void answersAreConstrainedByTheJsonSchemaWhenTheModelSupportsIt() {
    var fake = new ScriptedLangChain4jChatModel(TopicScript.topics(),
        Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA));
    LlmClassifierModel model = fit(LangChain4jChatModel.of("lc", fake));

    ScoreMatrix s = model.predictProba(Fixtures.documents(Fixtures.topicsTest()));

    assertThat(model.scoring()).isEqualTo(Scoring.JSON_SCHEMA);
    assertThat(model.oneHotScores()).isTrue();
    assertThat(fake.seen).allSatisfy(r -> assertThat(r.responseFormat()).isNotNull());
    for (int i = 0; i < s.rows(); i++) {
      assertThat(s.classes().name(s.argmax(i)))
          .isEqualTo(Fixtures.topicsTest().get(i).labels().get(0));
    }
  }

  @Test
  void anInvalidAnswerFollowsThePolicyNotAGuess() {
    var chat = LangChain4jChatModel.of("lc", new ScriptedLangChain4jChatModel(
        ChatScript.fixed("I would rather not say."), Set.of()));
    var abstaining = fit(chat);
    var fixed = LlmClassifier.builder(chat).zeroShot().parallelism(1)
        .invalidAnswerPolicy(InvalidAnswerPolicy.fixedLabel("cooking")).build()
        .fit(Fixtures.topics());
    var failing = LlmClassifier.builder(chat).zeroShot().parallelism(1)
        .invalidAnswerPolicy(InvalidAnswerPolicy.fail()).build().fit(Fixtures.topics());
    var docs = Fixtures.documents(Fixtures.topicsTest()).subList(0, 2);

    var detailed = abstaining.predictDetailed(docs);
    assertThat(detailed.results()).allSatisfy(r ->
        assertThat(r.outcome()).isEqualTo(LlmResult.Outcome.INVALID_ABSTAINED));
    assertThat(abstaining.predict(docs)).allSatisfy(p -> assertThat(p.abstained()).isTrue());
    assertThat(fixed.predict(docs)).allSatisfy(p ->
        assertThat(p.labelNames()).containsExactly("cooking"));
    assertThatThrownBy(() -> failing.predict(docs))
        .isInstanceOf(ChatModelException.InvalidAnswer.class);
  }

  @Test
  void classify4jRetriesRetriableLangChain4jErrorsAndNotTheOthers() {
    var flaky = new ScriptedLangChain4jChatModel(TopicScript.topics(), Set.of())
        .failFirst(2, () -> new RateLimitException("429"));
    var governed = GovernedChatModel.builder(LangChain4jChatModel.of("lc", flaky))
        .retryPolicy(RetryPolicy.defaults().withMaxAttempts(4)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)))
        .maxConcurrency(1).build();
    var model = fit(governed);

    var p = model.predict(List.of(Fixtures.topicsTest().get(0).document()));

    assertThat(p.get(0).labelNames()).containsExactly("sports");
    assertThat(flaky.calls.get()).isEqualTo(3);
    assertThat(governed.report().retries()).isEqualTo(2);

    var denied = new ScriptedLangChain4jChatModel(TopicScript.topics(), Set.of())
        .failFirst(100, () -> new AuthenticationException("401"));
    var governedDenied = GovernedChatModel.builder(LangChain4jChatModel.of("lc", denied))
        .retryPolicy(RetryPolicy.defaults().withMaxAttempts(4)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)))
        .maxConcurrency(1).build();
    var deniedModel = fit(governedDenied);
    assertThatThrownBy(() -> deniedModel.predict(List.of(Fixtures.topicsTest().get(0).document())))
        .isInstanceOf(ChatModelException.Auth.class);
    assertThat(denied.calls.get()).isEqualTo(1);
  }

  @Test
  void theResponseCacheAnswersRepeatedTextsWithoutCallingTheModel() {
    var fake = new ScriptedLangChain4jChatModel(TopicScript.topics(), Set.of());
    var cached = new CachingChatModel(LangChain4jChatModel.of("lc", fake),
        new InMemoryResponseCache());
    var model = fit(cached);
    var docs = Fixtures.documents(Fixtures.topicsTest());

    ScoreMatrix first = model.predictProba(docs);
    int callsAfterFirst = fake.calls.get();
    ScoreMatrix second = model.predictProba(docs);

    assertThat(callsAfterFirst).isEqualTo(docs.size());
    assertThat(fake.calls.get()).isEqualTo(callsAfterFirst);
    assertThat(cached.hits()).isEqualTo(docs.size());
    assertThat(second.toArray()).isDeepEqualTo(first.toArray());
  }
}
