/**
 * Selective classification: abstention rules tuned on validation data for a target coverage,
 * read off a {@link org.classify4j.eval.RiskCoverageCurve}.
 */
package org.classify4j.selective;
