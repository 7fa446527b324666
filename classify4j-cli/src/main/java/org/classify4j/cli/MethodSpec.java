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
    String embedder = cmd.setting(model, "CLASSIFY4J_MODEL",
        proj.flatMap(ProjectConfig.Project::model), Embedders.DEFAULT_ID);
    MethodParams p = MethodParams.of(proj.map(ProjectConfig.Project::params).orElse(Map.of()));
    for (Map.Entry<String, String> e : MethodParams.parse(CliCommand.orEmpty(params)).values().entrySet()) {
      p = p.with(e.getKey(), e.getValue());
    }
    if (!p.values().containsKey(CoreMethods.MODEL) && Methods.all().stream()
        .filter(i -> i.name().equals(m)).anyMatch(i -> i.params().contains(CoreMethods.MODEL))) {
      p = p.with(CoreMethods.MODEL, embedder);
    }
    return new MethodSpec(m, p);
  }
}
