package org.classify4j.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.embed.Embedders;
import org.classify4j.method.CoreMethods;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;

/** A method with its parameters, resolved flag &gt; environment &gt; project &gt; default. */
record MethodSpec(String method, MethodParams params) {
  static MethodSpec resolve(CliCommand cmd, Optional<ProjectConfig.Project> proj, String method,
      String model, List<String> params, String defaultMethod) {
    String m = cmd.setting(method, "CLASSIFY4J_METHOD",
        proj.flatMap(ProjectConfig.Project::method), defaultMethod);
    // the project's parameters belong to the project's method: not applied to another one
    boolean projectMethod = proj.flatMap(ProjectConfig.Project::method).map(m::equals)
        .orElse(proj.isPresent());
    Map<String, String> fromProject = projectMethod
        ? proj.map(ProjectConfig.Project::params).orElse(Map.of()) : Map.of();
    MethodParams given = MethodParams.parse(CliCommand.orEmpty(params));
    MethodParams p = MethodParams.of(fromProject);
    for (Map.Entry<String, String> e : given.values().entrySet()) {
      p = p.with(e.getKey(), e.getValue());
    }
    boolean takesModel = Methods.all().stream().filter(i -> i.name().equals(m))
        .anyMatch(i -> i.params().contains(CoreMethods.MODEL));
    // LLM methods use an embedder only when asked to (candidate retrieval, dynamic examples)
    boolean explicitModel = model != null || cmd.env("CLASSIFY4J_MODEL").isPresent()
        || proj.flatMap(ProjectConfig.Project::model).isPresent()
        || fromProject.containsKey(CoreMethods.MODEL);
    if (takesModel && !given.values().containsKey(CoreMethods.MODEL)
        && (!LlmBackend.isLlmMethod(m) || explicitModel)) {
      String embedder = cmd.setting(model, "CLASSIFY4J_MODEL",
          proj.flatMap(ProjectConfig.Project::model)
              .or(() -> Optional.ofNullable(fromProject.get(CoreMethods.MODEL))),
          Embedders.DEFAULT_ID);
      p = p.with(CoreMethods.MODEL, embedder);
    }
    return new MethodSpec(m, p);
  }
}
