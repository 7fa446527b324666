package org.classify4j.openai.classify;

import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.openai.OpenAiChatModel;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.ClassifierContract;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Multi-label few-shot, per-option yes/no read from logprobs: the estimator contract. */
class LlmFewShotMultiLabelContractTest extends ClassifierContract {
  static FakeOpenAiServer server;
  static OpenAiChatModel chat;

  @BeforeAll
  static void start() {
    server = FakeLlm.topicServer();
    chat = FakeLlm.client(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected Dataset trainData() {
    return Fixtures.topicsMultiLabel();
  }

  @Override
  protected Classifier spec(long seed) {
    return LlmClassifier.builder(chat).fewShot(3).seed(seed).build();
  }

  @Override
  protected LoadContext loadContext() {
    return LoadContext.standard().with(chat);
  }

  @Override
  protected double minimumAccuracy() {
    return 0.8;
  }
}
