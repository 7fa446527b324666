package org.classify4j.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * An ordered, immutable set of labels. The order is the column order of every score matrix over
 * this space. Name lookups are O(1), so spaces of 100,000 labels are fine.
 */
public final class LabelSpace {
  private final List<Label> labels;
  private final List<String> names;
  private final Map<String, Integer> index;
  private final boolean hierarchical;
  private volatile LabelTree tree; // built on first use

  private LabelSpace(List<Label> labels) {
    this.labels = List.copyOf(labels);
    Map<String, Integer> idx = new HashMap<>(labels.size() * 2);
    List<String> n = new ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      String name = labels.get(i).name();
      if (idx.putIfAbsent(name, i) != null) {
        throw new IllegalArgumentException("duplicate label name '" + name + "'");
      }
      n.add(name);
    }
    this.index = Map.copyOf(idx);
    this.names = List.copyOf(n);
    this.hierarchical = this.labels.stream().anyMatch(l -> !l.parent().isEmpty());
  }

  public static LabelSpace of(List<Label> labels) {
    return new LabelSpace(labels);
  }

  public static LabelSpace ofNames(Collection<String> names) {
    return new LabelSpace(names.stream().map(Label::of).collect(Collectors.toList()));
  }

  public static LabelSpace ofNames(String... names) {
    return ofNames(List.of(names));
  }

  public int size() {
    return labels.size();
  }

  public Label get(int i) {
    return labels.get(i);
  }

  public String name(int i) {
    return names.get(i);
  }

  public List<Label> labels() {
    return labels;
  }

  public List<String> names() {
    return names;
  }

  /** Column index of a label, or empty when it is not in this space. */
  public OptionalInt indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** Column index of a label, failing with a message that names it when it is unknown. */
  public int requireIndex(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("unknown label '" + name + "'");
    }
    return i;
  }

  public boolean contains(String name) {
    return index.containsKey(name);
  }

  public Optional<Label> find(String name) {
    Integer i = index.get(name);
    return i == null ? Optional.empty() : Optional.of(labels.get(i));
  }

  /** Whether some label names a parent: the space is a hierarchy ({@link #tree()}). */
  public boolean hasHierarchy() {
    return hierarchical;
  }

  /**
   * The hierarchy the labels' parents make (flat when no label has one), built on first use.
   *
   * @throws IllegalArgumentException when a parent is not a label of this space or parents form a
   *     cycle
   */
  public LabelTree tree() {
    LabelTree t = tree;
    if (t == null) {
      t = LabelTree.of(this);
      tree = t;
    }
    return t;
  }

  /** A space with the labels of this one followed by those of {@code other} it lacks. */
  public LabelSpace union(LabelSpace other) {
    List<Label> all = new ArrayList<>(labels);
    for (Label l : other.labels) {
      if (!index.containsKey(l.name())) {
        all.add(l);
      }
    }
    return new LabelSpace(all);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSpace other && labels.equals(other.labels);
  }

  @Override
  public int hashCode() {
    return labels.hashCode();
  }

  @Override
  public String toString() {
    return size() <= 10
        ? "LabelSpace" + names
        : "LabelSpace[" + size() + " labels: " + String.join(", ", names.subList(0, 5)) + ", ...]";
  }
}
