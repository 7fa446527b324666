package org.classify4j.select;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.classify4j.classify.DecisionRule;

/**
 * A decision rule chosen on validation data, the metric it was chosen by and its value there, and
 * other numbers at that operating point (precision, recall, coverage, threshold, …).
 */
public record TunedRule(DecisionRule rule, String metric, double value, Map<String, Double> details) {
  public TunedRule {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(metric, "metric");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
