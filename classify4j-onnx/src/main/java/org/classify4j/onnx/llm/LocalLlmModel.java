package org.classify4j.onnx.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classify4j.Classify4jException;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.PromptExplainer;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.Resources;
import org.classify4j.persist.SavableModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fitted {@link LocalLlmClassifier}: the prompt, the chosen examples and the decoder. Single-label:
 * one prompt per text, every label scored as the answer; the scores are the labels' exact sequence
 * probabilities, normalised over the labels ({@code probas_sum_to_1}) or raw. Multi-label: one
 * yes/no prompt per label, the score P(yes) / (P(yes) + P(no)), or the raw P(yes).
 *
 * <p>The answer follows the prompt: in plain text after a space (unless the prompt ends with
 * whitespace), in a chat format right after the opened assistant turn, and then closed by the
 * format's end-of-turn token, whose probability is part of the label's: it separates "positive"
 * from "positively…" and a label from a longer label it starts. Plain text has no such token, so
 * nothing is added there (as in skorch).
 *
 * <p>Saved as the model directory's path (absolute) with the settings and the examples; loading
 * opens the decoder again, owned by the {@link LoadContext} when one is given.
 */
public final class LocalLlmModel implements SavableModel, PromptExplainer {
  private static final Logger LOG = LoggerFactory.getLogger(LocalLlmModel.class);
  public static final String TYPE = "local-llm";

  private final DecoderModel decoder;
  private final LabelSpace classes;
  private final boolean multiLabel;
  private final LocalLlmSettings settings;
  private final String prompt;
  private final List<Example> examples;
  private final ChatTemplate chat;
  private final String system;
  private final long endOfAnswer;

  LocalLlmModel(DecoderModel decoder, LabelSpace classes, boolean multiLabel,
      LocalLlmSettings settings, String prompt, List<Example> examples) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.classes = Objects.requireNonNull(classes, "classes");
    this.multiLabel = multiLabel;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.prompt = prompt;
    this.examples = List.copyOf(examples);
    this.chat = settings.template().equals("auto")
        ? decoder.chatTemplate() : ChatTemplate.named(settings.template());
    String sys = settings.system();
    if (sys.isEmpty() && chat == ChatTemplate.CHATML
        && decoder.chatTemplateText().contains(ChatTemplate.QWEN25_DEFAULT_SYSTEM)) {
      sys = ChatTemplate.QWEN25_DEFAULT_SYSTEM; // what Qwen2.5's own template would add
    }
    this.system = sys;
    this.endOfAnswer = chat == ChatTemplate.NONE ? -1 : decoder.tokenId(chat.endOfTurn());
  }

  @Override
  public LabelSpace classes() {
    return classes;
  }

  @Override
  public boolean multiLabel() {
    return multiLabel;
  }

  public LocalLlmSettings settings() {
    return settings;
  }

  /** The few-shot examples in the prompt (empty for zero-shot). */
  public List<Example> examples() {
    return examples;
  }

  /** The chat format used ({@link ChatTemplate#NONE}: plain text). */
  public ChatTemplate chatTemplate() {
    return chat;
  }

  @Override
  public DecisionRule defaultRule() {
    if (multiLabel) {
      return DecisionRule.threshold(0.5);
    }
    return settings.lowProb() == LowProbabilityPolicy.ABSTAIN
        ? new DecisionRules.Abstain(DecisionRule.argmax(), Float.MIN_VALUE, 0.0)
        : DecisionRule.argmax();
  }

  @Override
  public ScoreMatrix predictProba(List<Document> documents) {
    float[][] rows = new float[documents.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = scoreRow(documents.get(i));
    }
    return ScoreMatrix.of(classes, rows);
  }

  /** A question about a text: the prompt as sent and the answers to score. */
  record Question(String name, String prompt, boolean special, List<String> answers) {}

  /** The questions asked about a document. */
  List<Question> questions(Document d) {
    String ex = examplesText();
    if (!multiLabel) {
      Map<String, String> v = new LinkedHashMap<>();
      v.put("labels", String.join(", ", classes.names()));
      v.put("text", d.text());
      v.put("examples", ex);
      return List.of(question("labels", Prompts.fill(prompt, v), classes.names()));
    }
    List<Question> qs = new ArrayList<>();
    for (String label : classes.names()) {
      Map<String, String> v = new LinkedHashMap<>();
      v.put("label", label);
      v.put("text", d.text());
      v.put("examples", ex);
      qs.add(question(label, Prompts.fill(prompt, v), List.of("yes", "no")));
    }
    return qs;
  }

  private Question question(String name, String user, List<String> answers) {
    if (chat == ChatTemplate.NONE) {
      String sep = user.isEmpty() || Character.isWhitespace(user.charAt(user.length() - 1))
          ? "" : " ";
      List<String> a = answers.stream().map(s -> sep + s).toList();
      return new Question(name, user, true, a);
    }
    return new Question(name, chat.render(system, user, decoder.bosToken()), false, answers);
  }

  private String examplesText() {
    StringBuilder b = new StringBuilder();
    for (Example e : examples) {
      Map<String, String> v = Map.of("text", e.document().text(),
          "label", String.join(", ", e.labels()));
      b.append(Prompts.fill(multiLabel ? Prompts.YES_NO_EXAMPLE : Prompts.EXAMPLE, v));
    }
    return b.toString();
  }

  /** The token ids of a question's prompt and answers (end-of-turn token included). */
  record Tokens(long[] prompt, List<long[]> answers) {}

  Tokens tokens(Question q) {
    long[] p = decoder.encode(q.prompt(), q.special());
    List<long[]> answers = new ArrayList<>();
    for (String a : q.answers()) {
      long[] ids = decoder.answerIds(q.prompt(), p, a, q.special());
      if (endOfAnswer >= 0) {
        ids = Arrays.copyOf(ids, ids.length + 1);
        ids[ids.length - 1] = endOfAnswer;
      }
      answers.add(ids);
    }
    return new Tokens(p, answers);
  }

  private float[] scoreRow(Document d) {
    List<Question> qs = questions(d);
    float[] row = new float[classes.size()];
    if (!multiLabel) {
      Tokens t = tokens(qs.get(0));
      double[] lp = decoder.logProbs(t.prompt(), t.answers());
      double max = Double.NEGATIVE_INFINITY;
      for (double x : lp) {
        max = Math.max(max, x);
      }
      double sum = 0;
      for (double x : lp) {
        sum += Math.exp(x - max);
      }
      double logMass = max + Math.log(sum);
      if (lowMass(d, Math.exp(logMass), "the labels")) {
        return row;
      }
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) Math.exp(settings.probasSumTo1() ? lp[j] - logMass : lp[j]);
      }
      return row;
    }
    for (int j = 0; j < row.length; j++) {
      Tokens t = tokens(qs.get(j));
      double[] lp = decoder.logProbs(t.prompt(), t.answers());
      double mass = Math.exp(lp[0]) + Math.exp(lp[1]);
      if (lowMass(d, mass, "yes/no for label '" + classes.name(j) + "'")) {
        continue;
      }
      row[j] = (float) (settings.probasSumTo1()
          ? 1.0 / (1.0 + Math.exp(lp[1] - lp[0])) : Math.exp(lp[0]));
    }
    return row;
  }

  /** Applies the low-probability policy; true when the score must be 0 (abstain). */
  private boolean lowMass(Document d, double mass, String what) {
    if (settings.lowProb() == LowProbabilityPolicy.IGNORE || mass >= settings.minMass()) {
      return false;
    }
    String msg = String.format(java.util.Locale.ROOT,
        "document '%s': %s get %.3g of the probability, below min_mass %.3g", d.id(), what, mass,
        settings.minMass());
    switch (settings.lowProb()) {
      case WARN -> LOG.warn("{}", msg);
      case RAISE -> throw new LowProbabilityException(msg);
      case ABSTAIN -> {
        return true;
      }
      default -> { }
    }
    return false;
  }

  @Override
  public List<PromptTrace> explain(Document document, int maxNewTokens) {
    List<PromptTrace> out = new ArrayList<>();
    for (Question q : questions(document)) {
      Tokens t = tokens(q);
      double[] lp = decoder.logProbs(t.prompt(), t.answers());
      List<ScoredAnswer> answers = new ArrayList<>();
      for (int i = 0; i < lp.length; i++) {
        List<String> toks = new ArrayList<>();
        for (long id : t.answers().get(i)) {
          toks.add(decoder.decode(new long[] {id}));
        }
        answers.add(new ScoredAnswer(q.answers().get(i), toks, lp[i]));
      }
      String gen = decoder.decode(decoder.generate(t.prompt(), maxNewTokens));
      out.add(new PromptTrace(q.name(), q.prompt(), answers, gen));
    }
    return out;
  }

  @Override
  public String modelType() {
    return TYPE;
  }

  @Override
  public void writeTo(ModelWriter out) {
    out.param("model", decoder.directory().toAbsolutePath().toString());
    for (Map.Entry<String, Object> e : settings.toMap().entrySet()) {
      out.param(e.getKey(), e.getValue());
    }
    out.param("prompt_used", prompt);
    List<Map<String, Object>> ex = new ArrayList<>();
    for (Example e : examples) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.document().id());
      m.put("text", e.document().text());
      m.put("labels", e.labels());
      ex.add(m);
    }
    out.json("examples", ex);
  }

  /** Reads a saved model, opening the decoder at the saved path. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public LocalLlmModel load(ModelReader in, Resources context) {
      Path dir = Path.of(in.param("model").asText());
      if (!Files.isDirectory(dir)) {
        throw new Classify4jException(in.directory().resolve("manifest.json")
            + ": field 'params.model': the language model directory " + dir + " does not exist");
      }
      LocalLlmSettings s = new LocalLlmSettings(
          in.param("few_shot").asBoolean(),
          in.param("template").asText(),
          in.param("prompt").asText(),
          in.param("system").asText(),
          in.param("probas_sum_to_1").asBoolean(),
          LowProbabilityPolicy.named(in.param("low_prob").asText()),
          in.param("min_mass").asDouble(),
          in.param("max_examples").asInt(),
          in.param("seed").asLong(),
          in.param("threads").asInt());
      JsonNode ex = in.json("examples", JsonNode.class);
      List<Example> examples = new ArrayList<>();
      for (JsonNode e : ex) {
        List<String> labels = new ArrayList<>();
        e.path("labels").forEach(l -> labels.add(l.asText()));
        examples.add(new Example(Document.of(e.path("id").asText(), e.path("text").asText()),
            labels));
      }
      DecoderModel decoder = DecoderModel.open(dir, s.threads());
      if (context instanceof LoadContext lc) {
        lc.own(decoder);
      }
      return new LocalLlmModel(decoder, in.classes(), in.multiLabel(), s,
          in.param("prompt_used").asText(), examples);
    }
  }
}
