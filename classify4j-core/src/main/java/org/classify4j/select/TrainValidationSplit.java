package org.classify4j.select;

import java.util.List;
import java.util.SplittableRandom;
import org.classify4j.data.Dataset;

/**
 * One seeded, stratified split into training and validation examples ({@link Fold#test()} holds
 * the validation positions). Single-label data: about {@code validationFraction} of each label's
 * examples (systematic sampling over the label-grouped, shuffled order); multi-label data: {@link
 * IterativeStratification} with proportions (1 − f, f). Both sides keep at least one example.
 */
public record TrainValidationSplit(double validationFraction, long seed) implements Splitter {
  public TrainValidationSplit {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validation fraction must be in (0,1), got " + validationFraction);
    }
  }

  /** The one fold. */
  @Override
  public List<Fold> split(Dataset data) {
    return List.of(fold(data));
  }

  public Fold fold(Dataset data) {
    int n = data.size();
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 examples to split, got " + n);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] assign = new int[n];
    if (data.multiLabel()) {
      assign = IterativeStratification.assign(data.goldIndices(), data.labels().size(),
          new double[] {1 - validationFraction, validationFraction}, rnd);
    } else {
      int[] order = Stratify.groupedOrder(data, rnd);
      double off = rnd.nextDouble();
      for (int p = 0; p < n; p++) {
        boolean val = Math.floor((p + 1) * validationFraction + off)
            > Math.floor(p * validationFraction + off);
        assign[order[p]] = val ? 1 : 0;
      }
    }
    int v = 0;
    for (int a : assign) {
      v += a;
    }
    if (v == 0) {
      assign[rnd.nextInt(n)] = 1;
    } else if (v == n) {
      assign[rnd.nextInt(n)] = 0;
    }
    return Stratify.folds(assign, 2).get(1);
  }
}
