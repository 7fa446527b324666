package org.classify4j.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LbfgsTest {

  @Test
  void minimizesTheRosenbrockFunction() {
    Lbfgs.Objective rosen = (x, g) -> {
      double a = 1 - x[0];
      double b = x[1] - x[0] * x[0];
      g[0] = -2 * a - 400 * x[0] * b;
      g[1] = 200 * b;
      return a * a + 100 * b * b;
    };
    Lbfgs.Result r = Lbfgs.minimize(rosen, new double[] {-1.2, 1}, 500, 1e-10,
        LbfgsSettings.defaults());
    assertThat(r.report().stopReason()).isEqualTo(StopReason.CONVERGED);
    assertThat(r.x()[0]).isCloseTo(1.0, within(1e-6));
    assertThat(r.x()[1]).isCloseTo(1.0, within(1e-6));
    assertThat(r.report().iterations()).isLessThan(100);
  }

  @Test
  void solvesAnIllConditionedQuadraticExactly() {
    int n = 50;
    double[] diag = new double[n];
    for (int i = 0; i < n; i++) {
      diag[i] = Math.pow(10, 4.0 * i / (n - 1)); // condition number 1e4
    }
    Lbfgs.Objective q = (x, g) -> {
      double f = 0;
      for (int i = 0; i < n; i++) {
        double e = x[i] - 1;
        f += 0.5 * diag[i] * e * e;
        g[i] = diag[i] * e;
      }
      return f;
    };
    Lbfgs.Result r = Lbfgs.minimize(q, new double[n], 1000, 1e-11,
        LbfgsSettings.defaults().withObjectiveTolerance(0));
    assertThat(r.report().converged()).isTrue();
    // |x - 1| <= |g| / min(diag) = relative norm * |g0|
    assertThat(r.report().gradientNorm()).isLessThanOrEqualTo(1e-11 * r.report().initialGradientNorm());
    for (double v : r.x()) {
      assertThat(v).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void reportsTheIterationLimit() {
    Lbfgs.Objective rosen = (x, g) -> {
      double a = 1 - x[0];
      double b = x[1] - x[0] * x[0];
      g[0] = -2 * a - 400 * x[0] * b;
      g[1] = 200 * b;
      return a * a + 100 * b * b;
    };
    Lbfgs.Result r = Lbfgs.minimize(rosen, new double[] {-1.2, 1}, 3, 1e-10,
        LbfgsSettings.defaults());
    assertThat(r.report().stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
    assertThat(r.report().iterations()).isEqualTo(3);
    assertThat(r.report().objective()).isLessThan(24.2); // f(-1.2, 1) = 24.2
  }

  @Test
  void startingAtTheOptimumStopsAtOnce() {
    Lbfgs.Objective q = (x, g) -> {
      g[0] = 2 * x[0];
      return x[0] * x[0];
    };
    Lbfgs.Result r = Lbfgs.minimize(q, new double[] {0}, 10, 1e-6, LbfgsSettings.defaults());
    assertThat(r.report().iterations()).isZero();
    assertThat(r.report().converged()).isTrue();
  }

  @Test
  void cubicInterpolationFindsTheMinimumOfACubic() {
    // phi(a) = (a - 2)^2 sampled at 0 and 5: the interpolating cubic is the parabola itself
    double m = Lbfgs.cubicMin(0, 4, -4, 5, 9, 6);
    assertThat(m).isCloseTo(2.0, within(1e-12));
  }
}
