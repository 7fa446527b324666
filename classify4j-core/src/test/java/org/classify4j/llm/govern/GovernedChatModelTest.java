package org.classify4j.llm.govern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.llm.ChatCapabilities;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.Usage;
import org.junit.jupiter.api.Test;

class GovernedChatModelTest {

  /** Fails with the queued errors, then answers "ok" using 100 + 2 tokens. */
  static final class Scripted implements ChatModel {
    final Deque<RuntimeException> failures = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();

    Scripted(RuntimeException... fs) {
      failures.addAll(List.of(fs));
    }

    @Override
    public String id() {
      return "test:model";
    }

    @Override
    public ChatCapabilities capabilities() {
      return ChatCapabilities.openAi();
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request) {
      calls.incrementAndGet();
      RuntimeException f = failures.poll();
      if (f != null) {
        throw f;
      }
      return new ChatResponse("ok", List.of(), new Usage(100, 2), "stop");
    }
  }

  private static ChatRequest req() {
    return ChatRequest.builder().messages(ChatMessage.user("x".repeat(40))).maxTokens(2).build();
  }

  @Test
  void retriesRetriableErrorsHonouringRetryAfter() {
    FakeTime t = new FakeTime();
    Scripted m = new Scripted(
        new ChatModelException.RateLimited("429", Optional.of(Duration.ofSeconds(7))),
        new ChatModelException.Unavailable("500", 500, Optional.empty(), null),
        new ChatModelException.Timeout("slow", null));
    GovernedChatModel g = GovernedChatModel.builder(m).timeSource(t)
        .retryPolicy(RetryPolicy.defaults()).build();
    assertThat(g.chat(req()).text()).isEqualTo("ok");
    assertThat(m.calls.get()).isEqualTo(4);
    assertThat(t.nonZeroSleeps()).hasSize(3);
    assertThat(t.nonZeroSleeps().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    UsageReport r = g.report();
    assertThat(r.requests()).isEqualTo(4);
    assertThat(r.retries()).isEqualTo(3);
    assertThat(r.succeeded()).isEqualTo(1);
    assertThat(r.failed()).isZero();
    assertThat(r.errors()).containsEntry("rate_limited", 1L).containsEntry("unavailable", 1L)
        .containsEntry("timeout", 1L);
    assertThat(r.promptTokens()).isEqualTo(100);
  }

  @Test
  void nonRetriableErrorsFailAtOnce() {
    FakeTime t = new FakeTime();
    Scripted m = new Scripted(new ChatModelException.Auth("401", 401));
    GovernedChatModel g = GovernedChatModel.builder(m).timeSource(t).build();
    assertThatThrownBy(() -> g.chat(req())).isInstanceOf(ChatModelException.Auth.class);
    assertThat(m.calls.get()).isEqualTo(1);
    assertThat(g.report().failed()).isEqualTo(1);
    assertThat(g.report().retries()).isZero();
  }

  @Test
  void givesUpAfterMaxAttempts() {
    FakeTime t = new FakeTime();
    Scripted m = new Scripted(new ChatModelException.Timeout("a", null),
        new ChatModelException.Timeout("b", null), new ChatModelException.Timeout("c", null));
    GovernedChatModel g = GovernedChatModel.builder(m).timeSource(t)
        .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2)).build();
    assertThatThrownBy(() -> g.chat(req())).isInstanceOf(ChatModelException.Timeout.class);
    assertThat(m.calls.get()).isEqualTo(2);
    assertThat(g.report().retries()).isEqualTo(1);
  }

  @Test
  void budgetStopsCleanlyBeforeSending() {
    Scripted m = new Scripted();
    GovernedChatModel g = GovernedChatModel.builder(m).timeSource(new FakeTime())
        .budget(Budget.ofRequests(2)).build();
    g.chat(req());
    g.chat(req());
    assertThatThrownBy(() -> g.chat(req())).isInstanceOf(ChatModelException.BudgetExceeded.class);
    assertThatThrownBy(() -> g.chat(req())).isInstanceOf(ChatModelException.BudgetExceeded.class);
    assertThat(m.calls.get()).isEqualTo(2);
    assertThat(g.budgetExhausted()).isTrue();
    assertThat(g.report().budgetExhausted()).isTrue();
  }

  @Test
  void costBudgetUsesThePriceTable() {
    Scripted m = new Scripted();
    PriceTable prices = PriceTable.fromMap(Map.of("model", Map.of("input", 1000.0, "output", 0.0)));
    // each call: 17 prompt tokens estimated (0.017), 100 really used (0.1) at 1000 per million
    GovernedChatModel g = GovernedChatModel.builder(m).timeSource(new FakeTime()).prices(prices)
        .budget(Budget.ofCost(0.21)).build();
    g.chat(req());
    g.chat(req());
    assertThatThrownBy(() -> g.chat(req())).isInstanceOf(ChatModelException.BudgetExceeded.class);
    assertThat(g.report().cost()).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void rateLimitsMakeCallsWait() {
    FakeTime t = new FakeTime();
    GovernedChatModel g = GovernedChatModel.builder(new Scripted()).timeSource(t)
        .requestsPerMinute(60).build();
    for (int i = 0; i < 3; i++) {
      g.chat(req());
    }
    assertThat(t.nonZeroSleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void dryRunEstimatesWithoutCalling() {
    Scripted m = new Scripted();
    GovernedChatModel g = GovernedChatModel.builder(m)
        .prices(PriceTable.empty().with("*", new PriceTable.Price(1e6, 1e6))).build();
    Estimate e = g.estimate(List.of(req(), req()));
    assertThat(m.calls.get()).isZero();
    assertThat(e.calls()).isEqualTo(2);
    assertThat(e.promptTokens()).isEqualTo(2L * (3 + 4 + 10));
    assertThat(e.maxCompletionTokens()).isEqualTo(4);
    assertThat(e.maxCost()).isCloseTo(38.0, within(1e-9));
  }
}
