package org.classify4j.classify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** How a {@link DecisionRules.Hierarchy} rule makes decisions agree with a label tree. */
public enum HierarchyMode {
  /**
   * Flat, then consistent: the inner rule decides over all labels; every chosen label then brings
   * its ancestors, each scored at least as high as its best chosen descendant.
   */
  @JsonProperty("consistent")
  CONSISTENT,
  /**
   * Top-down: the inner rule decides among the roots, then among the children of each chosen label
   * (the label itself competing as "none of its children"), down to the leaves; a label's score at
   * a level is its subtree's (its own plus its descendants', at most 1).
   */
  @JsonProperty("top-down")
  TOP_DOWN;

  /** The name in options and JSON: {@code consistent}, {@code top-down}. */
  public String id() {
    return this == CONSISTENT ? "consistent" : "top-down";
  }

  /** The mode an option names; fails listing the names. */
  public static HierarchyMode parse(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (HierarchyMode m : values()) {
      if (m.id().equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown hierarchy mode '" + s
        + "' (expected consistent or top-down)");
  }
}
