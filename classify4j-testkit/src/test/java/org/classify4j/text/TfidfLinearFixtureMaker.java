package org.classify4j.text;

import java.nio.file.Path;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.testkit.Fixtures;

/**
 * Writes the saved-model fixtures that {@link TfidfLinearSavedModelTest} must keep loading. Run
 * once per format change, from the repository root, and commit the output:
 *
 * <pre>
 * java -cp ... org.classify4j.text.TfidfLinearFixtureMaker classify4j-testkit/src/test/resources/models
 * </pre>
 */
public final class TfidfLinearFixtureMaker {
  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    TfidfLinearClassifier spec = TfidfLinearClassifier.defaults().withMinDf(1);
    ModelStore.save(spec.fit(Fixtures.topics()), root.resolve("tfidf-linear-v1"),
        Provenance.of(spec, Fixtures.topics()));
    ModelStore.save(spec.fit(Fixtures.topicsMultiLabel()),
        root.resolve("tfidf-linear-multilabel-v1"), Provenance.of(spec, Fixtures.topicsMultiLabel()));
  }
}
