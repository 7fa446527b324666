package org.classify4j.langchain4j;

import dev.langchain4j.classification.ClassificationResult;
import dev.langchain4j.classification.ScoredLabel;
import dev.langchain4j.classification.TextClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;

/**
 * A fitted classify4j model as a LangChain4j {@link TextClassifier TextClassifier&lt;String&gt;}.
 * The model scores the text; the {@link DecisionRule} (the model's own {@link
 * ClassifierModel#defaultRule()} unless one is given, e.g. a saved {@code decision.json}) decides
 * which labels are returned: argmax gives one, a threshold or limit several, an abstaining rule
 * none. Each returned label is a {@link ScoredLabel} with the model's score, best first.
 * Thread-safe when the model is (all classify4j models are).
 */
public final class Classify4jTextClassifier implements TextClassifier<String> {
  private final ClassifierModel model;
  private final DecisionRule rule;
  private final AtomicLong ids = new AtomicLong();

  private Classify4jTextClassifier(ClassifierModel model, DecisionRule rule) {
    this.model = Objects.requireNonNull(model, "model");
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** The model with its default decision rule. */
  public static Classify4jTextClassifier of(ClassifierModel model) {
    return new Classify4jTextClassifier(model, model.defaultRule());
  }

  /** The model with {@code rule} deciding which labels are returned. */
  public static Classify4jTextClassifier of(ClassifierModel model, DecisionRule rule) {
    return new Classify4jTextClassifier(model, rule);
  }

  public ClassifierModel model() {
    return model;
  }

  public DecisionRule rule() {
    return rule;
  }

  @Override
  public ClassificationResult<String> classifyWithScores(String text) {
    return classifyAllWithScores(List.of(text)).get(0);
  }

  /**
   * Several texts in one {@code predictProba} call (one embedding batch, or the LLM classifier's
   * concurrent requests), results in order.
   */
  public List<ClassificationResult<String>> classifyAllWithScores(List<String> texts) {
    List<Document> docs = new ArrayList<>(texts.size());
    for (String t : texts) {
      docs.add(Document.of("lc4j-" + ids.incrementAndGet(), Objects.requireNonNull(t, "text")));
    }
    ScoreMatrix scores = model.predictProba(docs);
    List<ClassificationResult<String>> out = new ArrayList<>(texts.size());
    for (int i = 0; i < docs.size(); i++) {
      Prediction p = rule.decide(scores, i);
      List<ScoredLabel<String>> labels = new ArrayList<>(p.labels().size());
      for (org.classify4j.classify.ScoredLabel l : p.labels()) {
        labels.add(new ScoredLabel<>(l.label(), l.score()));
      }
      out.add(new ClassificationResult<>(labels));
    }
    return out;
  }
}
