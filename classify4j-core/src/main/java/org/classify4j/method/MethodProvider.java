package org.classify4j.method;

import java.util.List;
import java.util.Optional;
import org.classify4j.classify.Classifier;

/**
 * Makes classifiers by method name ({@code zero-shot}, {@code linear}, {@code llm-zero-shot}, …).
 * Found with {@link java.util.ServiceLoader}, so backends add methods without core knowing them.
 */
public interface MethodProvider {

  /** The methods this provider makes, with a one-line description each. */
  List<MethodInfo> methods();

  /**
   * The classifier for this method, or empty when the method is not this provider's. Embedders
   * and chat models come from {@code context}, which owns what it creates.
   */
  Optional<Classifier> create(String method, MethodParams params, LoadContext context);

  /** A method's name, a line saying what it does, and the parameters it takes. */
  record MethodInfo(String name, String description, List<String> params) {
    public MethodInfo {
      params = List.copyOf(params);
    }
  }
}
