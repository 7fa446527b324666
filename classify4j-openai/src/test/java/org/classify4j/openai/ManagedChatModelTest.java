package org.classify4j.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;
import org.classify4j.testkit.openai.Fault;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.KeywordChatScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat model the registry and CLI use: retries, then the persistent cache, by method name. */
class ManagedChatModelTest {
  @TempDir Path cacheDir;

  @Test
  void llmMethodsByNameRetryAndCacheAcrossRuns() {
    try (FakeOpenAiServer server = new FakeOpenAiServer(KeywordChatScript.fromLabels(Fixtures.TOPICS))) {
      Map<String, String> env =
          Map.of(
              OpenAiConfig.ENV_BASE_URL, server.baseUrl().toString(),
              OpenAiConfig.ENV_MODEL, "fake-model",
              "CLASSIFY4J_CACHE_DIR", cacheDir.toString());
      float[][] first;
      server.enqueue(Fault.of(Fault.Kind.SERVER_ERROR));
      try (ManagedChatModel chat = new ManagedChatModel(OpenAiConfig.fromEnvironment(env), env);
          LoadContext ctx = LoadContext.standard().with(chat).with(new HashingEmbedder(256))) {
        Classifier spec =
            Methods.create(
                "llm-zero-shot",
                MethodParams.of(Map.of("candidates", "2", "model", "hashing:256")),
                ctx);
        ClassifierModel m = spec.fit(Fixtures.topics());
        ScoreMatrix s = m.predictProba(Fixtures.documents(Fixtures.topicsTest()));
        first = s.toArray();
        assertThat(chat.report().retries()).isEqualTo(1);
        assertThat(server.requestCount()).isEqualTo(Fixtures.topicsTest().size() + 1);
      }
      long before = server.requestCount();
      try (ManagedChatModel chat = new ManagedChatModel(OpenAiConfig.fromEnvironment(env), env);
          LoadContext ctx = LoadContext.standard().with(chat).with(new HashingEmbedder(256))) {
        ClassifierModel m =
            Methods.create(
                    "llm-zero-shot",
                    MethodParams.of(Map.of("candidates", "2", "model", "hashing:256")),
                    ctx)
                .fit(Fixtures.topics());
        assertThat(m.predictProba(Fixtures.documents(Fixtures.topicsTest())).toArray())
            .isDeepEqualTo(first);
      }
      assertThat(server.requestCount()).isEqualTo(before);
    }
  }

  @Test
  void invalidAnswerPolicyIsNamedNeverRandom() {
    try (LoadContext ctx = LoadContext.standard()) {
      assertThatThrownBy(
              () -> Methods.create("llm-zero-shot", MethodParams.of(Map.of("invalid", "random")), ctx))
          .hasMessageContaining("expected fail, abstain or label:NAME");
    }
  }

  @Test
  void llmMethodsAreListed() {
    assertThat(Methods.all().stream().map(i -> i.name()).toList())
        .contains("llm-zero-shot", "llm-few-shot", "llm-dynamic-few-shot", "zero-shot", "linear");
  }
}
