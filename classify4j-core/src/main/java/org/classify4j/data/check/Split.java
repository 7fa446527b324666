package org.classify4j.data.check;

import java.util.Arrays;
import java.util.Objects;
import org.classify4j.data.Dataset;
import org.classify4j.data.io.LoadedDataset;

/**
 * A named data set to check, with where its examples came from.
 *
 * @param name what the report calls it ("train", "test", ...)
 * @param source the file it was read from ("" when unknown)
 * @param dataset the examples
 * @param lines the first line of each example in the source (0 when unknown)
 */
public record Split(String name, String source, Dataset dataset, long[] lines) {
  public Split {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(dataset, "dataset");
    lines = lines.clone();
    if (lines.length != dataset.size()) {
      throw new IllegalArgumentException(
          lines.length + " line numbers for " + dataset.size() + " examples");
    }
  }

  /** A data set read from a file: examples are shown with their lines. */
  public static Split of(String name, LoadedDataset loaded) {
    return new Split(name, loaded.source(), loaded.dataset(), loaded.lines());
  }

  /** A data set made in memory: examples are shown by id only. */
  public static Split of(String name, Dataset dataset) {
    return new Split(name, "", dataset, new long[dataset.size()]);
  }

  public long line(int i) {
    return lines[i];
  }

  @Override
  public long[] lines() {
    return lines.clone();
  }

  Ref ref(int i) {
    return new Ref(name, dataset.get(i).document().id(), lines[i]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Split s && name.equals(s.name) && source.equals(s.source)
        && dataset.equals(s.dataset) && Arrays.equals(lines, s.lines);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, source, dataset, Arrays.hashCode(lines));
  }

  @Override
  public String toString() {
    return "Split[" + name + ", " + dataset.size() + " examples" + (source.isEmpty() ? "" : ", "
        + source) + "]";
  }
}
