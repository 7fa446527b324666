package org.classify4j.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.eval.EvalData;
import org.classify4j.eval.Metrics;
import org.classify4j.llm.cache.CachingChatModel;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.llm.govern.Budget;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.llm.govern.PriceTable;
import org.classify4j.llm.label.AuditReport;
import org.classify4j.llm.label.LabelAudit;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LabelUsage;
import org.classify4j.llm.label.LlmLabel;
import org.classify4j.llm.label.LlmLabeler;
import org.classify4j.openai.H2ResponseCache;
import org.classify4j.openai.OpenAiChatModel;
import org.classify4j.openai.OpenAiConfig;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.testkit.HashingEmbedder;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole loop — label, audit, distill — against the local fake OpenAI server. */
class LlmLabelingLoopTest {
  static final PriceTable PRICES =
      PriceTable.empty().with("*", new PriceTable.Price(0.15, 0.60));

  @TempDir Path dir;
  final FakeOpenAiServer server = LabelingExample.server();

  @AfterEach
  void close() {
    server.close();
  }

  /** Labels {@code input} into {@code output} (resuming) with a budget; returns the run's usage. */
  record Run(LlmLabeler.RunSummary summary, LabelUsage usage) {}

  Run label(Path input, Path output, Budget budget) {
    try (OpenAiChatModel base = new OpenAiChatModel(
            OpenAiConfig.of(server.baseUrl(), "", "fake-model"));
        GovernedChatModel gov = GovernedChatModel.builder(base).prices(PRICES).budget(budget)
            .build();
        H2ResponseCache cache = H2ResponseCache.open(dir.resolve("cache"))) {
      CachingChatModel chat = new CachingChatModel(gov, cache);
      LlmClassifierModel m = LlmClassifier.builder(chat).task(LabelingExample.TASK).build()
          .fit(new Dataset(LabelingExample.LABELS, List.of(), false));
      LlmLabeler.RunSummary s;
      try (LabelFile.Output out = LabelFile.openForResume(output, true);
          var docs = DatasetReader.open(input)) {
        s = LlmLabeler.of(m).run(docs.stream().map(e -> e.document()).iterator(), out);
      }
      LabelUsage u = LabelUsage.of(chat.id(), s.labeled(), gov.report().withCacheHits(chat.hits()),
          PRICES.find(chat.id()), s.seconds());
      return new Run(s, u);
    }
  }

  @Test
  void labelAuditDistillMeetsTargetPrecisionOnTheAuditSample() {
    Path messages = LabelingExample.resource("messages.jsonl");
    Path auditGold = LabelingExample.resource("audit.jsonl");
    Path testGold = LabelingExample.resource("heldout_gold.jsonl");
    Path labels = dir.resolve("messages.llm.jsonl");
    Path auditLabels = dir.resolve("audit.llm.jsonl");

    // 1. label: every message gets a label with its probability
    Run run = label(messages, labels, Budget.unlimited());
    assertThat(run.summary().labeled()).isEqualTo(400);
    List<LlmLabel> llm = LabelFile.read(labels);
    assertThat(llm).hasSize(400);
    assertThat(llm).allSatisfy(l -> {
      assertThat(l.scores().keySet()).containsExactly("no", "yes");
      assertThat(l.probability()).isBetween(0.0, 1.0);
    });
    assertThat(run.usage().calls()).isEqualTo(400);
    assertThat(run.usage().costPer1000Documents()).hasValueSatisfying(c -> assertThat(c).isPositive());
    label(auditGold, auditLabels, Budget.unlimited());

    // 2. audit: the LLM's labels against the human sample
    Dataset gold = DatasetReader.read(auditGold);
    AuditReport audit = LabelAudit.run(LabelFile.read(auditLabels), gold);
    assertThat(audit.matched()).isEqualTo(150);
    assertThat(audit.noiseRate().estimate()).isBetween(0.01, 0.5);
    assertThat(audit.noiseRate().lower()).isLessThan(audit.noiseRate().estimate());
    assertThat(audit.noiseRate().upper()).isGreaterThan(audit.noiseRate().estimate());
    assertThat(audit.kappa().estimate()).isBetween(0.2, 1.0);
    assertThat(audit.disagreements()).isNotEmpty();
    System.out.println("== audit (LLM labels vs the human sample)\n" + audit.toText(5));
    for (int i = 1; i < audit.disagreements().size(); i++) {
      assertThat(audit.disagreements().get(i).llmProbability())
          .isLessThanOrEqualTo(audit.disagreements().get(i - 1).llmProbability());
    }

    // 3. distill for precision ≥ 0.9, threshold chosen on the audit sample, judged on held-out data
    HashingEmbedder embedder = new HashingEmbedder(512);
    Dataset test = DatasetReader.read(testGold);
    Distiller.Result r = Distiller.builder(embedder).target(Target.precision(0.9)).build()
        .distill(llm, gold, Optional.of(test), Optional.of(run.usage()));
    DistillReport rep = r.report();
    System.out.println("== distill (target precision 0.9)\n" + rep.toText());
    assertThat(rep.positiveLabel()).contains("yes");
    assertThat(rep.targetMet()).isTrue();
    assertThat(rep.threshold()).isPresent();
    assertThat(rep.audit().precision().estimate()).isGreaterThanOrEqualTo(0.9);
    assertThat(rep.audit().precision().lower()).isLessThanOrEqualTo(rep.audit().precision().estimate());
    assertThat(rep.audit().precision().upper()).isGreaterThanOrEqualTo(rep.audit().precision().estimate());
    assertThat(rep.audit().recall().estimate()).isPositive();
    assertThat(rep.test()).isPresent();
    assertThat(rep.curve()).isNotEmpty();
    DistillReport.TradeOff at90 = rep.tradeOffs().stream()
        .filter(t -> t.minPrecision() == 0.9).findFirst().orElseThrow();
    assertThat(at90.threshold()).isEqualTo(rep.threshold());
    assertThat(at90.recall().orElseThrow()).isCloseTo(rep.audit().recall().estimate(), within(1e-12));
    assertThat(rep.speed().documentsPerSecond()).isPositive();
    var json = rep.toJson();
    assertThat(json.path("audit").path("precision").has("lower")).isTrue();
    assertThat(json.path("cost_per_1000_documents").path("llm").path("api_cost").asDouble())
        .isPositive();
    assertThat(json.path("cost_per_1000_documents").path("distilled").path("api_cost").asDouble())
        .isZero();

    // the saved rule, applied independently, reproduces the precision on the audit sample
    ScoreMatrix s = r.model().predictProba(gold.documents());
    EvalData applied = EvalData.of(gold.withLabels(r.model().classes()), s, r.rule());
    int yes = r.model().classes().requireIndex("yes");
    assertThat(Metrics.perLabel(applied, yes).precision())
        .isCloseTo(rep.audit().precision().estimate(), within(1e-12));
    // every decision is exactly one of the two labels
    for (Prediction p : r.rule().decideAll(s)) {
      assertThat(p.labels()).hasSize(1);
    }

    // 4. save with the tuned rule; load it back
    Path modelDir = dir.resolve("model");
    ModelStore.save(r.model(), modelDir, new Provenance("now", "test", "17", "distilled",
        Map.of(), Map.of()), r.rule());
    try (LoadContext ctx = LoadContext.standard().with(embedder)) {
      LoadedModel back = ModelStore.load(modelDir, ctx);
      assertThat(back.decisionRule()).isEqualTo(r.rule());
      List<Document> some = test.documents().subList(0, 20);
      assertThat(back.predict(some)).isEqualTo(r.rule().decideAll(r.model().predictProba(some)));
    }
  }

  @Test
  void aBudgetStopsLabelingAndAResumedRunAsksEachDocumentOnce() {
    Path messages = LabelingExample.resource("messages.jsonl");
    Path labels = dir.resolve("messages.llm.jsonl");
    Run first = label(messages, labels, Budget.ofRequests(50));
    assertThat(first.summary().stoppedByBudget()).isTrue();
    // 50 requests allowed: the answers of the batch that hit the budget come from the cache
    // (a call cut off in flight when the batch failed is asked again later)
    long firstLabeled = first.summary().labeled();
    assertThat(firstLabeled).isBetween(32L, 50L);
    assertThat(server.answeredCount()).isLessThanOrEqualTo(50);
    long answeredBefore = server.answeredCount();
    Run second = label(messages, labels, Budget.unlimited());
    assertThat(second.summary().skipped()).isEqualTo(firstLabeled);
    assertThat(second.summary().labeled()).isEqualTo(400 - firstLabeled);
    assertThat(server.answeredCount() - answeredBefore).isEqualTo(400 - firstLabeled);
    List<LlmLabel> all = LabelFile.read(labels);
    assertThat(all).extracting(LlmLabel::id).doesNotHaveDuplicates().hasSize(400);
    LabelUsage total = first.usage().plus(second.usage());
    assertThat(total.documents()).isEqualTo(400);
    assertThat(total.runs()).isEqualTo(2);
  }

  @Test
  void aDryRunCountsCallsTokensAndCostAndKnowsWhatIsCached() {
    Path messages = LabelingExample.resource("messages.jsonl");
    try (OpenAiChatModel base = new OpenAiChatModel(
            OpenAiConfig.of(server.baseUrl(), "", "fake-model"));
        GovernedChatModel gov = GovernedChatModel.builder(base).prices(PRICES).build();
        H2ResponseCache cache = H2ResponseCache.open(dir.resolve("cache"))) {
      CachingChatModel chat = new CachingChatModel(gov, cache);
      LlmClassifierModel m = LlmClassifier.builder(chat).task(LabelingExample.TASK).build()
          .fit(new Dataset(LabelingExample.LABELS, List.of(), false));
      List<Document> docs = DatasetReader.read(messages).documents();
      LlmLabeler labeler = LlmLabeler.of(m);
      LlmLabeler.DryRun dry = labeler.dryRun(docs.iterator(), Set.of("m001"), PRICES,
          chat::isCached);
      assertThat(dry.documents()).isEqualTo(399);
      assertThat(dry.skipped()).isEqualTo(1);
      assertThat(dry.estimate().calls()).isEqualTo(399);
      assertThat(dry.estimate().promptTokens()).isPositive();
      assertThat(dry.estimate().maxCost()).isPositive();
      assertThat(server.requestCount()).isZero();
      labeler.label(docs.subList(0, 10));
      LlmLabeler.DryRun after = labeler.dryRun(docs.iterator(), Set.of(), PRICES, chat::isCached);
      assertThat(after.estimate().cachedCalls()).isEqualTo(10);
      assertThat(after.estimate().calls()).isEqualTo(390);
    }
  }
}
