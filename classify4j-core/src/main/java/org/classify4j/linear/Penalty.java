package org.classify4j.linear;

/** The regularization term added to {@code C * loss}. The intercepts are never penalized. */
public enum Penalty {
  /** {@code 0.5 * ||w||²}. */
  L2,
  /** No penalty (the optimum may be at infinity on separable data; iterations then run out). */
  NONE
}
