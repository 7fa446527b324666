package org.classify4j.linear;

/** Why an optimization stopped. */
public enum StopReason {
  /** The gradient norm (or the objective's relative decrease) fell below the tolerance. */
  CONVERGED,
  /** The iteration limit was reached first. */
  MAX_ITERATIONS,
  /**
   * No step along the search direction (nor along the steepest descent) decreased the objective:
   * usually the optimum is reached to the precision of floating point arithmetic.
   */
  LINE_SEARCH_FAILED
}
