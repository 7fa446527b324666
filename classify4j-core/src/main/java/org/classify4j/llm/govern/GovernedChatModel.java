package org.classify4j.llm.govern;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.classify4j.Classify4jException;
import org.classify4j.llm.ChatCapabilities;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.Tokens;
import org.classify4j.llm.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps any {@link ChatModel} with the governance every call gets: a budget checked before
 * sending, bounded concurrency, client-side rate limits, retries of retriable errors with
 * exponential backoff and jitter (Retry-After honoured), and a {@link UsageReport} of requests,
 * retries, errors, tokens and cost. Thread-safe. Logs the error kind and status of each retry at
 * DEBUG/WARN, never prompts or keys. Does not close the wrapped model unless {@link
 * Builder#ownsDelegate()} was set.
 */
public final class GovernedChatModel implements ChatModel, UsageMeter {
  private static final Logger LOG = LoggerFactory.getLogger(GovernedChatModel.class);

  private final ChatModel delegate;
  private final RetryPolicy retry;
  private final RateLimiter limiter;
  private final Semaphore permits;
  private final int maxConcurrency;
  private final Budget budget;
  private final PriceTable prices;
  private final TimeSource time;
  private final Random jitter;
  private final boolean ownsDelegate;

  private final LongAdder requests = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder promptTokens = new LongAdder();
  private final LongAdder completionTokens = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Object budgetLock = new Object();
  private long reservedTokens;
  private double spentCost;
  private long sentRequests;
  private volatile boolean exhausted;
  private final java.util.List<Runnable> sendListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private GovernedChatModel(Builder b) {
    this.delegate = Objects.requireNonNull(b.delegate, "delegate");
    this.retry = b.retry;
    this.time = b.time;
    this.limiter = new RateLimiter(b.requestsPerMinute, b.tokensPerMinute, b.time);
    this.maxConcurrency = b.maxConcurrency;
    this.permits = new Semaphore(b.maxConcurrency, true);
    this.budget = b.budget;
    this.prices = b.prices;
    this.jitter = new Random(b.seed);
    this.ownsDelegate = b.ownsDelegate;
  }

  public static Builder builder(ChatModel delegate) {
    return new Builder(delegate);
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public ChatCapabilities capabilities() {
    return delegate.capabilities();
  }

  public int maxConcurrency() {
    return maxConcurrency;
  }

  @Override
  public int concurrency() {
    return maxConcurrency;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    long estimate = Tokens.estimate(request);
    for (int attempt = 1; ; attempt++) {
      reserveBudget(estimate, request.maxTokens());
      ChatResponse response;
      try {
        response = send(request, estimate);
      } catch (ChatModelException e) {
        errors.computeIfAbsent(e.kind(), k -> new LongAdder()).increment();
        Optional<Duration> wait = Optional.empty();
        if (e.retriable() && attempt < retry.maxAttempts()) {
          wait = retry.delay(attempt, retryAfter(e), nextUniform());
        }
        if (wait.isEmpty()) {
          failed.increment();
          LOG.warn("chat call failed after {} attempt(s): {} (status {})", attempt, e.kind(),
              e.status());
          throw e;
        }
        retries.increment();
        LOG.debug("retrying chat call after {} (status {}) in {} ms, attempt {}", e.kind(),
            e.status(), wait.get().toMillis(), attempt + 1);
        sleep(wait.get());
        continue;
      }
      succeeded.increment();
      return response;
    }
  }

  private ChatResponse send(ChatRequest request, long estimate) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Classify4jException("interrupted while waiting for a chat call slot", e);
    }
    try {
      sleep(limiter.reserve(estimate + request.maxTokens()));
      for (Runnable l : sendListeners) {
        l.run();
      }
      requests.increment();
      ChatResponse r = delegate.chat(request);
      Usage u = r.usage();
      promptTokens.add(u.promptTokens());
      completionTokens.add(u.completionTokens());
      limiter.settle(estimate + request.maxTokens(), u.totalTokens());
      settleBudget(estimate, request.maxTokens(), u);
      return r;
    } finally {
      permits.release();
    }
  }

  private void reserveBudget(long promptEstimate, int maxTokens) {
    synchronized (budgetLock) {
      if (exhausted) {
        throw new ChatModelException.BudgetExceeded("the run's budget is spent; no more calls");
      }
      long tokens = promptEstimate + maxTokens;
      double cost = prices.find(id()).map(p -> p.cost(promptEstimate, maxTokens)).orElse(0.0);
      String why = null;
      if (budget.maxRequests() > 0 && sentRequests + 1 > budget.maxRequests()) {
        why = "requests " + budget.maxRequests();
      } else if (budget.maxTokens() > 0 && reservedTokens + tokens > budget.maxTokens()) {
        why = "tokens " + budget.maxTokens();
      } else if (budget.maxCost() > 0 && spentCost + cost > budget.maxCost()) {
        why = "cost " + budget.maxCost();
      }
      if (why != null) {
        exhausted = true;
        LOG.warn("budget reached ({}): no more chat calls are sent", why);
        throw new ChatModelException.BudgetExceeded("the run's budget (" + why
            + ") would be exceeded; the call was not sent");
      }
      sentRequests++;
      reservedTokens += tokens;
      spentCost += cost;
    }
  }

  private void settleBudget(long promptEstimate, int maxTokens, Usage actual) {
    synchronized (budgetLock) {
      reservedTokens += actual.totalTokens() - (promptEstimate + maxTokens);
      double reserved = prices.find(id()).map(p -> p.cost(promptEstimate, maxTokens)).orElse(0.0);
      spentCost += prices.cost(id(), actual) - reserved;
    }
  }

  private static Optional<Duration> retryAfter(ChatModelException e) {
    if (e instanceof ChatModelException.RateLimited r) {
      return r.retryAfter();
    }
    if (e instanceof ChatModelException.Unavailable u) {
      return u.retryAfter();
    }
    return Optional.empty();
  }

  private double nextUniform() {
    synchronized (jitter) {
      return jitter.nextDouble();
    }
  }

  private void sleep(Duration d) {
    try {
      time.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Classify4jException("interrupted while waiting to retry a chat call", e);
    }
  }

  @Override
  public boolean onSend(Runnable listener) {
    sendListeners.add(Objects.requireNonNull(listener, "listener"));
    return true;
  }

  /** Whether the budget stopped this run. */
  @Override
  public boolean budgetExhausted() {
    return exhausted;
  }

  /** What was spent so far: every request sent (retries included), tokens and cost. */
  @Override
  public UsageReport report() {
    Map<String, Long> errs = new java.util.TreeMap<>();
    errors.forEach((k, v) -> errs.put(k, v.sum()));
    Usage u = new Usage(promptTokens.sum(), completionTokens.sum());
    return new UsageReport(requests.sum(), succeeded.sum(), failed.sum(), retries.sum(),
        u.promptTokens(), u.completionTokens(), prices.cost(id(), u), 0, exhausted, errs);
  }

  /** Estimates {@code requests} with this model's price table (see {@link Estimate}). */
  public Estimate estimate(java.util.List<ChatRequest> requests) {
    return Estimate.of(id(), requests, prices);
  }

  @Override
  public void close() {
    if (ownsDelegate) {
      delegate.close();
    }
  }

  /** Options; defaults: {@link RetryPolicy#defaults()}, no rate limits, 8 concurrent calls. */
  public static final class Builder {
    private final ChatModel delegate;
    private RetryPolicy retry = RetryPolicy.defaults();
    private int requestsPerMinute;
    private long tokensPerMinute;
    private int maxConcurrency = 8;
    private Budget budget = Budget.unlimited();
    private PriceTable prices = PriceTable.empty();
    private TimeSource time = TimeSource.system();
    private long seed = 0x5eedL;
    private boolean ownsDelegate;

    private Builder(ChatModel delegate) {
      this.delegate = delegate;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry);
      return this;
    }

    public Builder requestsPerMinute(int rpm) {
      this.requestsPerMinute = rpm;
      return this;
    }

    public Builder tokensPerMinute(long tpm) {
      this.tokensPerMinute = tpm;
      return this;
    }

    public Builder maxConcurrency(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConcurrency must be ≥ 1");
      }
      this.maxConcurrency = n;
      return this;
    }

    public Builder budget(Budget budget) {
      this.budget = Objects.requireNonNull(budget);
      return this;
    }

    public Builder prices(PriceTable prices) {
      this.prices = Objects.requireNonNull(prices);
      return this;
    }

    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time);
      return this;
    }

    /** Seed of the jitter draws. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Close the wrapped model with this one. */
    public Builder ownsDelegate() {
      this.ownsDelegate = true;
      return this;
    }

    public GovernedChatModel build() {
      return new GovernedChatModel(this);
    }
  }
}
