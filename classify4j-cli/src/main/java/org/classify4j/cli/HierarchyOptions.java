package org.classify4j.cli;

import org.classify4j.app.Rules;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.LabelSpace;
import picocli.CommandLine.Option;

/** Decisions over a label hierarchy (a mixin of the commands that decide). */
final class HierarchyOptions {

  @Option(order = 701, names = "--hierarchy", paramLabel = "MODE",
      description = "Decisions over a label hierarchy (labels file with a parent column, or SKOS"
          + " Turtle): flat (labels on their own), consistent (the flat decision plus every"
          + " chosen label's ancestors), top-down (decide among the roots, then among the chosen"
          + " label's children, down to the leaves). Default: the saved rule's, else flat.")
  String mode;

  @Option(order = 702, names = "--ancestors", negatable = true,
      description = "List the ancestors of the chosen labels in the output too (--no-ancestors:"
          + " only the most specific labels). Alone, it means --hierarchy consistent.")
  Boolean ancestors;

  Rules.Hierarchy value() {
    return Rules.Hierarchy.of(mode, ancestors);
  }

  /** {@code rule} with these options applied over {@code labels}. */
  DecisionRule apply(DecisionRule rule, LabelSpace labels) {
    return Rules.withHierarchy(rule, value(), labels);
  }
}
