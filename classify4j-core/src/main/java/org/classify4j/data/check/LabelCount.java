package org.classify4j.data.check;

import java.util.Objects;

/** How many examples carry a label. */
public record LabelCount(String label, int count) {
  public LabelCount {
    Objects.requireNonNull(label, "label");
  }

  @Override
  public String toString() {
    return label + " (" + count + ")";
  }
}
