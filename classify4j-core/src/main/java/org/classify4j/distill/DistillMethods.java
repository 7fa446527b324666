package org.classify4j.distill;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.classify4j.classify.Classifier;
import org.classify4j.embed.Embedders;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.method.CoreMethods;
import org.classify4j.method.MethodParams;
import org.classify4j.method.MethodProvider;
import org.classify4j.method.LoadContext;

/**
 * The method {@code distilled}: the head {@code distill} trains (a binary head for two-label
 * single-label data, softmax or one sigmoid per label otherwise), on a labeled data set.
 */
public final class DistillMethods implements MethodProvider {
  @Override
  public List<MethodInfo> methods() {
    return List.of(new MethodInfo(DistilledModel.TYPE,
        "logistic head on embeddings as 'distill' trains it (binary head on the positive label"
            + " for two labels)",
        List.of(CoreMethods.MODEL, "C", "max_iter", "positive")));
  }

  @Override
  public Optional<Classifier> create(String method, MethodParams p, LoadContext context) {
    if (!method.equals(DistilledModel.TYPE)) {
      return Optional.empty();
    }
    p.requireOnly(method, Set.of(CoreMethods.MODEL, "C", "max_iter", "positive"));
    String positive = p.string("positive", "");
    return Optional.of(new DistilledClassifier(
        context.embedder(p.string(CoreMethods.MODEL, Embedders.DEFAULT_ID)),
        LogisticRegression.defaults().withC(p.number("C", 1.0))
            .withMaxIterations(p.integer("max_iter", 1000)),
        positive.isEmpty() ? Optional.empty() : Optional.of(positive)));
  }
}
