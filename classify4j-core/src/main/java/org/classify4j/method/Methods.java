package org.classify4j.method;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.classify4j.Classify4jException;
import org.classify4j.classify.Classifier;

/** Finds classifiers by method name through the {@link MethodProvider}s on the class path. */
public final class Methods {
  private Methods() {}

  public static Classifier create(String method, MethodParams params, LoadContext context) {
    for (MethodProvider p : ServiceLoader.load(MethodProvider.class)) {
      Optional<Classifier> c = p.create(method, params, context);
      if (c.isPresent()) {
        return c.get();
      }
    }
    List<String> names = new ArrayList<>();
    for (MethodProvider.MethodInfo i : all()) {
      names.add(i.name());
    }
    throw new Classify4jException(
        "unknown method '" + method + "'; known: " + String.join(", ", names));
  }

  public static List<MethodProvider.MethodInfo> all() {
    List<MethodProvider.MethodInfo> out = new ArrayList<>();
    for (MethodProvider p : ServiceLoader.load(MethodProvider.class)) {
      out.addAll(p.methods());
    }
    return out;
  }
}
