package org.classify4j.linear;

/**
 * Settings of the L-BFGS optimizer.
 *
 * @param memory number of correction pairs kept (m); 5..20 is usual
 * @param maxLineSearchSteps objective evaluations allowed per line search
 * @param armijo sufficient-decrease constant c1 of the Wolfe conditions, in (0, curvature)
 * @param curvature curvature constant c2 of the strong Wolfe conditions, in (armijo, 1)
 * @param objectiveTolerance also stop when an iteration lowers the objective by less than this
 *     fraction of its value (scikit-learn passes 64 machine epsilons to scipy); 0 disables it
 */
public record LbfgsSettings(
    int memory, int maxLineSearchSteps, double armijo, double curvature, double objectiveTolerance) {

  public LbfgsSettings {
    if (memory < 1) {
      throw new IllegalArgumentException("memory must be >= 1, got " + memory);
    }
    if (maxLineSearchSteps < 1) {
      throw new IllegalArgumentException(
          "maxLineSearchSteps must be >= 1, got " + maxLineSearchSteps);
    }
    if (!(armijo > 0 && armijo < curvature && curvature < 1)) {
      throw new IllegalArgumentException(
          "need 0 < armijo < curvature < 1, got " + armijo + ", " + curvature);
    }
    if (!(objectiveTolerance >= 0 && objectiveTolerance < 1)) {
      throw new IllegalArgumentException("objectiveTolerance must be in [0,1)");
    }
  }

  /** m = 10, 20 line search steps, c1 = 1e-4, c2 = 0.9, objective tolerance 64·2⁻⁵². */
  public static LbfgsSettings defaults() {
    return new LbfgsSettings(10, 20, 1e-4, 0.9, 64 * Math.ulp(1.0));
  }

  public LbfgsSettings withMemory(int m) {
    return new LbfgsSettings(m, maxLineSearchSteps, armijo, curvature, objectiveTolerance);
  }

  public LbfgsSettings withObjectiveTolerance(double t) {
    return new LbfgsSettings(memory, maxLineSearchSteps, armijo, curvature, t);
  }
}
