package org.classify4j.app;

import java.util.Optional;
import org.classify4j.classify.DecisionRule;

/** The decision rule a command uses: flags over the project's or model's saved rule. */
public final class Rules {
  private Rules() {}

  /**
   * {@code --threshold}/{@code --limit} when given (limit alone keeps threshold 0), else the
   * project's rule, else {@code saved}.
   */
  public static DecisionRule choose(DecisionRule saved, Optional<DecisionRule> fromProject,
      Double threshold, Integer limit) {
    if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
      throw new AppException("--threshold must be in [0,1], got " + threshold);
    }
    if (limit != null && limit < 1) {
      throw new AppException("--limit must be at least 1, got " + limit);
    }
    if (limit != null) {
      return DecisionRule.limit(limit, threshold == null ? 0.0 : threshold);
    }
    if (threshold != null) {
      return DecisionRule.threshold(threshold);
    }
    return fromProject.orElse(saved);
  }
}
