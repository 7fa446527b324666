package org.classify4j.eval;

/**
 * A named number computed from an {@link EvalData}. Names are the snake_case keys of {@link
 * Metrics#byName(String)}, used in reports, JSON and tuning.
 */
public interface Metric {
  String name();

  double compute(EvalData data);

  /** False for losses and errors (hamming_loss, log_loss, ece): smaller is better. */
  default boolean higherIsBetter() {
    return true;
  }

  static Metric of(String name, boolean higherIsBetter, java.util.function.ToDoubleFunction<EvalData> f) {
    return new Metrics.Named(name, higherIsBetter, f);
  }
}
