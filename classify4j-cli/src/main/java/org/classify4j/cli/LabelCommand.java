package org.classify4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.classify4j.Json;
import org.classify4j.app.LabelService;
import org.classify4j.app.OutputFiles;
import org.classify4j.app.Settings;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.ExampleStream;
import org.classify4j.distill.Leakage;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatModels;
import org.classify4j.llm.govern.Budget;
import org.classify4j.llm.govern.PriceTable;
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

  private final LabelService.ChatSource chatModels;

  /** The command as registered: chat models come from the providers, configured by settings. */
  public LabelCommand() {
    this.chatModels = ChatModels::create;
  }

  /** With another source of chat models (tests: a local fake server). */
  LabelCommand(Function<String, ChatModel> chatModels) {
    this.chatModels = (spec, config) -> chatModels.apply(spec);
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

  @Mixin BackendOptions backend;

  @Override
  BackendOptions backendOptions() {
    return backend;
  }

  @Override
  public Integer call() {
    requireNonNegative("--budget", budget);
    requireAtLeast("--max-requests", maxRequests, 0, "");
    requireAtLeast("--max-tokens", maxTokens, 0, "");
    requireNonNegative("--price-input", priceInput);
    requireNonNegative("--price-output", priceOutput);
    if ((priceInput == null) != (priceOutput == null)) {
      throw new CliException("give both --price-input and --price-output");
    }
    Path in = path(input);
    Path out = path(output);
    OutputFiles.checkNotInput(out, "--output", inputs("--input", in, "--examples",
        Optional.ofNullable(examples).map(this::path)), Optional.empty());
    if (cache != null && !noCache) {
      // a response cache is never one of the run's inputs (it is appended to)
      OutputFiles.checkNotInput(path(cache), "--cache", inputs("--input", in, "--examples",
          Optional.ofNullable(examples).map(this::path), "--labels-file",
          Optional.ofNullable(labels.file).map(this::path)), Optional.empty());
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
    LabelService.Request req = new LabelService.Request(out, space, multiLabel,
        Optional.ofNullable(task), train, shots, spec, price,
        new Budget(maxRequests == null ? 0 : maxRequests, maxTokens == null ? 0 : maxTokens,
            budget == null ? 0 : budget),
        noCache ? Optional.empty() : Optional.of(cacheFile), restart, batchSize);
    Settings settings = settings(Optional.empty());
    if (dryRun) {
      LabelService.DryRun d;
      try (ExampleStream docs = dataOptions.open(Optional.of(in), main.stdin)) {
        d = LabelService.dryRun(settings, req, chatModels,
            docs.stream().map(e -> e.document()).iterator());
      }
      ObjectNode o = Json.mapper().createObjectNode();
      o.put("dry_run", true);
      o.put("documents", d.estimate().documents());
      o.put("already_labeled", d.estimate().skipped());
      o.put("calls", d.estimate().estimate().calls());
      o.put("cached_calls", d.estimate().estimate().cachedCalls());
      o.put("prompt_tokens", d.estimate().estimate().promptTokens());
      o.put("max_completion_tokens", d.estimate().estimate().maxCompletionTokens());
      o.put("max_cost", d.estimate().estimate().maxCost());
      o.put("priced", d.priced());
      out().println(o.toString());
      out().flush();
      return ExitCodes.OK;
    }
    LabelService.Result r;
    try (ExampleStream docs = dataOptions.open(Optional.of(in), main.stdin)) {
      r = LabelService.label(settings, req, chatModels,
          docs.stream().map(e -> e.document()).iterator(), listener());
    }
    if (r.cutTornLine()) {
      info(out + ": cut a torn last line left by an interrupted run");
    }
    var s = r.summary();
    var report = r.report();
    info(String.format(Locale.ROOT, "labeled %d documents (%d already done, %d abstained)"
            + " with %s: %d requests (%d retries), %d tokens, cost %.4f, %d cache hits;"
            + " %.2f s (%.1f docs/s)",
        s.labeled(), s.skipped(), s.abstained(), r.chatModel(), report.requests(),
        report.retries(), report.totalTokens(), report.cost(), report.cacheHits(), s.seconds(),
        s.labeled() / Math.max(s.seconds(), 1e-9)));
    if (r.oneHot() > 0) {
      // said even with --quiet: the probabilities in the file are not what they seem
      err().println("warning: " + r.oneHot() + " of " + s.labeled() + " documents were scored"
          + " one-hot: " + r.chatModel() + " gave no log-probabilities, so probability 1.0 only"
          + " says which answer was given; the rows say \"scoring\": \"one-hot\" and distill and"
          + " audit do not weight them as confidences");
      err().flush();
    }
    if (s.stoppedByBudget()) {
      info("the budget is spent: labeling stopped cleanly; run again (with more budget) to"
          + " continue where it stopped");
    }
    return ExitCodes.OK;
  }
}
