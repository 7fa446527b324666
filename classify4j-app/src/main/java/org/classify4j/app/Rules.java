package org.classify4j.app;

import java.util.Optional;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.DecisionRules;
import org.classify4j.classify.HierarchyMode;
import org.classify4j.data.LabelSpace;

/** The decision rule a command uses: flags over the project's or model's saved rule. */
public final class Rules {
  private Rules() {}

  /**
   * {@code --threshold}/{@code --limit} when given (limit alone keeps threshold 0), else the
   * project's rule, else {@code saved}; the flags keep a hierarchical rule's hierarchy ({@link
   * #override}).
   */
  public static DecisionRule choose(DecisionRule saved, Optional<DecisionRule> fromProject,
      Double threshold, Integer limit) {
    if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
      throw new AppException("--threshold must be in [0,1], got " + threshold);
    }
    if (limit != null && limit < 1) {
      throw new AppException("--limit must be at least 1, got " + limit);
    }
    DecisionRule base = fromProject.orElse(saved);
    if (limit != null) {
      return override(base, DecisionRule.limit(limit, threshold == null ? 0.0 : threshold));
    }
    if (threshold != null) {
      return override(base, DecisionRule.threshold(threshold));
    }
    return base;
  }

  /**
   * {@code given} in place of {@code base}, keeping {@code base}'s hierarchy: a hierarchical base
   * rule wraps {@code given} with the same mode and ancestors (so a request's limit or threshold
   * still gives decisions consistent with the label tree).
   */
  public static DecisionRule override(DecisionRule base, DecisionRule given) {
    if (base instanceof DecisionRules.Hierarchy h && !(given instanceof DecisionRules.Hierarchy)) {
      return DecisionRule.hierarchical(given, h.mode(), h.ancestors());
    }
    return given;
  }

  /**
   * The hierarchy options of a command ({@code --hierarchy flat|consistent|top-down},
   * {@code --ancestors}/{@code --no-ancestors}); empty values: not given.
   */
  public record Hierarchy(Optional<String> mode, Optional<Boolean> ancestors) {
    /** Neither option given. */
    public static final Hierarchy NONE = new Hierarchy(Optional.empty(), Optional.empty());

    public Hierarchy {
      mode = mode.map(String::strip);
      mode.ifPresent(m -> {
        if (!m.equalsIgnoreCase("flat")) {
          parseMode(m);
        }
      });
    }

    public static Hierarchy of(String mode, Boolean ancestors) {
      return new Hierarchy(Optional.ofNullable(mode), Optional.ofNullable(ancestors));
    }

    public boolean given() {
      return mode.isPresent() || ancestors.isPresent();
    }
  }

  private static HierarchyMode parseMode(String m) {
    try {
      return HierarchyMode.parse(m);
    } catch (IllegalArgumentException e) {
      throw new AppException("--hierarchy: unknown mode '" + m
          + "' (expected flat, consistent or top-down)");
    }
  }

  /**
   * {@code rule} with the hierarchy options applied over {@code labels}: {@code flat} drops a saved
   * hierarchical rule; {@code consistent}/{@code top-down} wrap the rule (a saved hierarchical one
   * is replaced); {@code --ancestors} alone means consistent (or keeps a saved rule's mode). Fails
   * when a hierarchical mode is asked for labels without a hierarchy, or the hierarchy is broken.
   */
  public static DecisionRule withHierarchy(DecisionRule rule, Hierarchy h, LabelSpace labels) {
    if (!h.given()) {
      return rule;
    }
    DecisionRules.Hierarchy saved = rule instanceof DecisionRules.Hierarchy x ? x : null;
    DecisionRule inner = saved != null ? saved.rule() : rule;
    if (h.mode().isPresent() && h.mode().get().equalsIgnoreCase("flat")) {
      if (h.ancestors().orElse(false)) {
        throw new AppException("--ancestors needs --hierarchy consistent or top-down, not flat");
      }
      return inner;
    }
    HierarchyMode mode = h.mode().map(Rules::parseMode)
        .orElse(saved != null ? saved.mode() : HierarchyMode.CONSISTENT);
    boolean ancestors = h.ancestors().orElse(saved != null && saved.ancestors());
    if (!labels.hasHierarchy()) {
      throw new AppException((h.mode().isPresent() ? "--hierarchy " + mode.id() : "--ancestors")
          + ": the labels have no hierarchy (give a labels file with a parent column, or a SKOS"
          + " vocabulary in Turtle)");
    }
    try {
      labels.tree();
    } catch (IllegalArgumentException e) {
      throw new AppException("the label hierarchy is broken: " + e.getMessage());
    }
    return DecisionRule.hierarchical(inner, mode, ancestors);
  }
}
