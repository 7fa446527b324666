package org.classify4j.subjects;

import java.util.List;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.testkit.ClassifierContract;

/** The estimator contract on the subject-indexing fixtures ({@link SubjectFixtures}). */
abstract class SubjectContract extends ClassifierContract {
  @Override
  protected Dataset trainData() {
    return SubjectFixtures.train();
  }

  @Override
  protected List<Example> testData() {
    return SubjectFixtures.test();
  }
}
