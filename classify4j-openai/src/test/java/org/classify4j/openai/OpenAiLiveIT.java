package org.classify4j.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.classify4j.classify.ScoreMatrix;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real OpenAI-compatible endpoint, only when CLASSIFY4J_LLM_BASE_URL and
 * CLASSIFY4J_LLM_MODEL are set (plus CLASSIFY4J_LLM_API_KEY where the server needs one); skipped
 * otherwise. Run: {@code ./mvnw -o test -pl classify4j-core,classify4j-testkit,classify4j-openai
 * -Dtest=OpenAiLiveIT -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OpenAiLiveIT {
  private OpenAiChatModel model;

  @BeforeEach
  void endpoint() {
    String base = System.getenv(OpenAiConfig.ENV_BASE_URL);
    String m = System.getenv(OpenAiConfig.ENV_MODEL);
    assumeTrue(base != null && !base.isBlank() && m != null && !m.isBlank(),
        "set CLASSIFY4J_LLM_BASE_URL and CLASSIFY4J_LLM_MODEL to run against a real server");
    model = new OpenAiChatModel(OpenAiConfig.fromEnvironment());
  }

  @Test
  void answersWithTextUsageAndLogprobs() {
    ChatResponse r = GovernedChatModel.builder(model).build().chat(ChatRequest.builder()
        .messages(ChatMessage.user("Answer with the single letter A."))
        .maxTokens(2).seed(1).logprobs(5).build());
    assertThat(r.text()).isNotEmpty();
    assertThat(r.usage().promptTokens()).isPositive();
    if (model.capabilities().logprobs()) {
      assertThat(r.logprobs()).isNotEmpty();
    }
  }

  @Test
  void classifiesTheTopicFixture() {
    LlmClassifierModel m = LlmClassifier.builder(GovernedChatModel.builder(model).build())
        .parallelism(2).build().fit(Fixtures.topics());
    ScoreMatrix s = m.predictProba(Fixtures.documents(Fixtures.topicsTest()));
    int correct = 0;
    for (int i = 0; i < s.rows(); i++) {
      correct += Fixtures.topicsTest().get(i).labels().contains(s.classes().name(s.argmax(i))) ? 1 : 0;
    }
    assertThat(correct).as("at least 4 of 6 topics right").isGreaterThanOrEqualTo(4);
  }
}
