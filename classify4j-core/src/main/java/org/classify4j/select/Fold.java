package org.classify4j.select;

import java.util.Arrays;
import org.classify4j.data.Dataset;

/**
 * One split of a dataset: positions of the training and the test (or validation) examples, each
 * ascending. Arrays are copied in and out.
 */
public record Fold(int[] train, int[] test) {
  public Fold {
    train = train.clone();
    test = test.clone();
    Arrays.sort(train);
    Arrays.sort(test);
  }

  @Override
  public int[] train() {
    return train.clone();
  }

  @Override
  public int[] test() {
    return test.clone();
  }

  public Dataset trainSet(Dataset data) {
    return data.subset(train);
  }

  public Dataset testSet(Dataset data) {
    return data.subset(test);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fold f && Arrays.equals(train, f.train) && Arrays.equals(test, f.test);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
  }

  @Override
  public String toString() {
    return "Fold[train=" + train.length + ", test=" + test.length + "]";
  }
}
