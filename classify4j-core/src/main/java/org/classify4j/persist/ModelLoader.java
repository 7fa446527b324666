package org.classify4j.persist;

import org.classify4j.classify.ClassifierModel;

/**
 * Rebuilds models of one type from a model directory. Registered through {@link
 * java.util.ServiceLoader} (META-INF/services/org.classify4j.persist.ModelLoader).
 */
public interface ModelLoader {

  /** The type this loader reads, as written by {@link SavableModel#modelType()}. */
  String modelType();

  /** Reads a model; {@code context} supplies embedders and other resources the model needs. */
  ClassifierModel load(ModelReader in, Resources context);
}
