package org.classify4j.linear;

import java.util.List;
import java.util.Objects;

/**
 * A fitted logistic model with the report of each optimization: one for multinomial and binary
 * fits, one per class (in class order) for one-vs-rest.
 */
public record LogisticFit(LogisticModel model, List<FitReport> reports) {
  public LogisticFit {
    Objects.requireNonNull(model, "model");
    reports = List.copyOf(reports);
  }

  /** Whether every optimization converged. */
  public boolean converged() {
    return reports.stream().allMatch(FitReport::converged);
  }

  /** Total L-BFGS iterations over all optimizations. */
  public int totalIterations() {
    return reports.stream().mapToInt(FitReport::iterations).sum();
  }
}
