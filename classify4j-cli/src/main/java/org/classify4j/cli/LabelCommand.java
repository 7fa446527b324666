package org.classify4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.classify4j.Json;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.ExampleStream;
import org.classify4j.distill.Leakage;
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
import org.classify4j.llm.label.JsonlResponseCache;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LabelUsage;
import org.classify4j.llm.label.LlmLabeler;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code label}: an LLM labels an unlabeled file, resumably, with a budget and a cache. */
@Command(
    name = "label",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Label an unlabeled file with an LLM (zero-shot on label names and descriptions, or"
          + " few-shot), writing one JSON line per document: {\"id\", \"text\", \"labels\","
          + " \"probability\", \"scores\", \"abstained\", \"outcome\"}. The output is also a"
          + " training file.",
      "Resumable: ids already in the output are skipped (a torn last line is cut). Answers are"
          + " cached in OUTPUT.cache.jsonl, and what the runs spent is summed in"
          + " OUTPUT.usage.json (read by 'distill' for the cost comparison).",
      "The LLM is an OpenAI-compatible server: CLASSIFY4J_LLM_BASE_URL, CLASSIFY4J_LLM_API_KEY,"
          + " CLASSIFY4J_LLM_MODEL."
    },
    footer = {
      "%nExamples:",
      "  classify4j label --input messages.jsonl --labels-file labels.tsv \\",
      "      --task \"Is this message related to safety or security?\" --output messages.llm.jsonl",
      "  classify4j label --input messages.jsonl --labels no,yes --output out.jsonl --dry-run \\",
      "      --price-input 0.15 --price-output 0.6",
      "  classify4j label --input messages.jsonl --labels no,yes --output out.jsonl --budget 2.50"
    })
public final class LabelCommand extends CliCommand {

  private final Function<String, ChatModel> chatModels;

  /** The command as registered: chat models come from {@link ChatModels#create(String)}. */
  public LabelCommand() {
    this(ChatModels::create);
  }

  /** With another source of chat models (tests: a local fake server). */
  LabelCommand(Function<String, ChatModel> chatModels) {
    this.chatModels = chatModels;
  }

  @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true,
      description = "Documents to label: JSONL {\"id\", \"text\"}, CSV or TSV (labels ignored).")
  Path input;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
      description = "The label file (JSONL), appended to when resuming.")
  Path output;

  @ArgGroup(exclusive = true, multiplicity = "1")
  LabelsOption labels;


  @Option(names = "--task", paramLabel = "TEXT",
      description = "The question put to the LLM, e.g. \"Is this message related to safety or"
          + " security?\".")
  String task;

  @Option(names = "--examples", paramLabel = "FILE",
      description = "Labeled examples for few-shot prompts (default: zero-shot).")
  Path examples;

  @Option(names = "--shots", paramLabel = "N", defaultValue = "4",
      description = "Examples per prompt with --examples (default ${DEFAULT-VALUE}).")
  int shots;

  @Option(names = "--multi-label", description = "A document may get several labels or none.")
  boolean multiLabel;

  @Option(names = "--chat", paramLabel = "SPEC",
      description = "Chat model: openai (the environment's endpoint and model) or openai:MODEL"
          + " (default: openai; env CLASSIFY4J_CHAT).")
  String chat;

  @Option(names = "--dry-run",
      description = "Send nothing: print the calls, tokens and cost labeling would take.")
  boolean dryRun;

  @Option(names = "--budget", paramLabel = "COST",
      description = "Stop cleanly before spending more than COST (needs prices).")
  Double budget;

  @Option(names = "--max-requests", paramLabel = "N", description = "Stop after N requests.")
  Long maxRequests;

  @Option(names = "--max-tokens", paramLabel = "N", description = "Stop after N tokens.")
  Long maxTokens;

  @Option(names = "--price-input", paramLabel = "PRICE",
      description = "Price of a million prompt tokens (for cost, --budget and --dry-run).")
  Double priceInput;

  @Option(names = "--price-output", paramLabel = "PRICE",
      description = "Price of a million completion tokens.")
  Double priceOutput;

  @Option(names = "--cache", paramLabel = "FILE",
      description = "Response cache file (default: OUTPUT.cache.jsonl).")
  Path cache;

  @Option(names = "--no-cache", description = "Do not cache answers.")
  boolean noCache;

  @Option(names = "--restart", description = "Replace the output instead of resuming it.")
  boolean restart;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
      description = "Documents per batch; each batch is written when done (default"
          + " ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin DataOptions dataOptions;

  @Override
  public Integer call() {
    if (batchSize < 1) {
      throw new CliException("--batch-size must be at least 1");
    }
    if ((priceInput == null) != (priceOutput == null)) {
      throw new CliException("give both --price-input and --price-output");
    }
    if (budget != null && priceInput == null) {
      throw new CliException("--budget needs prices: give --price-input and --price-output"
          + " (or use --max-requests / --max-tokens)");
    }
    Path in = path(input);
    Path out = path(output);
    if (Files.exists(in) && Files.exists(out) && isSame(in, out)) {
      throw new CliException("--input and --output are the same file");
    }
    LabelSpace space = labels.resolve(this);
    if (space.size() < 2 && !multiLabel) {
      throw new CliException("give at least two labels (or --multi-label)");
    }
    Optional<PriceTable.Price> price = priceInput == null ? Optional.empty()
        : Optional.of(new PriceTable.Price(priceInput, priceOutput));
    String spec = setting(chat, "CLASSIFY4J_CHAT", Optional.empty(), "openai");
    Path cacheFile = cache != null ? path(cache)
        : out.resolveSibling(out.getFileName() + ".cache.jsonl");
    Dataset train = examples == null ? new Dataset(space, List.of(), multiLabel)
        : dataOptions.read(this, path(examples), Optional.of(space), multiLabel);
    if (examples != null) {
      Leakage.refuseTestData("--examples", "few-shot examples", Optional.of(path(examples)),
          train.documents());
    }
    try (ChatModel base = chatModels.apply(spec);
        JsonlResponseCache responses = noCache || (dryRun && !Files.exists(cacheFile)) ? null
            : JsonlResponseCache.open(cacheFile)) {
      PriceTable prices = price.map(p -> PriceTable.empty().with("*", p))
          .orElse(PriceTable.empty());
      Budget b = new Budget(maxRequests == null ? 0 : maxRequests,
          maxTokens == null ? 0 : maxTokens, budget == null ? 0 : budget);
      GovernedChatModel governed = GovernedChatModel.builder(base).prices(prices).budget(b)
          .retryPolicy(RetryPolicy.none()).maxConcurrency(64).build();
      CachingChatModel caching = responses == null ? null : new CachingChatModel(governed, responses);
      ChatModel front = caching == null ? governed : caching;
      LlmClassifier.Builder cb = LlmClassifier.builder(front);
      if (examples != null) {
        cb.fewShot(shots);
      }
      if (task != null) {
        cb.task(task);
      }
      LlmClassifierModel model = cb.build().fit(train);
      LlmLabeler labeler = new LlmLabeler(model, model.defaultRule(), batchSize);
      if (dryRun) {
        return dryRun(labeler, out, prices, caching);
      }
      LabelFile.Output sink = LabelFile.openForResume(out, !restart);
      if (sink.cutTornLine()) {
        info(out + ": cut a torn last line left by an interrupted run");
      }
      LlmLabeler.RunSummary s = null;
      long t0 = System.nanoTime();
      try (sink; ExampleStream docs = dataOptions.open(Optional.of(in), main.stdin);
          Progress prog = progress("label", -1, "docs")) {
        s = labeler.run(new ProgressIterator(docs, prog), sink);
      } finally {
        // what was spent is recorded even when the run failed part way
        var report = governed.report().withCacheHits(caching == null ? 0 : caching.hits());
        LabelUsage run = LabelUsage.of(front.id(), sink.written(), report, price,
            (System.nanoTime() - t0) / 1e9);
        Path usageFile = LabelUsage.sidecar(out);
        LabelUsage total = (restart ? Optional.<LabelUsage>empty() : LabelUsage.read(usageFile))
            .map(u -> u.plus(run)).orElse(run);
        total.write(usageFile);
        if (s != null) {
          info(String.format(Locale.ROOT, "labeled %d documents (%d already done, %d abstained)"
                  + " with %s: %d requests, %d tokens, cost %.4f, %d cache hits",
              s.labeled(), s.skipped(), s.abstained(), front.id(), report.requests(),
              report.totalTokens(), report.cost(), report.cacheHits()));
        }
      }
      if (s.stoppedByBudget()) {
        info("the budget is spent: labeling stopped cleanly; run again (with more budget) to"
            + " continue where it stopped");
      }
    }
    return ExitCodes.OK;
  }

  private int dryRun(LlmLabeler labeler, Path out, PriceTable prices, CachingChatModel caching) {
    Set<String> done = !restart && Files.exists(out) ? LabelFile.readContents(out).ids() : Set.of();
    Predicate<ChatRequest> cached = caching == null ? r -> false : caching::isCached;
    LlmLabeler.DryRun d;
    try (ExampleStream docs = dataOptions.open(Optional.of(path(input)), main.stdin)) {
      d = labeler.dryRun(docs.stream().map(e -> e.document()).iterator(), done, prices, cached);
    }
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("dry_run", true);
    o.put("documents", d.documents());
    o.put("already_labeled", d.skipped());
    o.put("calls", d.estimate().calls());
    o.put("cached_calls", d.estimate().cachedCalls());
    o.put("prompt_tokens", d.estimate().promptTokens());
    o.put("max_completion_tokens", d.estimate().maxCompletionTokens());
    o.put("max_cost", d.estimate().maxCost());
    o.put("priced", priceInput != null);
    out().println(o.toString());
    out().flush();
    return ExitCodes.OK;
  }

  static boolean isSame(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Documents of a stream, advancing a progress display. */
  private static final class ProgressIterator implements java.util.Iterator<org.classify4j.data.Document> {
    private final ExampleStream docs;
    private final Progress progress;

    ProgressIterator(ExampleStream docs, Progress progress) {
      this.docs = docs;
      this.progress = progress;
    }

    @Override
    public boolean hasNext() {
      return docs.hasNext();
    }

    @Override
    public org.classify4j.data.Document next() {
      progress.advance(1);
      return docs.next().document();
    }
  }
}
