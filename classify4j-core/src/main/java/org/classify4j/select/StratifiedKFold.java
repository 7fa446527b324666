package org.classify4j.select;

import java.util.List;
import java.util.SplittableRandom;
import org.classify4j.data.Dataset;

/**
 * Seeded stratified k-fold cross-validation: every example is in exactly one test fold, fold sizes
 * differ by at most one, and each label is spread as evenly as its count allows.
 *
 * <p>Single-label data: the examples of each label (unlabeled ones as a group of their own) are
 * shuffled and dealt round-robin to the folds. Multi-label data: {@link IterativeStratification}.
 */
public record StratifiedKFold(int folds, long seed) implements Splitter {
  public StratifiedKFold {
    if (folds < 2) {
      throw new IllegalArgumentException("need at least 2 folds, got " + folds);
    }
  }

  @Override
  public List<Fold> split(Dataset data) {
    if (data.size() < folds) {
      throw new IllegalArgumentException(
          "cannot split " + data.size() + " examples into " + folds + " folds");
    }
    if (data.multiLabel()) {
      return new IterativeStratification(folds, seed).split(data);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] order = Stratify.groupedOrder(data, rnd);
    int offset = rnd.nextInt(folds);
    int[] assign = new int[data.size()];
    for (int p = 0; p < order.length; p++) {
      assign[order[p]] = (p + offset) % folds;
    }
    return Stratify.folds(assign, folds);
  }
}
