package org.classify4j.openai.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.cache.CachingChatModel;
import org.classify4j.llm.cache.InMemoryResponseCache;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.llm.classify.LlmResult;
import org.classify4j.llm.classify.LlmSettings.Scoring;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.llm.govern.UsageReport;
import org.classify4j.openai.OpenAiChatModel;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.openai.Fault;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.TokenTableLm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exact label-sequence scoring over {@code /v1/completions} with echoed prompt log-probabilities,
 * against the fake server's token-table language model, where every label's log-probability can
 * be computed by hand.
 */
class LlmSequenceScoringTest {
  // labels "very good" and "very bad" share the token " very"; "fine" is one token
  private static final LabelSpace LABELS = LabelSpace.of(List.of(
      Label.of("very good"), Label.of("very bad"), Label.of("fine")));
  // after "Answer:" comes " very" (-0.5), then " good" (-0.2) or " bad" (-1.5) after " very";
  // " fine" -2.0; the generated "." and every other token -3.0
  private static final TokenTableLm LM = new TokenTableLm(Map.of(
      " very", -0.5, " very| good", -0.2, " very| bad", -1.5, " fine", -2.0), -3.0);
  private static final double LP_GOOD = -0.5 + -0.2;
  private static final double LP_BAD = -0.5 + -1.5;
  private static final double LP_FINE = -2.0;

  private final FakeOpenAiServer server = FakeLlm.topicServer().completions(LM);
  private final OpenAiChatModel chat = FakeLlm.client(server);
  private final List<Document> docs = List.of(Document.of("a", "The soup was lovely."),
      Document.of("b", "Service was slow but the bread was good."));

  @AfterEach
  void close() {
    server.close();
  }

  private static LlmClassifierModel fit(org.classify4j.llm.ChatModel chat) {
    return LlmClassifier.builder(chat).zeroShot().scoring(Scoring.SEQUENCE).build()
        .fit(Dataset.of(LABELS, List.of()));
  }

  @Test
  void scoresAreTheSoftmaxOfTheExactLabelSequenceLogprobs() {
    LlmClassifierModel m = fit(chat);
    assertThat(m.scoring()).isEqualTo(Scoring.SEQUENCE);
    assertThat(m.oneHotScores()).isFalse();
    LlmClassifierModel.Detailed d = m.predictDetailed(docs);
    double z = Math.exp(LP_GOOD) + Math.exp(LP_BAD) + Math.exp(LP_FINE);
    for (int i = 0; i < docs.size(); i++) {
      float[] row = d.scores().row(i);
      assertThat((double) row[0]).isCloseTo(Math.exp(LP_GOOD) / z, within(1e-6));
      assertThat((double) row[1]).isCloseTo(Math.exp(LP_BAD) / z, within(1e-6));
      assertThat((double) row[2]).isCloseTo(Math.exp(LP_FINE) / z, within(1e-6));
      LlmResult r = d.results().get(i);
      assertThat(r.probabilities()).isEqualTo(LlmResult.Probabilities.SEQUENCE);
      assertThat(r.probabilities().wireName()).isEqualTo("sequence");
      // the raw sequence probabilities' sum: the mass the model put on the labels
      assertThat(r.candidateMass()).isCloseTo(z, within(1e-9));
      assertThat(r.answer()).isEqualTo("very good");
      assertThat(r.outcome()).isEqualTo(LlmResult.Outcome.SCORED);
    }
    // one completion request per label per document, never a chat request
    assertThat(server.requestCount()).isEqualTo(docs.size() * LABELS.size());
  }

  @Test
  void requestsAreRawEchoedCompletionsOfPromptPlusLabel() {
    LlmClassifierModel m = fit(chat);
    // dry runs (estimates) see the same requests, one per label
    assertThat(m.requests(docs)).hasSize(docs.size() * LABELS.size())
        .allSatisfy(r -> assertThat(r.completionsEcho()).isTrue());
    assertThat(server.requestCount()).isZero();
    m.predictProba(docs.subList(0, 1));
    List<JsonNode> reqs = server.requests();
    assertThat(reqs).hasSize(3);
    for (JsonNode r : reqs) {
      assertThat(r.has("messages")).isFalse();
      assertThat(r.path("echo").asBoolean()).isTrue();
      assertThat(r.path("logprobs").asInt()).isEqualTo(1);
      assertThat(r.path("max_tokens").asInt()).isEqualTo(1);
      assertThat(r.path("temperature").asDouble()).isZero();
      assertThat(r.fieldNames()).toIterable().noneMatch(f -> f.startsWith("classify4j"));
      assertThat(r.path("prompt").asText()).contains("Text: The soup was lovely.")
          .contains("Answer with the name of the one option");
    }
    assertThat(reqs.get(0).path("prompt").asText()).endsWith("Answer: very good");
    assertThat(reqs.get(1).path("prompt").asText()).endsWith("Answer: very bad");
    assertThat(reqs.get(2).path("prompt").asText()).endsWith("Answer: fine");
    // the same prompt for every label: only the label differs
    String p0 = reqs.get(0).path("prompt").asText();
    String p2 = reqs.get(2).path("prompt").asText();
    assertThat(p0.substring(0, p0.length() - " very good".length()))
        .isEqualTo(p2.substring(0, p2.length() - " fine".length()));
  }

  @Test
  void aServerWithoutCompletionsFallsBackToFirstTokenLogprobsAndSaysSo() {
    FakeOpenAiServer chatOnly = FakeLlm.topicServer(); // /v1/completions answers 404
    try (chatOnly) {
      LlmClassifierModel m = fit(FakeLlm.client(chatOnly));
      assertThat(m.scoring()).isEqualTo(Scoring.SEQUENCE); // until the server refuses
      java.io.PrintStream err = System.err;
      java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
      LlmClassifierModel.Detailed d;
      System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
      try {
        d = m.predictDetailed(docs);
      } finally {
        System.setErr(err);
      }
      // one warning that names the server, the failure and the scoring that ran instead
      String warned = log.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(warned).contains("does not score label sequences").contains("HTTP 404")
          .contains("falling back to logprobs scoring");
      assertThat(warned.split("does not score label sequences", -1)).hasSize(2);
      assertThat(m.scoring()).isEqualTo(Scoring.LOGPROBS);
      assertThat(d.results()).allSatisfy(r ->
          assertThat(r.probabilities()).isEqualTo(LlmResult.Probabilities.LOGPROBS));
      // the refused completion (404, not counted by the fake), then one chat per document
      assertThat(chatOnly.requestCount()).isEqualTo(docs.size());
      assertThat(chatOnly.requests()).allSatisfy(r -> assertThat(r.has("messages")).isTrue());
      for (int i = 0; i < docs.size(); i++) {
        double sum = 0;
        for (float v : d.scores().row(i)) {
          sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
      }
    }
  }

  @Test
  void aBadRequestToCompletionsAlsoFallsBack() {
    server.enqueue(Fault.of(Fault.Kind.BAD_REQUEST));
    LlmClassifierModel m = fit(chat);
    LlmClassifierModel.Detailed d = m.predictDetailed(docs.subList(0, 1));
    assertThat(m.scoring()).isEqualTo(Scoring.LOGPROBS);
    assertThat(d.results().get(0).probabilities()).isEqualTo(LlmResult.Probabilities.LOGPROBS);
    assertThat(server.requests().get(1).has("messages")).isTrue();
    // the fallback sticks: later documents go straight to chat
    long before = server.requestCount();
    m.predictDetailed(docs);
    assertThat(server.requestCount()).isEqualTo(before + docs.size());
  }

  @Test
  void aServerThatIgnoresEchoFallsBack() {
    // a server that answers /completions but sends only the generated token's logprob
    org.classify4j.llm.ChatModel noEcho = new org.classify4j.llm.ChatModel() {
      @Override
      public String id() {
        return chat.id();
      }

      @Override
      public org.classify4j.llm.ChatCapabilities capabilities() {
        return chat.capabilities();
      }

      @Override
      public org.classify4j.llm.ChatResponse chat(org.classify4j.llm.ChatRequest r) {
        org.classify4j.llm.ChatResponse a = chat.chat(r);
        if (!r.completionsEcho()) {
          return a;
        }
        return new org.classify4j.llm.ChatResponse(".", a.logprobs().subList(
            a.logprobs().size() - 1, a.logprobs().size()), a.usage(), a.finishReason());
      }
    };
    LlmClassifierModel m = fit(noEcho);
    LlmClassifierModel.Detailed d = m.predictDetailed(docs.subList(0, 1));
    assertThat(m.scoring()).isEqualTo(Scoring.LOGPROBS);
    assertThat(d.results().get(0).probabilities()).isEqualTo(LlmResult.Probabilities.LOGPROBS);
  }

  @Test
  void completionsAreCountedInUsageAndCached() {
    GovernedChatModel governed = GovernedChatModel.builder(chat).build();
    CachingChatModel cached = new CachingChatModel(governed, new InMemoryResponseCache());
    LlmClassifierModel m = fit(cached);
    float[] first = m.predictProba(docs).row(1);
    UsageReport u = governed.report();
    assertThat(u.requests()).isEqualTo(docs.size() * LABELS.size());
    assertThat(u.succeeded()).isEqualTo(docs.size() * LABELS.size());
    assertThat(u.promptTokens()).isPositive();
    assertThat(u.completionTokens()).isEqualTo(docs.size() * LABELS.size());
    long sent = server.requestCount();
    float[] again = m.predictProba(docs).row(1);
    assertThat(server.requestCount()).isEqualTo(sent);
    assertThat(cached.hits()).isEqualTo(docs.size() * LABELS.size());
    assertThat(again).containsExactly(first);
  }

  @Test
  void labelFilesRecordSequenceScoring() {
    List<org.classify4j.llm.label.LlmLabel> labels =
        new org.classify4j.llm.label.LlmLabeler(fit(chat)).label(docs);
    assertThat(labels).allSatisfy(l -> {
      assertThat(l.scoring()).isEqualTo("sequence");
      assertThat(l.oneHot()).isFalse();
      assertThat(l.labels()).containsExactly("very good");
    });
  }

  @Test
  void multiLabelKeepsFirstTokenScoring() {
    LlmClassifierModel m = LlmClassifier.builder(chat).zeroShot().scoring(Scoring.SEQUENCE)
        .build().fit(new Dataset(Fixtures.TOPICS, Fixtures.topics().examples(), true));
    assertThat(m.scoring()).isEqualTo(Scoring.LOGPROBS);
  }
}
