package org.classify4j.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.classify4j.llm.label.UsageJournal;

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
      String chatModel, boolean cutTornLine, long oneHot) {}

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
      this.caching = responses == null ? null
          : new CachingChatModel(governed, new MaskingCache(responses,
              Secrets.values(secretSettings(settings.backendConfig()))));
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

  /** The settings that hold secrets (keys, tokens), not counts such as a token budget. */
  static Map<String, String> secretSettings(Map<String, String> config) {
    Map<String, String> out = new LinkedHashMap<>();
    config.forEach((k, v) -> {
      if (!k.endsWith("TOKENS") && !k.endsWith("_TPM")) {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * The run's response cache, storing answers with every configured secret's value masked: a
   * server that echoes the API key in an answer does not get it written to the cache file (the
   * openai backend masks its key on arrival already; this holds for any chat model).
   */
  private record MaskingCache(JsonlResponseCache cache, List<String> secrets)
      implements org.classify4j.llm.cache.ResponseCache {
    @Override
    public Optional<org.classify4j.llm.ChatResponse> get(org.classify4j.llm.cache.CacheKey key) {
      return cache.get(key);
    }

    @Override
    public void put(org.classify4j.llm.cache.CacheKey key, org.classify4j.llm.ChatResponse r) {
      org.classify4j.llm.ChatResponse m = r;
      for (String secret : secrets) {
        m = m.masking(secret);
      }
      cache.put(key, m);
    }

    @Override
    public long size() {
      return cache.size();
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
   * task, model or prompt differ. A file without a record (an older file, or its {@code
   * OUTPUT.task.json} lost) is resumed only when its rows prove the label set: every row scores
   * exactly this run's labels (a label file scores every label of its run). Then the record
   * written for the file says only what the rows prove (labels, {@code "from_rows": true}); the
   * task, model and prompt of the earlier rows are unknown and not claimed. Returns that record
   * when it replaces the full one.
   */
  static Optional<ObjectNode> checkSameTask(Request r, ObjectNode now) {
    Path out = r.output();
    if (r.restart() || !Files.exists(out)) {
      return Optional.empty();
    }
    try {
      if (Files.size(out) == 0) {
        return Optional.empty();
      }
      Path tf = taskFile(out);
      List<String> diff = new ArrayList<>();
      Optional<ObjectNode> record = Optional.empty();
      if (Files.exists(tf)) {
        JsonNode was = Json.mapper().readTree(tf.toFile());
        for (String k : List.of("labels", "multi_label", "task", "model", "prompt_sha256")) {
          if (was.path("from_rows").asBoolean(false) && !was.has(k)) {
            continue; // not known for the earlier rows: only what was proven is compared
          }
          if (!was.path(k).equals(now.path(k))) {
            diff.add(k + " " + text(was.path(k)) + " (now " + text(now.path(k)) + ")");
          }
        }
        if (diff.isEmpty() && was.path("from_rows").asBoolean(false)) {
          record = Optional.of((ObjectNode) was);
        }
      } else {
        List<String> names = r.labels().names();
        int line = 0;
        for (var l : LabelFile.read(out)) {
          line++;
          if (!List.copyOf(l.scores().keySet()).equals(names)) {
            diff.add("it has no " + tf.getFileName() + " and its rows do not prove the same label"
                + " set: row " + line + " (id " + l.id() + ") scores " + l.scores().keySet()
                + ", this run " + names);
            break;
          }
        }
        if (diff.isEmpty()) {
          ObjectNode o = Json.mapper().createObjectNode();
          o.set("labels", now.get("labels"));
          o.put("from_rows", true);
          o.put("note", "recorded when resuming a file without a task record: its rows prove the"
              + " labels; the task, model and prompt of the rows before are unknown");
          record = Optional.of(o);
        }
      }
      if (!diff.isEmpty()) {
        throw new AppException(out + " was labelled for another task: " + String.join("; ", diff)
            + ". Use --restart to replace it, or another --output");
      }
      return record;
    } catch (IOException e) {
      throw new AppException("cannot read the task of " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a {@code --cache} that is one of the run's own files (the output, its task, usage or
   * lock files); whether the file is a response cache at all is checked when it is opened ({@link
   * JsonlResponseCache#open}).
   */
  static void checkCacheFile(Request r) {
    if (r.cacheFile().isEmpty()) {
      return;
    }
    Path c = r.cacheFile().get();
    Path out = r.output();
    for (Path own : List.of(out, taskFile(out), LabelUsage.sidecar(out), lockFile(out),
        UsageJournal.sidecar(out))) {
      if (OutputFiles.sameFile(c, own)) {
        throw new AppException("--cache " + c + " is " + own + ", a file of the label output:"
            + " give a response cache file of its own (default: OUTPUT.cache.jsonl)");
      }
    }
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() ? "(none)" : n.toString();
  }

  /** The lock file of a label file: held (an OS lock) by the run writing it. */
  public static Path lockFile(Path output) {
    return output.resolveSibling(output.getFileName() + ".lock");
  }

  /**
   * Takes the OS lock that makes this run the only writer of {@code output} (on {@code
   * OUTPUT.lock}, which no other code opens, so closing another channel cannot release it). The
   * operating system drops the lock when the process ends, even by {@code kill -9}: a lock file
   * left behind is not a lock. A second run is refused, naming the file.
   */
  static FileChannel lock(Path output) {
    Path lf = lockFile(output);
    FileChannel ch = null;
    try {
      if (output.toAbsolutePath().getParent() != null) {
        Files.createDirectories(output.toAbsolutePath().getParent());
      }
      ch = FileChannel.open(lf, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      OutputFiles.lock(ch, output);
      ch.truncate(0);
      ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.UTF_8)));
      return ch;
    } catch (IOException e) {
      closeQuietly(ch);
      throw new AppException("cannot lock " + output + " (" + lf + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing held
      }
    }
  }

  /** Labels {@code documents} into the request's output. */
  public static Result label(Settings settings, Request r, ChatSource chats,
      Iterator<Document> documents, ProgressListener progress) {
    Path out = r.output();
    checkCacheFile(r);
    FileChannel lock = lock(out);
    try (lock; Stack st = new Stack(settings, r, chats, false)) {
      ObjectNode task = task(r, st.front.id());
      Optional<ObjectNode> record = checkSameTask(r, task);
      Path usageFile = LabelUsage.sidecar(out);
      Path journalFile = UsageJournal.sidecar(out);
      // a killed run's journal is folded in by read(); written whole before a new journal starts
      Optional<LabelUsage> before = r.restart() ? Optional.empty() : LabelUsage.read(usageFile);
      before.ifPresent(u -> u.write(usageFile));
      LabelFile.Output sink = LabelFile.openForResume(out, !r.restart());
      org.classify4j.persist.AtomicFiles.writeString(taskFile(out),
          record.orElse(task).toPrettyString() + "\n");
      long t0 = System.nanoTime();
      UsageJournal journal = UsageJournal.start(journalFile);
      if (!st.meter.onSend(journal::sent)) {
        LOG.debug("the chat model takes no send listener: usage is saved as it accrues only");
      }
      UsageSaver saver = new UsageSaver(st, sink, before, r.price(), usageFile, t0, journal);
      LlmLabeler.RunSummary s = null;
      boolean whole = false;
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
        whole = true;
      } finally {
        // what was spent is recorded even when the run failed part way
        saver.save(whole);
        if (whole) {
          journal.delete();
        } else {
          journal.close();
        }
      }
      return new Result(s, st.report(), saver.last, st.front.id(), sink.cutTornLine(),
          sink.oneHotWritten());
    } catch (IOException e) {
      throw new AppException("cannot release the lock of " + out + ": " + e.getMessage(), e);
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      LabelService.class);

  /**
   * Saves the usage file as a run goes (at most every quarter second, and at the end), so a killed
   * run's spend is kept; the journal counts the requests sent since the last snapshot.
   */
  private static final class UsageSaver {
    final Stack st;
    final LabelFile.Output sink;
    final Optional<LabelUsage> before;
    final Optional<PriceTable.Price> price;
    final Path file;
    final long t0;
    final UsageJournal journal;
    long savedAt = -1;
    long savedRequests = -1;
    long savedNanos;
    LabelUsage last;

    UsageSaver(Stack st, LabelFile.Output sink, Optional<LabelUsage> before,
        Optional<PriceTable.Price> price, Path file, long t0, UsageJournal journal) {
      this.st = st;
      this.sink = sink;
      this.before = before;
      this.price = price;
      this.file = file;
      this.t0 = t0;
      this.journal = journal;
    }

    void saveIfChanged() {
      UsageReport rep = st.meter.report();
      if ((sink.written() != savedAt || rep.requests() != savedRequests)
          && System.nanoTime() - savedNanos > 250_000_000L) {
        save(false);
      }
    }

    synchronized void save(boolean whole) {
      UsageReport rep = st.report();
      long sent = journal.count();
      LabelUsage counted = LabelUsage.of(st.front.id(), sink.written(), rep, price,
          (System.nanoTime() - t0) / 1e9);
      LabelUsage run = counted.withRequests(Math.max(counted.requests(), sent))
          .withOneHotDocuments(sink.oneHotWritten())
          .withSequenceDocuments(sink.sequenceWritten());
      last = before.map(u -> u.plus(run)).orElse(run);
      if (whole) {
        last.write(file);
      } else {
        last.writeSnapshot(file, sent);
      }
      savedAt = sink.written();
      savedRequests = rep.requests();
      savedNanos = System.nanoTime();
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
