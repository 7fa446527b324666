package org.classify4j.llm.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classify4j.Classify4jException;
import org.classify4j.Json;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.llm.ChatMessage;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatModelException;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.PromptTemplate;
import org.classify4j.llm.ResponseFormat;
import org.classify4j.llm.TokenLogprob;
import org.classify4j.llm.Tokens;
import org.classify4j.llm.classify.LlmSettings.Mode;
import org.classify4j.llm.classify.LlmSettings.Scoring;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;

/**
 * A fitted {@link LlmClassifier}: prompt settings, labels, the example store (with embeddings for
 * dynamic few-shot) and label embeddings (for candidates). Immutable and thread-safe; every
 * document is one chat request (made in parallel, {@code parallelism} at a time).
 *
 * <p>Rows of documents the model abstained on (too little mass on the candidates, or an invalid
 * answer under the ABSTAIN policy) are all zeros, also for single-label models; the default rule
 * for single-label models is argmax that abstains on such rows. {@link #predictDetailed} tells
 * what happened to each document.
 */
public final class LlmClassifierModel implements SavableModel {
  public static final String TYPE = "llm";
  private static final Pattern YES_NO_LINE =
      Pattern.compile("^\\s*[-*]?\\s*([A-Z]{1,3}|\\d{1,3})\\s*[:=.)\\-]\\s*$");
  private static final Pattern TEXT_LINE =
      Pattern.compile("^\\s*[-*]?\\s*([A-Z]{1,3}|\\d{1,3})\\s*[:=.)\\-]\\s*(yes|no)\\b.*$",
          Pattern.CASE_INSENSITIVE);

  private final LabelSpace classes;
  private final boolean multiLabel;
  private final LlmSettings s;
  private final ChatModel chat;
  private final TextEmbedder embedder;
  private final List<Example> store;
  private final float[][] storeVectors;
  private final float[][] labelVectors;
  private final int[][] pool;
  private final Scoring scoring;
  private final int topLogprobs;
  private final PromptTemplate system;
  private final PromptTemplate user;
  private volatile ExecutorService executor;

  LlmClassifierModel(LabelSpace classes, boolean multiLabel, LlmSettings settings, ChatModel chat,
      TextEmbedder embedder, List<Example> store, float[][] storeVectors, float[][] labelVectors,
      int[][] pool) {
    this.classes = classes;
    this.multiLabel = multiLabel;
    this.s = settings;
    this.chat = chat;
    this.embedder = embedder;
    this.store = List.copyOf(store);
    this.storeVectors = storeVectors;
    this.labelVectors = labelVectors;
    this.pool = pool;
    this.system = PromptTemplate.of(settings.systemTemplate());
    this.user = PromptTemplate.of(settings.userTemplate());
    var caps = chat.capabilities();
    Scoring sc = settings.scoring();
    if (sc == Scoring.AUTO) {
      sc = caps.logprobs() && caps.maxTopLogprobs() >= 2 ? Scoring.LOGPROBS
          : caps.jsonSchema() ? Scoring.JSON_SCHEMA : Scoring.TEXT;
    }
    this.scoring = sc;
    this.topLogprobs = Math.min(20, Math.max(caps.maxTopLogprobs(), 0));
  }

  @Override
  public LabelSpace classes() {
    return classes;
  }

  @Override
  public boolean multiLabel() {
    return multiLabel;
  }

  public LlmSettings settings() {
    return s;
  }

  /** The scoring used (AUTO resolved against the chat model's capabilities). */
  public Scoring scoring() {
    return scoring;
  }

  public ChatModel chatModel() {
    return chat;
  }

  /** Single-label: argmax, abstaining on all-zero rows; multi-label: threshold 0.5. */
  @Override
  public DecisionRule defaultRule() {
    return multiLabel ? DecisionRule.threshold(0.5)
        : new DecisionRules.Abstain(DecisionRule.argmax(), 1e-6, 0.0);
  }

  @Override
  public ScoreMatrix predictProba(List<Document> documents) {
    return predictDetailed(documents).scores();
  }

  /** Scores with what happened to each document. */
  public record Detailed(ScoreMatrix scores, List<LlmResult> results) {
    public Detailed {
      results = List.copyOf(results);
    }
  }

  /** The requests {@link #predictProba} would send, without sending them (for dry runs). */
  public List<ChatRequest> requests(List<Document> documents) {
    List<Prompt> ps = prompts(documents);
    List<ChatRequest> out = new ArrayList<>(ps.size());
    for (Prompt p : ps) {
      out.add(p.request);
    }
    return out;
  }

  /**
   * Chat calls in flight at once: the explicit {@code parallelism} setting, else the chat model's
   * own concurrency (the one setting that governs requests end to end).
   */
  public int concurrency() {
    return s.parallelism() > 0 ? s.parallelism() : Math.max(1, chat.concurrency());
  }

  /**
   * The model's one executor, made on first use and shared by every predict call (concurrent
   * calls share its threads instead of each making a pool). Its daemon threads end after a minute
   * idle, so a model needs no closing.
   */
  private ExecutorService executor() {
    ExecutorService e = executor;
    if (e == null) {
      synchronized (this) {
        e = executor;
        if (e == null) {
          int threads = concurrency();
          AtomicInteger counter = new AtomicInteger();
          java.util.concurrent.ThreadPoolExecutor t = new java.util.concurrent.ThreadPoolExecutor(
              threads, threads, 60, java.util.concurrent.TimeUnit.SECONDS,
              new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                Thread th = new Thread(r, "classify4j-llm-" + counter.incrementAndGet());
                th.setDaemon(true);
                return th;
              });
          t.allowCoreThreadTimeOut(true);
          executor = e = t;
        }
      }
    }
    return e;
  }

  public Detailed predictDetailed(List<Document> documents) {
    int n = documents.size();
    int k = classes.size();
    if (n == 0) {
      return new Detailed(ScoreMatrix.of(classes, new float[0][]), List.of());
    }
    List<Prompt> prompts = prompts(documents);
    Row[] rows = new Row[n];
    if (n == 1 || concurrency() <= 1) {
      for (int i = 0; i < n; i++) {
        rows[i] = score(prompts.get(i));
      }
    } else {
      ExecutorService pool = executor();
      List<Future<Row>> fs = new ArrayList<>(n);
      for (Prompt p : prompts) {
        fs.add(pool.submit(() -> score(p)));
      }
      for (int i = 0; i < n; i++) {
        try {
          rows[i] = fs.get(i).get();
        } catch (ExecutionException e) {
          for (Future<Row> f : fs) {
            f.cancel(true);
          }
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new Classify4jException("chat call failed: " + c, c);
        } catch (InterruptedException e) {
          for (Future<Row> f : fs) {
            f.cancel(true);
          }
          Thread.currentThread().interrupt();
          throw new Classify4jException("interrupted while classifying", e);
        }
      }
    }
    float[] flat = new float[n * k];
    List<LlmResult> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows[i].scores, 0, flat, i * k, k);
      results.add(rows[i].result);
    }
    return new Detailed(ScoreMatrix.ofFlat(classes, n, flat), results);
  }

  // ---------------------------------------------------------------- prompts

  private record Prompt(int[] candidates, ChatRequest request) {}

  private record Row(float[] scores, LlmResult result) {}

  private List<Prompt> prompts(List<Document> documents) {
    float[][] docVecs = null;
    if (labelVectors != null || s.mode() == Mode.DYNAMIC_FEW_SHOT) {
      List<String> texts = new ArrayList<>(documents.size());
      for (Document d : documents) {
        texts.add(d.text());
      }
      docVecs = embedder.embed(texts);
    }
    List<Prompt> out = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      out.add(prompt(documents.get(i), docVecs == null ? null : docVecs[i]));
    }
    return out;
  }

  private Prompt prompt(Document doc, float[] vec) {
    int[] cands = candidates(vec);
    Map<Integer, Integer> pos = new LinkedHashMap<>();
    for (int p = 0; p < cands.length; p++) {
      pos.put(cands[p], p);
    }
    StringBuilder options = new StringBuilder();
    for (int p = 0; p < cands.length; p++) {
      if (p > 0) {
        options.append('\n');
      }
      options.append(s.optionCodes().code(p)).append(". ").append(optionText(classes.get(cands[p])));
    }
    Map<String, String> slots = new LinkedHashMap<>();
    slots.put("task", s.task());
    slots.put("options", options.toString());
    slots.put("instructions", instructions(cands.length));
    slots.put("text", doc.text());
    slots.put("examples", "");
    String sys = system.renderSome(slots);
    List<Example> examples = examples(doc, vec, cands, pos);
    StringBuilder ex = new StringBuilder();
    int used = Tokens.estimate(sys) + Tokens.estimate(user.renderSome(slots)) + 2 * Tokens.PER_MESSAGE;
    for (Example e : examples) {
      String block = "Text: " + e.document().text() + "\nAnswer: " + answerFor(e, cands.length, pos)
          + "\n\n";
      int t = Tokens.estimate(block);
      if (s.tokenBudget() > 0 && used + t > s.tokenBudget()) {
        continue;
      }
      used += t;
      ex.append(block);
    }
    slots.put("examples", ex.toString());
    ChatRequest.Builder b = ChatRequest.builder()
        .messages(ChatMessage.system(sys), ChatMessage.user(user.renderSome(slots)))
        .temperature(s.temperature())
        .seed(s.seed());
    if (scoring == Scoring.LOGPROBS) {
      b.logprobs(Math.max(topLogprobs, 1));
      b.maxTokens(multiLabel ? cands.length * 5 + 8 : 1);
    } else if (scoring == Scoring.JSON_SCHEMA) {
      b.responseFormat(schema(cands.length));
      b.maxTokens(multiLabel ? cands.length * 4 + 16 : 24);
    } else {
      b.maxTokens(multiLabel ? cands.length * 5 + 8 : 8);
    }
    return new Prompt(cands, b.build());
  }

  static String labelText(Label l) {
    StringBuilder b = new StringBuilder(l.name().replace('_', ' '));
    if (!l.description().isBlank()) {
      b.append(": ").append(l.description());
    }
    if (!l.synonyms().isEmpty()) {
      b.append(" (also: ").append(String.join(", ", l.synonyms())).append(')');
    }
    return b.toString();
  }

  private static String optionText(Label l) {
    StringBuilder b = new StringBuilder(l.name());
    if (!l.description().isBlank()) {
      b.append(" — ").append(l.description());
    }
    if (!l.synonyms().isEmpty()) {
      b.append(" (also: ").append(String.join(", ", l.synonyms())).append(')');
    }
    return b.toString();
  }

  private String instructions(int m) {
    String last = s.optionCodes().code(m - 1);
    if (scoring == Scoring.JSON_SCHEMA) {
      return multiLabel
          ? "Answer in JSON: {\"answer\": [codes of every option that fits]}; an empty list when"
              + " none fits."
          : "Answer in JSON: {\"answer\": \"the code of the one option that fits best\"}.";
    }
    if (multiLabel) {
      return "For every option from " + s.optionCodes().code(0) + " to " + last
          + ", answer yes or no: one line per option, in order, written as `"
          + s.optionCodes().code(0) + ": yes` or `" + s.optionCodes().code(0)
          + ": no`. Answer no for all when none fits.";
    }
    return "Answer with the code (" + s.optionCodes().code(0) + " to " + last
        + ") of the one option that fits the text best, and nothing else.";
  }

  private String answerFor(Example e, int m, Map<Integer, Integer> pos) {
    List<String> codes = new ArrayList<>();
    Set<Integer> on = new HashSet<>();
    for (String l : e.labels()) {
      Integer p = pos.get(classes.requireIndex(l));
      if (p != null) {
        codes.add(s.optionCodes().code(p));
        on.add(p);
      }
    }
    if (scoring == Scoring.JSON_SCHEMA) {
      return multiLabel ? Json.mapper().createObjectNode().set("answer",
              Json.mapper().valueToTree(codes)).toString()
          : Json.mapper().createObjectNode().put("answer", codes.get(0)).toString();
    }
    if (!multiLabel) {
      return codes.get(0);
    }
    StringBuilder b = new StringBuilder();
    for (int p = 0; p < m; p++) {
      b.append('\n').append(s.optionCodes().code(p)).append(": ").append(on.contains(p) ? "yes" : "no");
    }
    return b.toString();
  }

  private ResponseFormat schema(int m) {
    List<String> codes = new ArrayList<>();
    for (int p = 0; p < m; p++) {
      codes.add(s.optionCodes().code(p));
    }
    Map<String, Object> answer = multiLabel
        ? Map.of("type", "array", "items", Map.of("type", "string", "enum", codes))
        : Map.of("type", "string", "enum", codes);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of("answer", answer));
    schema.put("required", List.of("answer"));
    schema.put("additionalProperties", false);
    return ResponseFormat.jsonSchema(multiLabel ? "labels" : "label", schema);
  }

  private int[] candidates(float[] vec) {
    int k = classes.size();
    if (labelVectors == null || s.candidates() >= k || vec == null) {
      int[] all = new int[k];
      for (int j = 0; j < k; j++) {
        all[j] = j;
      }
      return all;
    }
    return topBySimilarity(vec, labelVectors, s.candidates(), null);
  }

  /** Indices of the {@code n} rows most similar to {@code vec}, best first (ties: lower index). */
  private static int[] topBySimilarity(float[] vec, float[][] rows, int n, float[] simsOut) {
    Integer[] idx = new Integer[rows.length];
    float[] sims = simsOut != null ? simsOut : new float[rows.length];
    for (int j = 0; j < rows.length; j++) {
      idx[j] = j;
      sims[j] = dot(vec, rows[j]);
    }
    Arrays.sort(idx, (a, b) -> {
      int c = Float.compare(sims[b], sims[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int m = Math.min(n, rows.length);
    int[] out = new int[m];
    for (int j = 0; j < m; j++) {
      out[j] = idx[j];
    }
    return out;
  }

  private static float dot(float[] a, float[] b) {
    float d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
    }
    return d;
  }

  private List<Example> examples(Document doc, float[] vec, int[] cands, Map<Integer, Integer> pos) {
    int want = s.examplesPerPrompt();
    if (s.mode() == Mode.ZERO_SHOT || want == 0 || store.isEmpty()) {
      return List.of();
    }
    if (s.mode() == Mode.FEW_SHOT) {
      LinkedHashSet<Integer> chosen = new LinkedHashSet<>();
      int k = classes.size();
      for (int r = 0; chosen.size() < want; r++) {
        boolean any = false;
        for (int c : cands) {
          if (r < pool[c].length) {
            any = true;
            if (chosen.size() < want && usable(store.get(pool[c][r]), doc, pos)) {
              chosen.add(pool[c][r]);
            }
          }
        }
        if (multiLabel && r == 0 && pool.length > k && pool[k].length > 0
            && chosen.size() < want) {
          chosen.add(pool[k][0]);
        }
        if (!any) {
          break;
        }
      }
      List<Example> out = new ArrayList<>();
      for (int i : chosen) {
        out.add(store.get(i));
      }
      return out;
    }
    // dynamic: nearest globally, restricted to examples the options can express, covering labels
    float[] sims = new float[store.size()];
    int[] near = topBySimilarity(vec, storeVectors, Math.max(4 * want, want + cands.length), sims);
    List<Integer> eligible = new ArrayList<>();
    for (int i : near) {
      if (usable(store.get(i), doc, pos)) {
        eligible.add(i);
      }
    }
    LinkedHashSet<Integer> chosen = new LinkedHashSet<>();
    Set<String> covered = new HashSet<>();
    for (int i : eligible) {
      if (chosen.size() >= want) {
        break;
      }
      boolean adds = false;
      for (String l : store.get(i).labels()) {
        adds |= pos.containsKey(classes.requireIndex(l)) && !covered.contains(l);
      }
      if (adds) {
        chosen.add(i);
        covered.addAll(store.get(i).labels());
      }
    }
    for (int i : eligible) {
      if (chosen.size() >= want) {
        break;
      }
      chosen.add(i);
    }
    List<Integer> ordered = new ArrayList<>(chosen);
    ordered.sort((a, b) -> {
      int c = Float.compare(sims[a], sims[b]); // least similar first, the nearest just before the text
      return c != 0 ? c : Integer.compare(b, a);
    });
    List<Example> out = new ArrayList<>();
    for (int i : ordered) {
      out.add(store.get(i));
    }
    return out;
  }

  private boolean usable(Example e, Document doc, Map<Integer, Integer> pos) {
    if (e.document().text().equals(doc.text())) {
      return false;
    }
    if (e.labels().isEmpty()) {
      return multiLabel;
    }
    for (String l : e.labels()) {
      if (pos.containsKey(classes.requireIndex(l))) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- answers

  private Row score(Prompt p) {
    ChatResponse r = chat.chat(p.request);
    return multiLabel ? readMulti(p, r) : readSingle(p, r);
  }

  private List<String> candidateNames(int[] cands) {
    List<String> out = new ArrayList<>(cands.length);
    for (int c : cands) {
      out.add(classes.name(c));
    }
    return out;
  }

  private Row readSingle(Prompt p, ChatResponse r) {
    int m = p.candidates.length;
    float[] scores = new float[classes.size()];
    List<String> names = candidateNames(p.candidates);
    if (scoring == Scoring.LOGPROBS && r.hasLogprobs()) {
      TokenLogprob first = firstContentToken(r.logprobs());
      double[] mass = new double[m];
      double total = 0;
      for (TokenLogprob.Alternative a : first.alternativesOrChosen()) {
        OptionalInt idx = s.optionCodes().index(stripCode(a.token()));
        if (idx.isPresent() && idx.getAsInt() < m) {
          double pr = a.probability();
          mass[idx.getAsInt()] += pr;
          total += pr;
        }
      }
      if (total <= 0) {
        return invalid(names, r.text(), 0.0);
      }
      total = Math.min(total, 1.0);
      if (total < s.minCandidateMass()) {
        return new Row(scores, new LlmResult(names, total, LlmResult.Outcome.ABSTAINED_LOW_MASS,
            r.text()));
      }
      double sum = Arrays.stream(mass).sum();
      for (int j = 0; j < m; j++) {
        scores[p.candidates[j]] = (float) Math.min(1.0, mass[j] / sum);
      }
      return new Row(scores, new LlmResult(names, total, LlmResult.Outcome.SCORED, r.text()));
    }
    String answer = r.text();
    if (scoring == Scoring.JSON_SCHEMA) {
      answer = jsonAnswer(r.text()).map(n -> n.asText()).orElse(answer);
    }
    OptionalInt idx = matchOption(answer, p.candidates);
    if (idx.isEmpty()) {
      return invalid(names, r.text(), 0.0);
    }
    scores[p.candidates[idx.getAsInt()]] = 1f;
    return new Row(scores, new LlmResult(names, 1.0, LlmResult.Outcome.SCORED, r.text()));
  }

  private Row readMulti(Prompt p, ChatResponse r) {
    int m = p.candidates.length;
    float[] scores = new float[classes.size()];
    List<String> names = candidateNames(p.candidates);
    boolean[] seen = new boolean[m];
    int found = 0;
    double massSum = 0;
    if (scoring == Scoring.LOGPROBS && r.hasLogprobs()) {
      StringBuilder line = new StringBuilder();
      for (TokenLogprob t : r.logprobs()) {
        String word = t.token().strip().toLowerCase(Locale.ROOT);
        if (word.equals("yes") || word.equals("no")) {
          Matcher mt = YES_NO_LINE.matcher(line);
          if (mt.matches()) {
            OptionalInt idx = s.optionCodes().index(mt.group(1));
            if (idx.isPresent() && idx.getAsInt() < m && !seen[idx.getAsInt()]) {
              double py = 0;
              double pn = 0;
              for (TokenLogprob.Alternative a : t.alternativesOrChosen()) {
                String w = a.token().strip().toLowerCase(Locale.ROOT);
                if (w.equals("yes")) {
                  py += a.probability();
                } else if (w.equals("no")) {
                  pn += a.probability();
                }
              }
              if (py + pn > 0) {
                seen[idx.getAsInt()] = true;
                found++;
                massSum += Math.min(1.0, py + pn);
                scores[p.candidates[idx.getAsInt()]] = (float) Math.min(1.0, py / (py + pn));
              }
            }
          }
        }
        int nl = t.token().lastIndexOf('\n');
        if (nl >= 0) {
          line.setLength(0);
          line.append(t.token().substring(nl + 1));
        } else {
          line.append(t.token());
        }
      }
    } else if (scoring == Scoring.JSON_SCHEMA && jsonAnswer(r.text()).isPresent()) {
      JsonNode a = jsonAnswer(r.text()).get();
      if (a.isArray()) {
        found = m; // a valid (possibly empty) list answers every option
        for (JsonNode c : a) {
          OptionalInt idx = s.optionCodes().index(c.asText().strip());
          if (idx.isPresent() && idx.getAsInt() < m) {
            scores[p.candidates[idx.getAsInt()]] = 1f;
          }
        }
        massSum = m;
      }
    } else {
      for (String ln : r.text().split("\n")) {
        Matcher mt = TEXT_LINE.matcher(ln);
        if (mt.matches()) {
          OptionalInt idx = s.optionCodes().index(mt.group(1));
          if (idx.isPresent() && idx.getAsInt() < m && !seen[idx.getAsInt()]) {
            seen[idx.getAsInt()] = true;
            found++;
            massSum += 1;
            if (mt.group(2).equalsIgnoreCase("yes")) {
              scores[p.candidates[idx.getAsInt()]] = 1f;
            }
          }
        }
      }
    }
    if (found == 0) {
      return invalid(names, r.text(), 0.0);
    }
    double mass = massSum / m;
    if (mass < s.minCandidateMass()) {
      return new Row(new float[classes.size()],
          new LlmResult(names, mass, LlmResult.Outcome.ABSTAINED_LOW_MASS, r.text()));
    }
    return new Row(scores, new LlmResult(names, mass, LlmResult.Outcome.SCORED, r.text()));
  }

  private Row invalid(List<String> names, String answer, double mass) {
    InvalidAnswerPolicy pol = s.invalidAnswerPolicy();
    switch (pol.kind()) {
      case FAIL:
        throw new ChatModelException.InvalidAnswer("the model's answer names none of the "
            + names.size() + " options (" + answer.length() + " characters); policy: fail");
      case FIXED_LABEL: {
        float[] scores = new float[classes.size()];
        scores[classes.requireIndex(pol.label())] = 1f;
        return new Row(scores, new LlmResult(names, mass, LlmResult.Outcome.INVALID_FIXED_LABEL,
            answer));
      }
      default:
        return new Row(new float[classes.size()],
            new LlmResult(names, mass, LlmResult.Outcome.INVALID_ABSTAINED, answer));
    }
  }

  private static TokenLogprob firstContentToken(List<TokenLogprob> tokens) {
    for (TokenLogprob t : tokens) {
      if (!t.token().isBlank()) {
        return t;
      }
    }
    return tokens.get(0);
  }

  /** A token or short answer without spaces, quotes, brackets and trailing punctuation. */
  static String stripCode(String token) {
    String t = token.strip();
    int a = 0;
    int b = t.length();
    while (a < b && "([\"'*`".indexOf(t.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && ".):]\"',*`".indexOf(t.charAt(b - 1)) >= 0) {
      b--;
    }
    return t.substring(a, b);
  }

  private OptionalInt matchOption(String answer, int[] cands) {
    String a = answer.strip();
    int nl = a.indexOf('\n');
    if (nl >= 0) {
      a = a.substring(0, nl);
    }
    String code = stripCode(a);
    OptionalInt idx = s.optionCodes().index(code);
    if (idx.isPresent() && idx.getAsInt() < cands.length) {
      return idx;
    }
    String lower = stripCode(a).toLowerCase(Locale.ROOT);
    for (int p = 0; p < cands.length; p++) {
      if (classes.name(cands[p]).toLowerCase(Locale.ROOT).equals(lower)) {
        return OptionalInt.of(p);
      }
    }
    return OptionalInt.empty();
  }

  private static java.util.Optional<JsonNode> jsonAnswer(String text) {
    try {
      JsonNode n = Json.mapper().readTree(text.strip());
      JsonNode a = n == null ? null : n.get("answer");
      return a == null || a.isNull() ? java.util.Optional.empty() : java.util.Optional.of(a);
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  // ---------------------------------------------------------------- persistence

  /** One stored training example. */
  public record StoredExample(String id, String text, List<String> labels) {}

  @Override
  public String modelType() {
    return TYPE;
  }

  @Override
  public void writeTo(ModelWriter out) {
    s.toParams().forEach(out::param);
    out.param("chat_model", chat.id());
    out.param("embedder", embedder == null ? "" : embedder.id());
    List<StoredExample> ex = new ArrayList<>(store.size());
    for (Example e : store) {
      ex.add(new StoredExample(e.document().id(), e.document().text(), e.labels()));
    }
    out.json("examples", ex);
    out.json("few_shot_pool", pool);
    if (storeVectors != null && storeVectors.length > 0) {
      out.matrix("example_vectors", storeVectors, storeVectors[0].length);
    }
    if (labelVectors != null) {
      out.matrix("label_vectors", labelVectors, labelVectors[0].length);
    }
  }

  /** Reads saved LLM classifiers; the chat model comes from the {@link Resources}. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public LlmClassifierModel load(ModelReader in, Resources context) {
      LlmSettings settings = LlmSettings.fromParams(in.params());
      ChatModel chat = context.get(ChatModel.class, in.param("chat_model").asText());
      String embId = in.params().path("embedder").asText("");
      TextEmbedder emb = embId.isEmpty() ? null : context.get(TextEmbedder.class, embId);
      List<Example> store = new ArrayList<>();
      for (StoredExample e : in.json("examples", StoredExample[].class)) {
        store.add(new Example(Document.of(e.id(), e.text()), e.labels()));
      }
      int[][] pool = in.json("few_shot_pool", int[][].class);
      boolean dynamic = settings.mode() == Mode.DYNAMIC_FEW_SHOT;
      float[][] storeVectors = dynamic
          ? (store.isEmpty() ? new float[0][] : in.matrix("example_vectors")) : null;
      float[][] labelVectors = settings.candidates() > 0 ? in.matrix("label_vectors") : null;
      return new LlmClassifierModel(in.classes(), in.multiLabel(), settings, chat, emb, store,
          storeVectors, labelVectors, pool);
    }
  }
}
