package org.classify4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.app.Backends;
import org.classify4j.app.MethodSpec;
import org.classify4j.app.ProjectsFile;
import org.classify4j.app.Settings;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.llm.PromptExplainer;
import org.classify4j.llm.PromptExplainer.PromptTrace;
import org.classify4j.llm.PromptExplainer.ScoredAnswer;
import org.classify4j.method.LoadContext;
import org.classify4j.method.Methods;
import org.classify4j.persist.ModelStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code prompt}: the debugging loop of prompt-based methods — the exact prompt for a text, every
 * answer's log-probability with the tokens it was scored as, and what the model writes when left
 * to itself.
 */
@Command(
    name = "prompt",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Show the exact prompt a local language-model method builds for a text, each label's"
          + " log-probability (with its tokens) and the model's unconstrained greedy answer.",
      "For methods whose model can show its prompts (local-llm-zero-shot, local-llm-few-shot);"
          + " with --model-dir, a model saved by 'train'."
    },
    footer = {
      "%nExamples:",
      "  classify4j prompt --method local-llm-zero-shot -p model=qwen2.5-0.5b-onnx \\",
      "      --labels positive,negative \"Great film\"",
      "  classify4j prompt --model-dir models/tickets --max-tokens 20 \"Printer is broken\""
    })
final class PromptCommand extends CliCommand {

  @Mixin BackendOptions backend;

  @Override
  BackendOptions backendOptions() {
    return backend;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  LabelsOption labels;

  @Parameters(paramLabel = "TEXT", arity = "1..*", description = "Texts to show the prompt for.")
  List<String> texts;

  @Option(names = "--method", paramLabel = "METHOD", description = "Method (e.g. local-llm-zero-shot).")
  String method;

  @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
      description = "A method parameter (repeatable).")
  List<String> params;

  @Option(names = "--multi-label", description = "Ask one yes/no question per label.")
  boolean multiLabel;

  @Option(names = "--model-dir", paramLabel = "DIR", description = "A model saved by 'train'.")
  Path modelDir;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "16",
      description = "Tokens the model may generate unconstrained (default ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--json", description = "One JSON object per text instead of text blocks.")
  boolean json;

  @Override
  public Integer call() {
    if (maxTokens < 0) {
      throw new CliException("--max-tokens: expected ≥ 0, got " + maxTokens);
    }
    Settings settings = settings(Optional.empty());
    try (LoadContext ctx = Backends.context(settings)) {
      ClassifierModel model;
      if (modelDir != null) {
        if (method != null || labels != null) {
          throw new CliException("--model-dir takes its method and labels from the saved model:"
              + " leave out --method and --labels");
        }
        model = ModelStore.load(path(modelDir), ctx).model();
      } else {
        if (method == null || labels == null) {
          throw new CliException("give --method and --labels (or --model-dir DIR)");
        }
        MethodSpec spec = MethodSpec.resolve(settings, method, null, params, method);
        model = Methods.create(spec.method(), spec.params(), ctx)
            .fit(new Dataset(labels.resolve(this), List.of(), multiLabel));
      }
      if (!(model instanceof PromptExplainer explainer)) {
        throw new CliException("this method's model cannot show its prompts (use a local-llm-*"
            + " method)");
      }
      PrintWriter out = out();
      for (int i = 0; i < texts.size(); i++) {
        List<PromptTrace> traces =
            explainer.explain(Document.of(Integer.toString(i + 1), texts.get(i)), maxTokens);
        if (json) {
          out.println(write(toJson(i + 1, traces)));
        } else {
          print(out, i + 1, traces);
        }
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static String write(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode toJson(int id, List<PromptTrace> traces) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("id", Integer.toString(id));
    ArrayNode qs = root.putArray("questions");
    for (PromptTrace t : traces) {
      ObjectNode q = qs.addObject();
      q.put("question", t.question());
      q.put("prompt", t.prompt());
      ArrayNode as = q.putArray("answers");
      for (ScoredAnswer a : t.answers()) {
        ObjectNode n = as.addObject();
        n.put("answer", a.answer());
        n.put("log_prob", a.logProb());
        ArrayNode toks = n.putArray("tokens");
        a.tokens().forEach(toks::add);
      }
      q.put("generated", t.generated());
    }
    return root;
  }

  private void print(PrintWriter out, int id, List<PromptTrace> traces) {
    for (PromptTrace t : traces) {
      out.println("=== text " + id + " · " + t.question());
      out.println("--- prompt");
      out.println(t.prompt());
      out.println("--- answers: log P(answer | prompt), P, tokens");
      for (ScoredAnswer a : t.answers()) {
        out.println(String.format(Locale.ROOT, "%12.4f  %-10.4g %s  %s", a.logProb(),
            Math.exp(a.logProb()), a.answer().strip(), write(a.tokens())));
      }
      out.println("--- generated (greedy, at most " + maxTokens + " tokens)");
      out.println(t.generated());
    }
  }
}
