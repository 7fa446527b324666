package org.classify4j.classify.io;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.classify.ScoredLabel;
import org.classify4j.data.LabelSpace;

/** Shared by the prediction writers: picking and rounding scores. */
final class ScoreFormat {
  private ScoreFormat() {}

  /** Rounds half-up to {@code digits} decimals, printed without exponent or trailing zeros. */
  static BigDecimal round(double v, int digits) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("score " + v + " is not a finite number");
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).setScale(digits, RoundingMode.HALF_UP)
        .stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY) : d;
  }

  /** The top {@code k} (0 = all) labels of a score row, best first, ties by column order. */
  static List<ScoredLabel> top(LabelSpace classes, float[] scores, int k) {
    if (scores.length != classes.size()) {
      throw new IllegalArgumentException(
          scores.length + " scores for " + classes.size() + " labels");
    }
    ScoreMatrix m = ScoreMatrix.ofFlat(classes, 1, scores);
    int n = k <= 0 ? scores.length : Math.min(k, scores.length);
    int[] cols = m.rankedColumns(0);
    List<ScoredLabel> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      out.add(new ScoredLabel(classes.name(cols[j]), scores[cols[j]]));
    }
    return out;
  }
}
