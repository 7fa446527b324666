package org.classify4j.data.io;

import java.util.Objects;
import org.classify4j.data.Dataset;

/**
 * A data set read from a file, with where each example came from.
 *
 * @param dataset the examples
 * @param report what reading met
 * @param lines the first line of each example's record (same order as the examples)
 */
public record LoadedDataset(Dataset dataset, ReadReport report, long[] lines) {
  public LoadedDataset {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(report, "report");
    lines = lines.clone();
    if (lines.length != dataset.size()) {
      throw new IllegalArgumentException(
          lines.length + " line numbers for " + dataset.size() + " examples");
    }
  }

  /** The file name or {@code <stdin>}. */
  public String source() {
    return report.source();
  }

  /** The first line of example {@code i}. */
  public long line(int i) {
    return lines[i];
  }

  @Override
  public long[] lines() {
    return lines.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoadedDataset other
        && dataset.equals(other.dataset)
        && report.equals(other.report)
        && java.util.Arrays.equals(lines, other.lines);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataset, report, java.util.Arrays.hashCode(lines));
  }

  @Override
  public String toString() {
    return "LoadedDataset[" + report.summary() + "]";
  }
}
