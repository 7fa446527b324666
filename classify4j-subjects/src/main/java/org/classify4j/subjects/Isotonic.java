package org.classify4j.subjects;

import org.classify4j.classify.IsotonicMap;

/**
 * An isotonic (pool-adjacent-violators) map from a score to the share of correct labels, as
 * Annif's PAV backend uses: core's {@link IsotonicMap} (also used by score calibration), under the
 * name the subject ensemble's code uses.
 */
final class Isotonic {
  private final IsotonicMap map;

  Isotonic(float[] x, float[] y) {
    this(new IsotonicMap(x, y));
  }

  private Isotonic(IsotonicMap map) {
    this.map = map;
  }

  static Isotonic identity() {
    return new Isotonic(IsotonicMap.identity());
  }

  static Isotonic fit(float[] scores, boolean[] correct) {
    return new Isotonic(IsotonicMap.fit(scores, correct));
  }

  double apply(double s) {
    return map.apply(s);
  }

  float[] xs() {
    return map.xs();
  }

  float[] ys() {
    return map.ys();
  }
}
