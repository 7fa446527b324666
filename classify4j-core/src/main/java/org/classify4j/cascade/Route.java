package org.classify4j.cascade;

import java.util.Locale;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;

/**
 * How a cascade decides that stage 1 is unsure about a text, which then goes on to stage 2.
 * {@link #confidence} is higher when stage 1 is surer; a text goes on when its confidence is below
 * the cascade's threshold.
 */
public enum Route {
  /**
   * Single-label: the best score minus the second best. Multi-label: the smallest distance of any
   * label's score from 0.5 (the label stage 1 is least sure of).
   */
  MARGIN,
  /** Single-label: the best score. Multi-label: the best score (some label clearly present). */
  MAX,
  /** Stage 1's decision rule abstains (confidence 0, else 1); no threshold is tuned. */
  ABSTAIN;

  public String paramName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Route parse(String s) {
    for (Route r : values()) {
      if (r.paramName().equals(s.trim().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException("route: '" + s + "' is not one of margin, max, abstain");
  }

  /** Stage 1's confidence on row {@code i}. */
  double confidence(ScoreMatrix s, int i, boolean multiLabel, DecisionRule stage1Rule) {
    float[] row = s.row(i);
    switch (this) {
      case ABSTAIN:
        return stage1Rule.decide(s, i).abstained() ? 0.0 : 1.0;
      case MAX: {
        double best = 0;
        for (float v : row) {
          best = Math.max(best, v);
        }
        return best;
      }
      case MARGIN:
      default: {
        if (multiLabel) {
          double least = 0.5;
          for (float v : row) {
            least = Math.min(least, Math.abs(v - 0.5));
          }
          return least;
        }
        double first = 0;
        double second = 0;
        for (float v : row) {
          if (v > first) {
            second = first;
            first = v;
          } else if (v > second) {
            second = v;
          }
        }
        return first - second;
      }
    }
  }
}
