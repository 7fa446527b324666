package org.classify4j.llm.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.classify.LlmSettings.Mode;
import org.classify4j.llm.classify.LlmSettings.Scoring;

/**
 * Classifies with a chat model: zero-shot, few-shot (seeded, label-diverse examples) or dynamic
 * few-shot (the nearest training examples), single- or multi-label, over any number of labels.
 *
 * <p>For large label spaces set {@link Builder#candidates(int)}: the labels whose name and
 * description (optionally blended with the centroid of their training examples) are most similar to the text by embedding become the options, and the LLM chooses among them
 * (retrieve-then-rank). Labels never seen in training still work through their names and
 * descriptions.
 *
 * <p>Answers are constrained to valid options: with logprobs, each option is a single-token code
 * and the first answer position's top log probabilities give a probability for every candidate
 * (renormalized over the candidates; the mass elsewhere is reported and can trigger abstention);
 * multi-label asks yes/no per option in one request and reads P(yes)/(P(yes)+P(no)) at each answer
 * position. Without logprobs a JSON schema enum of the codes is used where the server supports
 * it; an answer that still names no option goes to the {@link InvalidAnswerPolicy}, never to a
 * random label.
 *
 * <p>Fitting makes no chat calls: it picks examples and computes embeddings. Whether the model is
 * multi-label follows the training dataset.
 */
public final class LlmClassifier implements Classifier {
  private final ChatModel chatModel;
  private final TextEmbedder embedder; // may be null: only when no retrieval is needed
  private final LlmSettings settings;

  private LlmClassifier(Builder b) {
    this.chatModel = Objects.requireNonNull(b.chatModel, "chatModel");
    this.embedder = b.embedder;
    this.settings = new LlmSettings(b.mode, b.candidates, b.examplesPerPrompt, b.tokenBudget,
        b.invalidAnswerPolicy, b.optionCodes, b.seed, b.minCandidateMass, b.scoring,
        b.temperature, b.useExampleCentroids, b.task, b.systemTemplate, b.userTemplate,
        b.parallelism);
    if (needsEmbedder(settings) && embedder == null) {
      throw new IllegalArgumentException(
          "candidates > 0 and dynamic few-shot need an embedder (Builder.embedder)");
    }
  }

  static boolean needsEmbedder(LlmSettings s) {
    return s.candidates() > 0 || s.mode() == Mode.DYNAMIC_FEW_SHOT;
  }

  public static Builder builder(ChatModel chatModel) {
    return new Builder(chatModel);
  }

  public LlmSettings settings() {
    return settings;
  }

  @Override
  public String method() {
    return "llm-" + settings.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>(settings.toParams());
    p.put("chat_model", chatModel.id());
    p.put("embedder", embedder == null ? "" : embedder.id());
    return p;
  }

  @Override
  public LlmClassifierModel fit(Dataset train) {
    if (settings.invalidAnswerPolicy().kind() == InvalidAnswerPolicy.Kind.FIXED_LABEL
        && !train.labels().contains(settings.invalidAnswerPolicy().label())) {
      throw new IllegalArgumentException("the fixed label '" + settings.invalidAnswerPolicy().label()
          + "' of the invalid-answer policy is not in the label space");
    }
    int k = train.labels().size();
    List<Example> store = new ArrayList<>();
    int[][] pool = new int[0][];
    float[][] storeVectors = null;
    if (settings.mode() == Mode.FEW_SHOT) {
      pool = new int[k + 1][]; // last: examples without labels (multi-label "none")
      Random rnd = new Random(settings.seed());
      List<List<Integer>> byLabel = new ArrayList<>();
      for (int j = 0; j <= k; j++) {
        byLabel.add(new ArrayList<>());
      }
      for (int i = 0; i < train.size(); i++) {
        int[] g = train.goldIndices(i);
        if (g.length == 0) {
          byLabel.get(k).add(i);
        }
        for (int j : g) {
          byLabel.get(j).add(i);
        }
      }
      Map<Integer, Integer> storeIndex = new LinkedHashMap<>();
      for (int j = 0; j <= k; j++) {
        List<Integer> idx = byLabel.get(j);
        java.util.Collections.shuffle(idx, rnd);
        int keep = Math.min(idx.size(), j == k ? 2 : settings.examplesPerPrompt());
        pool[j] = new int[keep];
        for (int r = 0; r < keep; r++) {
          int src = idx.get(r);
          Integer at = storeIndex.get(src);
          if (at == null) {
            at = store.size();
            storeIndex.put(src, at);
            store.add(train.get(src));
          }
          pool[j][r] = at;
        }
      }
    } else if (settings.mode() == Mode.DYNAMIC_FEW_SHOT) {
      store.addAll(train.examples());
    }
    float[][] trainVectors = null;
    if (settings.mode() == Mode.DYNAMIC_FEW_SHOT
        || (settings.candidates() > 0 && settings.useExampleCentroids() && train.size() > 0)) {
      trainVectors = train.size() == 0 ? new float[0][] : embedder.embed(train.texts());
    }
    if (settings.mode() == Mode.DYNAMIC_FEW_SHOT) {
      storeVectors = trainVectors;
    }
    float[][] labelVectors = null;
    if (settings.candidates() > 0) {
      List<String> texts = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        texts.add(LlmClassifierModel.labelText(train.labels().get(j)));
      }
      labelVectors = embedder.embedLabels(texts);
      if (settings.useExampleCentroids() && trainVectors != null) {
        int d = embedder.dimension();
        float[][] sum = new float[k][d];
        for (int i = 0; i < train.size(); i++) {
          for (int j : train.goldIndices(i)) {
            for (int c = 0; c < d; c++) {
              sum[j][c] += trainVectors[i][c];
            }
          }
        }
        for (int j = 0; j < k; j++) {
          normalize(sum[j]);
          for (int c = 0; c < d; c++) {
            labelVectors[j][c] += sum[j][c];
          }
          normalize(labelVectors[j]);
        }
      }
    }
    return new LlmClassifierModel(train.labels(), train.multiLabel(), settings, chatModel,
        embedder, store, storeVectors, labelVectors, pool);
  }

  static void normalize(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    if (n > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] / n);
      }
    }
  }

  /** Hyperparameters; defaults: zero-shot, every label an option, logprobs when available. */
  public static final class Builder {
    private final ChatModel chatModel;
    private TextEmbedder embedder;
    private Mode mode = Mode.ZERO_SHOT;
    private int candidates;
    private int examplesPerPrompt;
    private int tokenBudget;
    private InvalidAnswerPolicy invalidAnswerPolicy = InvalidAnswerPolicy.abstain();
    private OptionCodes optionCodes = OptionCodes.LETTERS;
    private long seed = 42;
    private double minCandidateMass;
    private Scoring scoring = Scoring.AUTO;
    private double temperature;
    private boolean useExampleCentroids;
    private String task = LlmSettings.DEFAULT_TASK;
    private String systemTemplate = LlmSettings.DEFAULT_SYSTEM;
    private String userTemplate = LlmSettings.DEFAULT_USER;
    private int parallelism = 0;

    private Builder(ChatModel chatModel) {
      this.chatModel = chatModel;
    }

    /** Embeds texts, labels and examples for retrieval (candidates, dynamic few-shot). */
    public Builder embedder(TextEmbedder embedder) {
      this.embedder = embedder;
      return this;
    }

    public Builder zeroShot() {
      this.mode = Mode.ZERO_SHOT;
      this.examplesPerPrompt = 0;
      return this;
    }

    /** The same seeded, label-diverse {@code examples} for every prompt (round-robin by label). */
    public Builder fewShot(int examples) {
      this.mode = Mode.FEW_SHOT;
      this.examplesPerPrompt = examples;
      return this;
    }

    /** The {@code examples} training examples nearest each text, covering its candidate labels. */
    public Builder dynamicFewShot(int examples) {
      this.mode = Mode.DYNAMIC_FEW_SHOT;
      this.examplesPerPrompt = examples;
      return this;
    }

    /** Offer only the {@code k} labels most similar to the text (0 = every label). */
    public Builder candidates(int k) {
      this.candidates = k;
      return this;
    }

    /** Stop adding examples when the prompt would pass this many (estimated) tokens; 0 = none. */
    public Builder tokenBudget(int tokens) {
      this.tokenBudget = tokens;
      return this;
    }

    public Builder invalidAnswerPolicy(InvalidAnswerPolicy policy) {
      this.invalidAnswerPolicy = policy;
      return this;
    }

    public Builder optionCodes(OptionCodes codes) {
      this.optionCodes = codes;
      return this;
    }

    /** Seeds example choice and the requests' sampling seed. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Abstain (all-zero row) when the candidates get less probability mass than this. */
    public Builder minCandidateMass(double mass) {
      this.minCandidateMass = mass;
      return this;
    }

    public Builder scoring(Scoring scoring) {
      this.scoring = scoring;
      return this;
    }

    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return this;
    }

    /**
     * Blend each label's name/description embedding with the centroid of its training examples
     * (default false: names and descriptions only, which treats unseen labels like seen ones).
     */
    public Builder useExampleCentroids(boolean use) {
      this.useExampleCentroids = use;
      return this;
    }

    /** The task sentence put in the prompt's {{task}} slot. */
    public Builder task(String task) {
      this.task = task;
      return this;
    }

    /** The system message; may use {{task}}. */
    public Builder systemTemplate(String template) {
      this.systemTemplate = template;
      return this;
    }

    /** The user message: needs {{options}} and {{text}}; may use {{task}}, {{instructions}}, {{examples}}. */
    public Builder userTemplate(String template) {
      this.userTemplate = template;
      return this;
    }

    /**
     * At most this many chat calls in flight at once; 0 (the default): as many as the chat model
     * serves ({@link org.classify4j.llm.ChatModel#concurrency()}).
     */
    public Builder parallelism(int n) {
      this.parallelism = n;
      return this;
    }

    public LlmClassifier build() {
      return new LlmClassifier(this);
    }
  }
}
