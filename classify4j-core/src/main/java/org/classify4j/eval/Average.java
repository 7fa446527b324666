package org.classify4j.eval;

/**
 * How per-label precision/recall/F1 are combined (scikit-learn's {@code average}).
 *
 * <ul>
 *   <li>{@code MICRO}: from the summed tp/fp/fn of all labels.
 *   <li>{@code MACRO}: unweighted mean over the <em>present</em> labels: those in the gold or in
 *       the decided sets (scikit-learn's behaviour for label lists; labels of the space that occur
 *       nowhere are left out so an unused label does not drag the mean down).
 *   <li>{@code WEIGHTED}: mean over labels weighted by support (gold count); 0 when there is none.
 *   <li>{@code SAMPLES}: per-document precision/recall/F1 of the decided set against the gold set,
 *       averaged over documents; a document whose ratio has a zero denominator scores 0 (so a
 *       document with no gold labels and no decided labels scores 0, as in scikit-learn).
 * </ul>
 */
public enum Average {
  MICRO,
  MACRO,
  WEIGHTED,
  SAMPLES;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
