package org.classify4j.data.check;

import java.util.List;
import java.util.Objects;

/**
 * What {@link DataChecks} found between a training and a test set.
 *
 * @param train name of the training split
 * @param test name of the test split
 * @param issues {@code exact_overlap} (test examples whose text is in train) and
 *     {@code normalized_overlap} (same after normalization, exact ones included)
 * @param testLabelsMissingInTrain labels carried by test examples but by no training example, with
 *     their test counts
 * @param testExamplesWithUnseenLabels test examples carrying at least one of them
 */
public record PairReport(
    String train,
    String test,
    List<Issue> issues,
    List<LabelCount> testLabelsMissingInTrain,
    int testExamplesWithUnseenLabels) {
  public PairReport {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    issues = List.copyOf(issues);
    testLabelsMissingInTrain = List.copyOf(testLabelsMissingInTrain);
  }

  public Issue issue(String code) {
    return issues.stream().filter(i -> i.code().equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no issue '" + code + "'"));
  }
}
