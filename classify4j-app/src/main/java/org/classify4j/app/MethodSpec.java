package org.classify4j.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.embed.Embedders;
import org.classify4j.method.CoreMethods;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;

/** A method with its parameters, resolved flag &gt; environment &gt; project &gt; default. */
public record MethodSpec(String method, MethodParams params) {

  /** Whether a method uses a chat model. */
  public static boolean isLlmMethod(String method) {
    return method.startsWith("llm-");
  }

  /**
   * Whether the method's {@code model} parameter names an embedder. The {@code nli-*} methods'
   * {@code model} is an NLI cross-encoder's directory, the in-process {@code local-llm-*}
   * methods' a language model's directory.
   */
  public static boolean modelIsEmbedder(String method) {
    return !method.startsWith("nli-") && !method.startsWith("local-llm-");
  }

  public boolean isLlm() {
    return isLlmMethod(method);
  }

  /**
   * Resolves method and parameters: {@code method} (a flag, may be null) over {@code
   * CLASSIFY4J_METHOD} over the project's method over {@code defaultMethod}; the project's
   * parameters (only when the method is the project's) under the given ones; the embedder ({@code
   * model}: flag over {@code CLASSIFY4J_MODEL} over the project's) filled in for methods that take
   * one.
   */
  public static MethodSpec resolve(Settings settings, String method, String model,
      List<String> params, String defaultMethod) {
    Optional<ProjectsFile.Project> proj = settings.project();
    String m = settings.resolve(method, "CLASSIFY4J_METHOD",
        proj.flatMap(ProjectsFile.Project::method), defaultMethod);
    // the project's parameters belong to the project's method: not applied to another one
    boolean projectMethod = proj.flatMap(ProjectsFile.Project::method).map(m::equals)
        .orElse(proj.isPresent());
    Map<String, String> fromProject = projectMethod
        ? proj.map(ProjectsFile.Project::params).orElse(Map.of()) : Map.of();
    MethodParams given = MethodParams.parse(params == null ? List.of() : params);
    MethodParams p = MethodParams.of(fromProject);
    for (Map.Entry<String, String> e : given.values().entrySet()) {
      p = p.with(e.getKey(), e.getValue());
    }
    boolean takesModel = Methods.all().stream().filter(i -> i.name().equals(m))
        .anyMatch(i -> i.params().contains(CoreMethods.MODEL));
    // LLM methods use an embedder only when asked to (candidate retrieval, dynamic examples)
    boolean explicitModel = model != null
        || settings.environment().get("CLASSIFY4J_MODEL").isPresent()
        || proj.flatMap(ProjectsFile.Project::model).isPresent()
        || fromProject.containsKey(CoreMethods.MODEL);
    if (takesModel && !given.values().containsKey(CoreMethods.MODEL)
        && ((!isLlmMethod(m) && modelIsEmbedder(m)) || explicitModel)) {
      String embedder = settings.resolve(model, "CLASSIFY4J_MODEL",
          proj.flatMap(ProjectsFile.Project::model)
              .or(() -> Optional.ofNullable(fromProject.get(CoreMethods.MODEL))),
          Embedders.DEFAULT_ID);
      p = p.with(CoreMethods.MODEL, embedder);
    }
    return new MethodSpec(m, p);
  }
}
