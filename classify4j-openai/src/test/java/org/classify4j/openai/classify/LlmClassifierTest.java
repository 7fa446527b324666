package org.classify4j.openai.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.govern.Budget;
import org.classify4j.llm.govern.Estimate;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.llm.govern.PriceTable;
import org.classify4j.llm.govern.RetryPolicy;
import org.classify4j.llm.govern.UsageReport;
import org.classify4j.llm.classify.InvalidAnswerPolicy;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.llm.classify.LlmResult;
import org.classify4j.llm.classify.LlmSettings;
import org.classify4j.openai.OpenAiChatModel;
import org.classify4j.openai.OpenAiConfig;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.HashingEmbedder;
import org.classify4j.testkit.openai.ChatScript;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmClassifierTest {
  private static final Pattern OPTION_LINE = Pattern.compile("(?m)^([A-Z]{1,2})\\. (\\S+)");
  private final FakeOpenAiServer server = FakeLlm.topicServer();
  private final OpenAiChatModel chat = FakeLlm.client(server);
  private final List<Document> docs = Fixtures.documents(Fixtures.topicsTest());

  @AfterEach
  void close() {
    server.close();
  }

  private static String userMessage(JsonNode request) {
    return request.path("messages").get(1).path("content").asText();
  }

  private static List<String> options(JsonNode request) {
    List<String> out = new ArrayList<>();
    Matcher m = OPTION_LINE.matcher(userMessage(request));
    while (m.find()) {
      out.add(m.group(2));
    }
    return out;
  }

  @Test
  void singleLabelZeroShotSendsOneRequestPerDocument() {
    LlmClassifierModel model = LlmClassifier.builder(chat).build().fit(Fixtures.topics());
    assertThat(server.requestCount()).isZero(); // fitting makes no calls
    ScoreMatrix s = model.predictProba(docs);
    assertThat(server.requestCount()).isEqualTo(docs.size());
    JsonNode req = server.requests().get(0);
    assertThat(req.path("max_tokens").asInt()).isEqualTo(1);
    assertThat(req.path("top_logprobs").asInt()).isEqualTo(20);
    assertThat(req.path("seed").asLong()).isEqualTo(42);
    assertThat(options(req)).containsExactly("sports", "cooking", "computers");
    for (int i = 0; i < s.rows(); i++) {
      assertThat(Fixtures.topicsTest().get(i).labels()).contains(s.classes().name(s.argmax(i)));
    }
  }

  @Test
  void probabilitiesComeFromTopLogprobsAndTheMassElsewhereIsReported() {
    LlmClassifierModel model = LlmClassifier.builder(chat).build().fit(Fixtures.topics());
    LlmClassifierModel.Detailed d = model.predictDetailed(docs.subList(0, 1));
    // "The players won the game and the fans cheered": sports 3 hits, others 0; the script puts
    // 95% of the mass on codes, proportional to exp(2 hits)
    double w = Math.exp(6);
    float[] row = d.scores().row(0);
    assertThat((double) row[0]).isCloseTo(w / (w + 2), within(1e-5));
    assertThat((double) row[1]).isCloseTo(1 / (w + 2), within(1e-5));
    assertThat(d.results().get(0).candidateMass()).isCloseTo(0.95, within(1e-6));
    assertThat(d.results().get(0).outcome()).isEqualTo(LlmResult.Outcome.SCORED);
  }

  @Test
  void tooLittleMassOnTheCandidatesAbstains() {
    LlmClassifierModel model = LlmClassifier.builder(chat).minCandidateMass(0.97).build()
        .fit(Fixtures.topics());
    LlmClassifierModel.Detailed d = model.predictDetailed(docs);
    assertThat(d.results()).allSatisfy(r ->
        assertThat(r.outcome()).isEqualTo(LlmResult.Outcome.ABSTAINED_LOW_MASS));
    for (int i = 0; i < docs.size(); i++) {
      assertThat(d.scores().row(i)).containsOnly(0f);
    }
    assertThat(model.predict(docs)).allSatisfy(p -> assertThat(p.abstained()).isTrue());
  }

  @Test
  void invalidAnswersFollowThePolicyNeverARandomLabel() {
    server.script(ChatScript.fixed("Banana"));
    Dataset train = Fixtures.topics();
    LlmClassifierModel abstain = LlmClassifier.builder(chat)
        .invalidAnswerPolicy(InvalidAnswerPolicy.abstain()).build().fit(train);
    LlmClassifierModel.Detailed d = abstain.predictDetailed(docs);
    assertThat(d.results()).allSatisfy(r -> {
      assertThat(r.outcome()).isEqualTo(LlmResult.Outcome.INVALID_ABSTAINED);
      assertThat(r.answer()).isEqualTo("Banana");
    });
    for (float[] row : d.scores().toArray()) {
      assertThat(row).containsOnly(0f);
    }

    LlmClassifierModel fixed = LlmClassifier.builder(chat)
        .invalidAnswerPolicy(InvalidAnswerPolicy.fixedLabel("cooking")).build().fit(train);
    List<Prediction> p = fixed.predict(docs);
    assertThat(p).allSatisfy(x -> assertThat(x.labelNames()).containsExactly("cooking"));

    LlmClassifierModel fail = LlmClassifier.builder(chat)
        .invalidAnswerPolicy(InvalidAnswerPolicy.fail()).build().fit(train);
    assertThatThrownBy(() -> fail.predictProba(docs))
        .isInstanceOf(ChatModelException.InvalidAnswer.class);

    assertThatThrownBy(() -> LlmClassifier.builder(chat)
        .invalidAnswerPolicy(InvalidAnswerPolicy.fixedLabel("weather")).build().fit(train))
        .hasMessageContaining("weather");
  }

  @Test
  void textAnswersWithoutLogprobsAcceptCodesAndLabelNamesOnly() {
    OpenAiChatModel plain = new OpenAiChatModel(OpenAiConfig.of(server.baseUrl(), "", "fake")
        .withCapabilities(org.classify4j.llm.ChatCapabilities.textOnly()));
    LlmClassifierModel m = LlmClassifier.builder(plain).build().fit(Fixtures.topics());
    assertThat(m.scoring()).isEqualTo(LlmSettings.Scoring.TEXT);
    server.script(ChatScript.fixed("B."));
    assertThat(m.predict(docs.subList(0, 1)).get(0).labelNames()).containsExactly("cooking");
    server.script(ChatScript.fixed("Computers"));
    assertThat(m.predict(docs.subList(0, 1)).get(0).labelNames()).containsExactly("computers");
    server.script(ChatScript.fixed("D"));
    assertThat(m.predict(docs.subList(0, 1)).get(0).abstained()).isTrue();
  }

  @Test
  void retrieveThenRankOffersOnlyTheNearestLabelsAndUnseenLabelsWorkByName() {
    LabelSpace space = LabelSpace.of(List.of(Fixtures.TOPICS.get(0), Fixtures.TOPICS.get(1),
        Fixtures.TOPICS.get(2), new Label("music", "song songs band bands concert concerts album",
            List.of(), "")));
    Dataset train = Fixtures.topics().withLabels(space); // no example of music
    LlmClassifierModel m = LlmClassifier.builder(chat).embedder(new HashingEmbedder(512))
        .candidates(2).build().fit(train);
    List<Document> test = List.of(Document.of("x1", "The band played a new song at the concert"),
        Document.of("x2", "The chef baked bread with butter and flour"));
    LlmClassifierModel.Detailed d = m.predictDetailed(test);
    assertThat(server.requests()).allSatisfy(r -> assertThat(options(r)).hasSize(2));
    assertThat(d.results().get(0).candidates()).contains("music");
    assertThat(space.name(d.scores().argmax(0))).isEqualTo("music");
    assertThat(space.name(d.scores().argmax(1))).isEqualTo("cooking");
    // labels outside the candidates score 0; rows still sum to 1
    long zeros = 0;
    for (float v : d.scores().row(0)) {
      zeros += v == 0f ? 1 : 0;
    }
    assertThat(zeros).isEqualTo(2);
  }

  @Test
  void fewShotExamplesAreSeededLabelDiverseAndFromTrainingOnly() {
    Dataset train = Fixtures.topics();
    Set<String> trainTexts = new HashSet<>(train.texts());
    LlmClassifierModel m = LlmClassifier.builder(chat).fewShot(3).seed(5).parallelism(1).build()
        .fit(train);
    m.predictProba(docs.subList(0, 2));
    String u1 = userMessage(server.requests().get(0));
    String u2 = userMessage(server.requests().get(1));
    List<String> ex = new ArrayList<>();
    Set<String> answers = new HashSet<>();
    Matcher mt = Pattern.compile("Text: (.*)\\nAnswer: ([A-Z])").matcher(u1);
    while (mt.find()) {
      ex.add(mt.group(1));
      answers.add(mt.group(2));
    }
    assertThat(ex).hasSize(3).allSatisfy(t -> assertThat(trainTexts).contains(t));
    assertThat(answers).containsExactlyInAnyOrder("A", "B", "C");
    assertThat(u2).contains(ex.get(0)); // the same examples for every document
    LlmClassifier.builder(chat).fewShot(3).seed(5).build().fit(train).predictProba(docs.subList(0, 1));
    assertThat(userMessage(server.requests().get(2))).isEqualTo(u1);
  }

  @Test
  void dynamicFewShotPicksNearExamplesWithinTheTokenBudget() {
    LlmClassifierModel m = LlmClassifier.builder(chat).embedder(new HashingEmbedder(256))
        .dynamicFewShot(6).tokenBudget(260).build().fit(Fixtures.topics());
    m.predictProba(docs.subList(2, 3)); // "The code has a bug so the program crashed"
    String u = userMessage(server.requests().get(0));
    assertThat(u).contains("Text: The program crashed because of a memory bug in the code");
    assertThat(org.classify4j.llm.Tokens.estimate(u)).isLessThanOrEqualTo(260);
    int blocks = u.split("\nAnswer: ", -1).length - 1;
    assertThat(blocks).isBetween(1, 6);
  }

  @Test
  void multiLabelAllowsZeroLabels() {
    LlmClassifierModel m = LlmClassifier.builder(chat).build().fit(Fixtures.topicsMultiLabel());
    List<Document> test = List.of(Document.of("w", "Sunny weather and a grey sky tomorrow"),
        Document.of("b", "The team's chef wrote a recipe program in code"));
    ScoreMatrix s = m.predictProba(test);
    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(userMessage(server.requests().get(0))).containsIgnoringCase("answer yes or no");
    List<Prediction> p = m.predict(test);
    assertThat(p.get(0).labels()).isEmpty();
    assertThat(p.get(0).abstained()).isFalse();
    assertThat(p.get(1).labelNames()).containsExactlyInAnyOrder("sports", "cooking", "computers");
    assertThat((double) s.get(1, 0)).isCloseTo(0.9, within(1e-5));
    assertThat((double) s.get(0, 0)).isCloseTo(0.1, within(1e-5));
  }

  @Test
  void dryRunEstimatesWithoutCalling() {
    LlmClassifierModel m = LlmClassifier.builder(chat).build().fit(Fixtures.topics());
    Estimate e = Estimate.of(chat.id(), m.requests(docs),
        PriceTable.empty().with("fake-model", new PriceTable.Price(1.0, 2.0)));
    assertThat(server.requestCount()).isZero();
    assertThat(e.calls()).isEqualTo(docs.size());
    assertThat(e.maxCompletionTokens()).isEqualTo(docs.size());
    assertThat(e.promptTokens()).isPositive();
    assertThat(e.maxCost()).isPositive();
  }

  @Test
  void budgetStopsARunCleanly() {
    GovernedChatModel g = GovernedChatModel.builder(chat).budget(Budget.ofRequests(3)).build();
    LlmClassifierModel m = LlmClassifier.builder(g).parallelism(1).build().fit(Fixtures.topics());
    assertThatThrownBy(() -> m.predictProba(docs))
        .isInstanceOf(ChatModelException.BudgetExceeded.class);
    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(g.report().budgetExhausted()).isTrue();
  }

  @Test
  void aFaultRunClassifiesEveryDocumentOnceAndCountsRetries() {
    List<Document> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Example e = Fixtures.topics().get(i % 24);
      many.add(Document.of("d" + i, e.document().text() + " #" + i));
    }
    server.randomFaults(0.2, 7, List.of(Fault.rateLimited(Duration.ofMillis(20)),
        Fault.of(Fault.Kind.SERVER_ERROR), Fault.slow(Duration.ofMillis(1500))));
    OpenAiChatModel impatient = new OpenAiChatModel(OpenAiConfig.of(server.baseUrl(), "", "fake")
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400)));
    GovernedChatModel g = GovernedChatModel.builder(impatient).maxConcurrency(8)
        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
        .build();
    LlmClassifierModel m = LlmClassifier.builder(g).parallelism(8).build().fit(Fixtures.topics());
    LlmClassifierModel.Detailed d = m.predictDetailed(many);
    UsageReport r = g.report();
    assertThat(d.results()).hasSize(40)
        .allSatisfy(x -> assertThat(x.outcome()).isEqualTo(LlmResult.Outcome.SCORED));
    assertThat(r.succeeded()).isEqualTo(40);
    assertThat(r.failed()).isZero();
    assertThat(server.faultCount()).isPositive();
    assertThat(r.retries()).isEqualTo(server.faultCount());
    assertThat(r.requests()).isEqualTo(40 + r.retries());
    for (int i = 0; i < 40; i++) {
      String gold = Fixtures.topics().get(i % 24).labels().get(0);
      assertThat(d.scores().classes().name(d.scores().argmax(i))).isEqualTo(gold);
    }
  }

  @Test
  void templatesAreValidatedWhenBuilt() {
    assertThatThrownBy(() -> LlmClassifier.builder(chat).userTemplate("Classify: {{options}}")
        .build()).hasMessageContaining("{{text}}");
    assertThatThrownBy(() -> LlmClassifier.builder(chat)
        .userTemplate("{{options}} {{text}} {{labelz}}").build()).hasMessageContaining("labelz");
    assertThatThrownBy(() -> LlmClassifier.builder(chat).candidates(2).build())
        .hasMessageContaining("embedder");
  }
}
