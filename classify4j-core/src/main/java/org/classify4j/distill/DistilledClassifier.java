package org.classify4j.distill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.llm.label.LlmLabel;

/**
 * The head {@link Distiller} trains, as an ordinary {@link Classifier} on a labeled data set (every
 * label certain): for cross-validation, grid search and the shared estimator contract. Binary
 * data sets (single-label, two labels) get one sigmoid for the positive label.
 */
public record DistilledClassifier(
    TextEmbedder embedder, LogisticRegression regression, Optional<String> positiveLabel)
    implements Classifier {

  public DistilledClassifier {
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(regression, "regression");
    Objects.requireNonNull(positiveLabel, "positiveLabel");
  }

  public static DistilledClassifier of(TextEmbedder embedder) {
    return new DistilledClassifier(embedder, LogisticRegression.defaults(), Optional.empty());
  }

  @Override
  public String method() {
    return DistilledModel.TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("embedder", embedder.id());
    p.put("C", regression.c());
    p.put("max_iter", regression.maxIterations());
    positiveLabel.ifPresent(l -> p.put("positive_label", l));
    return p;
  }

  @Override
  public DistilledModel fit(Dataset train) {
    List<LlmLabel> labels = new ArrayList<>(train.size());
    for (Example e : train.examples()) {
      if (!train.multiLabel() && e.labels().size() != 1) {
        continue;
      }
      Map<String, Double> scores = new LinkedHashMap<>();
      for (String n : train.labels().names()) {
        scores.put(n, e.labels().contains(n) ? 1.0 : 0.0);
      }
      labels.add(new LlmLabel(e.document().id(), e.document().text(), e.document().metadata(),
          e.labels(), 1.0, scores, false, "gold"));
    }
    Distiller.Builder b = Distiller.builder(embedder).regression(regression)
        .weighting(Distiller.Weighting.NONE);
    positiveLabel.ifPresent(b::positiveLabel);
    Distiller d = b.build();
    boolean binary = !train.multiLabel() && train.labels().size() == 2;
    int pos = binary ? d.positiveIndex(train.labels()) : -1;
    return d.train(labels, train.labels(), train.multiLabel(), pos);
  }

  @Override
  public String toString() {
    return "DistilledClassifier[" + embedder.id() + ", C=" + String.format(Locale.ROOT, "%g",
        regression.c()) + "]";
  }
}
