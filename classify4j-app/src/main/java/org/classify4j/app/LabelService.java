package org.classify4j.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.classify4j.Json;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatModels;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.cache.CachingChatModel;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.llm.govern.Budget;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.llm.govern.PriceTable;
import org.classify4j.llm.govern.RetryPolicy;
import org.classify4j.llm.govern.UsageMeter;
import org.classify4j.llm.govern.UsageReport;
import org.classify4j.llm.label.JsonlResponseCache;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LabelUsage;
import org.classify4j.llm.label.LlmLabeler;

/**
 * Label: an LLM labels documents into a label file, resumably, with a budget and a cache. One
 * governed stack: the provider's model does the retries, limits, budget and prices (each retry is
 * a request and counts against {@code --max-requests}); the run's response cache sits in front of
 * it, so a cache hit sends nothing and costs nothing against the budget. What was spent is saved
 * to {@code OUTPUT.usage.json} as it accrues (after every batch), so a killed run's spend is not
 * lost. The task (labels, task text, model, prompt) is recorded in {@code OUTPUT.task.json}: a
 * resumed run with another task is refused instead of mixing two label sets in one file.
 */
public final class LabelService {
  private LabelService() {}

  /** Where chat models come from: {@link ChatModels#create(String, Map)} unless a test says. */
  @FunctionalInterface
  public interface ChatSource {
    ChatModel create(String spec, Map<String, String> config);
  }

  /**
   * A labeling run.
   *
   * @param output the label file (JSONL)
   * @param labels the label space (at least one label)
   * @param task the question put to the LLM (empty: the default prompt)
   * @param examples labelled examples for few-shot prompts (empty: zero-shot)
   * @param shots examples per prompt when {@code examples} is not empty
   * @param chatSpec the chat model spec ({@code openai}, {@code openai:MODEL})
   * @param price prices of a million prompt and completion tokens
   * @param budget limits of this run (requests sent, retries included; tokens; cost)
   * @param cacheFile the response cache (empty: none)
   * @param restart replace the output instead of resuming it
   * @param batchSize documents per batch
   */
  public record Request(Path output, LabelSpace labels, boolean multiLabel, Optional<String> task,
      Dataset examples, int shots, String chatSpec, Optional<PriceTable.Price> price,
      Budget budget, Optional<Path> cacheFile, boolean restart, int batchSize) {
    public Request {
      if (labels.size() == 0) {
        throw new AppException("no labels: the label space is empty");
      }
      if (batchSize < 1 || batchSize > PredictService.MAX_BATCH_SIZE) {
        throw new AppException("--batch-size must be in 1.." + PredictService.MAX_BATCH_SIZE
            + ", got " + batchSize);
      }
      if (budget.maxCost() > 0 && price.isEmpty()) {
        throw new AppException("--budget needs prices: give --price-input and --price-output"
            + " (or use --max-requests / --max-tokens)");
      }
    }
  }

  /** What a run did and spent (this run's report; {@code total} sums every run of the file). */
  public record Result(LlmLabeler.RunSummary summary, UsageReport report, LabelUsage total,
      String chatModel, boolean cutTornLine) {}

  /** What a dry run would send. */
  public record DryRun(LlmLabeler.DryRun estimate, boolean priced) {}

  /** The settings handed to the provider for this run's budget and prices. */
  static Map<String, String> governance(Settings settings, Request r) {
    Map<String, String> c = new LinkedHashMap<>(settings.backendConfig());
    // the run's own cache (OUTPUT.cache.jsonl) is in front: no second, shared cache behind it
    c.put("CLASSIFY4J_LLM_CACHE", "off");
    if (r.budget().maxRequests() > 0) {
      c.put("CLASSIFY4J_LLM_MAX_REQUESTS", Long.toString(r.budget().maxRequests()));
    }
    if (r.budget().maxTokens() > 0) {
      c.put("CLASSIFY4J_LLM_MAX_TOKENS", Long.toString(r.budget().maxTokens()));
    }
    if (r.budget().maxCost() > 0) {
      c.put("CLASSIFY4J_LLM_BUDGET", Double.toString(r.budget().maxCost()));
    }
    r.price().ifPresent(p -> {
      c.put("CLASSIFY4J_LLM_PRICE_INPUT", Double.toString(p.inputPerMillion()));
      c.put("CLASSIFY4J_LLM_PRICE_OUTPUT", Double.toString(p.outputPerMillion()));
    });
    return c;
  }

  /** The governed, cached model of a run and the labeler over it; closing closes both. */
  static final class Stack implements AutoCloseable {
    final ChatModel base;
    final UsageMeter meter;
    final ChatModel governed;
    final JsonlResponseCache responses;
    final CachingChatModel caching;
    final ChatModel front;
    final LlmLabeler labeler;

    Stack(Settings settings, Request r, ChatSource chats, boolean dryRun) {
      ChatModel made = chats.create(r.chatSpec(), governance(settings, r));
      if (made instanceof UsageMeter m) {
        // the provider governs (retries, limits, budget, prices): nothing wraps it again
        this.base = made;
        this.governed = made;
        this.meter = m;
      } else {
        // a bare model: govern it here, once
        GovernedChatModel g = GovernedChatModel.builder(made).ownsDelegate()
            .prices(r.price().map(p -> PriceTable.empty().with("*", p))
                .orElse(PriceTable.empty()))
            .budget(r.budget()).retryPolicy(RetryPolicy.defaults())
            .maxConcurrency(settings.backendConfig().containsKey(Settings.LLM_CONCURRENCY)
                ? Integer.parseInt(settings.backendConfig().get(Settings.LLM_CONCURRENCY)) : 8)
            .build();
        this.base = made;
        this.governed = g;
        this.meter = g;
      }
      boolean openCache = r.cacheFile().isPresent()
          && !(dryRun && !Files.exists(r.cacheFile().get()));
      this.responses = openCache ? JsonlResponseCache.open(r.cacheFile().get()) : null;
      this.caching = responses == null ? null : new CachingChatModel(governed, responses);
      this.front = caching == null ? governed : caching;
      LlmClassifier.Builder cb = LlmClassifier.builder(front);
      if (r.examples().size() > 0) {
        cb.fewShot(r.shots());
      }
      r.task().ifPresent(cb::task);
      LlmClassifierModel model = cb.build().fit(r.examples());
      this.labeler = new LlmLabeler(model, model.defaultRule(), r.batchSize());
    }

    UsageReport report() {
      return meter.report().withCacheHits(caching == null ? 0 : caching.hits());
    }

    @Override
    public void close() {
      try {
        if (responses != null) {
          responses.close();
        }
      } finally {
        governed.close();
      }
    }
  }

  /** The sidecar recording the task of a label file. */
  public static Path taskFile(Path output) {
    return output.resolveSibling(output.getFileName() + ".task.json");
  }

  /** The task of a run as recorded: labels, multi-label, task text, model, prompt digest. */
  static ObjectNode task(Request r, String model) {
    ObjectNode o = Json.mapper().createObjectNode();
    var labels = o.putArray("labels");
    for (Label l : r.labels().labels()) {
      labels.add(l.name());
    }
    o.put("multi_label", r.multiLabel());
    o.put("task", r.task().orElse(""));
    o.put("model", model);
    StringBuilder prompt = new StringBuilder(r.task().orElse("")).append('\n');
    for (Label l : r.labels().labels()) {
      prompt.append(l.name()).append('\t').append(l.description()).append('\n');
    }
    prompt.append("shots=").append(r.examples().size() > 0 ? r.shots() : 0).append('\n');
    r.examples().documents().forEach(d -> prompt.append(d.id()).append('\n'));
    o.put("prompt_sha256", sha256(prompt.toString()));
    return o;
  }

  /**
   * Refuses to resume {@code output} when it was written for another task: its recorded labels,
   * task, model or prompt differ, or (an older file without a record) it holds labels outside
   * this run's label space.
   */
  static void checkSameTask(Request r, ObjectNode now) {
    Path out = r.output();
    if (r.restart() || !Files.exists(out)) {
      return;
    }
    try {
      if (Files.size(out) == 0) {
        return;
      }
      Path tf = taskFile(out);
      List<String> diff = new ArrayList<>();
      if (Files.exists(tf)) {
        JsonNode was = Json.mapper().readTree(tf.toFile());
        for (String k : List.of("labels", "multi_label", "task", "model", "prompt_sha256")) {
          if (!was.path(k).equals(now.path(k))) {
            diff.add(k + " " + text(was.path(k)) + " (now " + text(now.path(k)) + ")");
          }
        }
      } else {
        Set<String> names = Set.copyOf(r.labels().names());
        for (var l : LabelFile.read(out)) {
          for (String name : l.labels()) {
            if (!names.contains(name)) {
              diff.add("label '" + name + "' is not among " + r.labels().names());
              break;
            }
          }
          if (!diff.isEmpty()) {
            break;
          }
        }
      }
      if (!diff.isEmpty()) {
        throw new AppException(out + " was labelled for another task: " + String.join("; ", diff)
            + ". Use --restart to replace it, or another --output");
      }
    } catch (IOException e) {
      throw new AppException("cannot read the task of " + out + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() ? "(none)" : n.toString();
  }

  /** Labels {@code documents} into the request's output. */
  public static Result label(Settings settings, Request r, ChatSource chats,
      Iterator<Document> documents, ProgressListener progress) {
    try (Stack st = new Stack(settings, r, chats, false)) {
      ObjectNode task = task(r, st.front.id());
      checkSameTask(r, task);
      Path out = r.output();
      Path usageFile = LabelUsage.sidecar(out);
      Optional<LabelUsage> before = r.restart() ? Optional.empty() : LabelUsage.read(usageFile);
      LabelFile.Output sink = LabelFile.openForResume(out, !r.restart());
      org.classify4j.persist.AtomicFiles.writeString(taskFile(out), task.toPrettyString() + "\n");
      long t0 = System.nanoTime();
      UsageSaver saver = new UsageSaver(st, sink, before, r.price(), usageFile, t0);
      LlmLabeler.RunSummary s = null;
      try (sink; ProgressListener.Task prog = progress.start("label", -1, "docs")) {
        s = st.labeler.run(new Iterator<>() {
          @Override
          public boolean hasNext() {
            saver.saveIfChanged();
            return documents.hasNext();
          }

          @Override
          public Document next() {
            prog.advance(1);
            return documents.next();
          }
        }, sink);
        prog.finish();
      } finally {
        // what was spent is recorded even when the run failed part way
        saver.save();
      }
      return new Result(s, st.report(), saver.last, st.front.id(), sink.cutTornLine());
    }
  }

  /** Saves the usage file whenever a batch was written, so a killed run's spend is kept. */
  private static final class UsageSaver {
    final Stack st;
    final LabelFile.Output sink;
    final Optional<LabelUsage> before;
    final Optional<PriceTable.Price> price;
    final Path file;
    final long t0;
    long savedAt = -1;
    long savedRequests = -1;
    LabelUsage last;

    UsageSaver(Stack st, LabelFile.Output sink, Optional<LabelUsage> before,
        Optional<PriceTable.Price> price, Path file, long t0) {
      this.st = st;
      this.sink = sink;
      this.before = before;
      this.price = price;
      this.file = file;
      this.t0 = t0;
    }

    void saveIfChanged() {
      UsageReport rep = st.meter.report();
      if (sink.written() != savedAt || rep.requests() != savedRequests) {
        save();
      }
    }

    void save() {
      UsageReport rep = st.report();
      LabelUsage run = LabelUsage.of(st.front.id(), sink.written(), rep, price,
          (System.nanoTime() - t0) / 1e9);
      last = before.map(u -> u.plus(run)).orElse(run);
      last.write(file);
      savedAt = sink.written();
      savedRequests = rep.requests();
    }
  }

  /** Counts the calls, tokens and cost labeling would take; sends nothing. */
  public static DryRun dryRun(Settings settings, Request r, ChatSource chats,
      Iterator<Document> documents) {
    try (Stack st = new Stack(settings, r, chats, true)) {
      Set<String> done = !r.restart() && Files.exists(r.output())
          ? LabelFile.readContents(r.output()).ids() : Set.of();
      Predicate<ChatRequest> cached = st.caching == null ? q -> false : st.caching::isCached;
      PriceTable prices = r.price().map(p -> PriceTable.empty().with("*", p))
          .orElse(PriceTable.empty());
      return new DryRun(st.labeler.dryRun(documents, done, prices, cached), r.price().isPresent());
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
