/**
 * Evaluation: {@link org.classify4j.eval.EvalData} (gold label sets, scores, decisions) and the
 * metrics computed from it.
 *
 * <p>Conventions shared by every metric here:
 *
 * <ul>
 *   <li>A ratio with a zero denominator is 0 (scikit-learn's {@code zero_division=0}): a label
 *       never decided has precision 0, a document with neither gold nor decided labels has samples
 *       F1 and Jaccard 0, and an empty evaluation scores 0 everywhere. Cohen's kappa is 0 when
 *       chance agreement is 1 (scikit-learn gives NaN).
 *   <li>Macro averages run over the labels present in the gold or decided sets.
 *   <li>Set metrics use the decisions (an abstention decides nothing and is never correct);
 *       ranking, calibration and curves use the scores. Ranking ties go to label-space order.
 *   <li>P@k/R@k/F1@k consider only labels with a positive score, as Annif does.
 * </ul>
 *
 * <p>Names used in reports, JSON, the CLI and tuning are those of {@link
 * org.classify4j.eval.Metrics#names()}. The set and ranking metrics are checked against
 * scikit-learn on random data in the tests.
 */
package org.classify4j.eval;
