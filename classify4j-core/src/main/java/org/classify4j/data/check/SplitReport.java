package org.classify4j.data.check;

import java.util.List;
import java.util.Objects;

/**
 * What {@link DataChecks} found in one data set.
 *
 * @param name the split's name
 * @param source the file ("" when unknown)
 * @param examples number of examples
 * @param labelSpaceSize labels in the label space (used or not)
 * @param multiLabel whether the data set is multi-label
 * @param labelCounts examples per label, in label-space order
 * @param unlabeled examples without any label
 * @param withSeveralLabels examples with two or more labels
 * @param imbalanceRatio largest label count divided by the smallest non-zero one (0 when no label
 *     is used)
 * @param unusedLabels labels of the space no example carries
 * @param rareLabels labels carried by at least one but fewer than the threshold examples
 * @param rareThreshold the threshold of {@code rareLabels}
 * @param issues empty texts, exact and normalized duplicates, conflicting labels
 * @param chars text length in characters (code points)
 * @param words text length in whitespace-separated words
 */
public record SplitReport(
    String name,
    String source,
    int examples,
    int labelSpaceSize,
    boolean multiLabel,
    List<LabelCount> labelCounts,
    int unlabeled,
    int withSeveralLabels,
    double imbalanceRatio,
    List<String> unusedLabels,
    List<LabelCount> rareLabels,
    int rareThreshold,
    List<Issue> issues,
    LengthStats chars,
    LengthStats words) {
  public SplitReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    labelCounts = List.copyOf(labelCounts);
    unusedLabels = List.copyOf(unusedLabels);
    rareLabels = List.copyOf(rareLabels);
    issues = List.copyOf(issues);
    Objects.requireNonNull(chars, "chars");
    Objects.requireNonNull(words, "words");
  }

  /** The issue with this code (every split report has all of them, found or not). */
  public Issue issue(String code) {
    return issues.stream().filter(i -> i.code().equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no issue '" + code + "'"));
  }

  /** Labels actually used. */
  public int labelsUsed() {
    return (int) labelCounts.stream().filter(c -> c.count() > 0).count();
  }
}
