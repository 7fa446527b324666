package org.classify4j.langchain4j;

import java.util.Set;
import org.classify4j.classify.Classifier;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.ClassifierContract;

/**
 * classify4j's zero-shot LLM classifier over a LangChain4j chat model (no logprobs, plain text
 * answers): the estimator contract, one-hot scores included.
 */
class LlmOverLangChain4jContractTest extends ClassifierContract {
  static final LangChain4jChatModel CHAT = LangChain4jChatModel.of("langchain4j:fake-topics",
      new ScriptedLangChain4jChatModel(TopicScript.topics(), Set.of()));

  @Override
  protected Classifier spec(long seed) {
    return LlmClassifier.builder(CHAT).zeroShot().seed(seed).build();
  }

  @Override
  protected LoadContext loadContext() {
    return LoadContext.standard().with(CHAT);
  }

  @Override
  protected double minimumAccuracy() {
    return 0.99;
  }
}
