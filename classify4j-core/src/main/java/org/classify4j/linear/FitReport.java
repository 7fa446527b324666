package org.classify4j.linear;

import java.util.Objects;

/**
 * How one optimization went.
 *
 * @param iterations L-BFGS iterations done
 * @param evaluations objective and gradient evaluations done (line searches included)
 * @param objective the final objective value, {@code C * weighted loss + penalty}
 * @param gradientNorm the final gradient's Euclidean norm
 * @param initialGradientNorm the gradient norm at the start (zero weights), the scale of the
 *     relative tolerance
 * @param stopReason why it stopped
 */
public record FitReport(
    int iterations,
    int evaluations,
    double objective,
    double gradientNorm,
    double initialGradientNorm,
    StopReason stopReason) {

  public FitReport {
    Objects.requireNonNull(stopReason, "stopReason");
  }

  /** {@code gradientNorm / initialGradientNorm} (0 when the start was already optimal). */
  public double relativeGradientNorm() {
    return initialGradientNorm == 0 ? 0 : gradientNorm / initialGradientNorm;
  }

  public boolean converged() {
    return stopReason == StopReason.CONVERGED;
  }
}
