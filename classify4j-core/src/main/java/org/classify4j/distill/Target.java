package org.classify4j.distill;

import java.util.Locale;
import java.util.Objects;

/**
 * The operating point to choose: the highest recall at a precision of at least {@code value}, or
 * the highest precision at a recall of at least {@code value}.
 */
public record Target(Kind kind, double value) {
  public enum Kind {
    PRECISION,
    RECALL
  }

  public Target {
    Objects.requireNonNull(kind, "kind");
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException("target " + kind.name().toLowerCase(Locale.ROOT)
          + " must be in (0,1], got " + value);
    }
  }

  public static Target precision(double p) {
    return new Target(Kind.PRECISION, p);
  }

  public static Target recall(double r) {
    return new Target(Kind.RECALL, r);
  }

  public String metric() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return metric() + " ≥ " + value;
  }
}
