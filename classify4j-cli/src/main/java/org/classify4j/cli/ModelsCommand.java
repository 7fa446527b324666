package org.classify4j.cli;

import org.classify4j.app.ProjectsFile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.classify4j.Json;
import org.classify4j.embed.Embedders;
import org.classify4j.method.MethodProvider.MethodInfo;
import org.classify4j.method.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code models}: what this installation can do — embedders, methods, configured projects. */
@Command(
    name = "models",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "List embedders, methods and projects.",
      "The embedders (--model ID) and methods (--method NAME) on the class path, and the"
          + " projects of the projects file."
    },
    footer = {"%nExamples:", "  classify4j models", "  classify4j models --json"})
final class ModelsCommand extends CliCommand {

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<String> embedders = Embedders.knownIds();
    List<MethodInfo> methods = Methods.all();
    ProjectsFile cfg = config();
    PrintWriter out = out();
    if (json) {
      ObjectNode root = Json.mapper().createObjectNode();
      root.put("default_embedder", Embedders.DEFAULT_ID);
      ArrayNode e = root.putArray("embedders");
      embedders.forEach(e::add);
      ArrayNode ms = root.putArray("methods");
      for (MethodInfo mi : methods) {
        ObjectNode n = ms.addObject();
        n.put("name", mi.name());
        n.put("description", mi.description());
        ArrayNode ps = n.putArray("params");
        mi.params().forEach(ps::add);
      }
      cfg.source().ifPresent(s -> root.put("config", s.toString()));
      ObjectNode ps = root.putObject("projects");
      for (ProjectsFile.Project p : cfg.projects().values()) {
        ObjectNode n = ps.putObject(p.name());
        p.method().ifPresent(v -> n.put("method", v));
        p.model().ifPresent(v -> n.put("model", v));
        p.modelDir().ifPresent(v -> n.put("model_dir", v.toString()));
        if (!p.description().isEmpty()) {
          n.put("description", p.description());
        }
      }
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
      out.flush();
      return ExitCodes.OK;
    }
    out.println("Embedders (--model ID):");
    boolean hasDefault = false;
    for (String id : embedders) {
      boolean isDefault = isDefault(id);
      hasDefault |= isDefault;
      out.println("  " + id + (isDefault ? "  (default: " + Embedders.DEFAULT_ID + ")" : ""));
    }
    if (!hasDefault) {
      out.println("  (the default " + Embedders.DEFAULT_ID + " is not on the class path)");
    }
    out.println("  also: onnx:/DIR (an exported model directory) where classify4j-onnx is present");
    out.println();
    out.println("Methods (--method NAME, parameters with -p KEY=VALUE):");
    int w = methods.stream().mapToInt(mi -> mi.name().length()).max().orElse(8);
    for (MethodInfo mi : methods) {
      out.println(String.format("  %-" + w + "s  %s", mi.name(), mi.description()));
      if (!mi.params().isEmpty()) {
        out.println(String.format("  %-" + w + "s  params: %s", "", String.join(", ", mi.params())));
      }
    }
    out.println();
    if (cfg.source().isEmpty()) {
      out.println("Projects: none (no projects file; see --config)");
    } else {
      out.println("Projects (" + cfg.source().get() + "):");
      for (ProjectsFile.Project p : cfg.projects().values()) {
        StringBuilder b = new StringBuilder("  " + p.name());
        p.method().ifPresent(v -> b.append("  method=").append(v));
        p.model().ifPresent(v -> b.append("  model=").append(v));
        p.modelDir().ifPresent(v -> b.append("  model_dir=").append(v));
        if (!p.description().isEmpty()) {
          b.append("  — ").append(p.description());
        }
        out.println(b);
      }
      if (cfg.projects().isEmpty()) {
        out.println("  (none)");
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  static boolean isDefault(String id) {
    return id.equals(Embedders.DEFAULT_ID) || id.equals("onnx:" + Embedders.DEFAULT_ID);
  }
}
