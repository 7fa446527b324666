package org.classify4j.select;

import java.util.List;
import org.classify4j.data.Dataset;

/** Splits a dataset into train/test folds; seeded implementations always give the same folds. */
public interface Splitter {
  List<Fold> split(Dataset data);
}
