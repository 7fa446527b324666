package org.classify4j.openai.classify;

import org.classify4j.classify.Classifier;
import org.classify4j.llm.ChatCapabilities;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.openai.OpenAiChatModel;
import org.classify4j.openai.OpenAiConfig;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.ClassifierContract;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A server without logprobs: JSON schema enum answers, one-hot scores: the estimator contract. */
class LlmJsonSchemaContractTest extends ClassifierContract {
  static FakeOpenAiServer server;
  static OpenAiChatModel chat;

  @BeforeAll
  static void start() {
    server = FakeLlm.topicServer().withoutLogprobs();
    chat = new OpenAiChatModel(OpenAiConfig.of(server.baseUrl(), "", "fake-model")
        .withCapabilities(new ChatCapabilities(false, 0, true, true)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected Classifier spec(long seed) {
    return LlmClassifier.builder(chat).fewShot(2).seed(seed).build();
  }

  @Override
  protected LoadContext loadContext() {
    return LoadContext.standard().with(chat);
  }

  @Override
  protected double minimumAccuracy() {
    return 0.99;
  }
}
