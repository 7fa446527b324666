package org.classify4j.llm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt text with named slots written {@code {{name}}} (names: letters, digits, underscores).
 * Slots are found when the template is made; {@link #render} fails when a slot has no value or a
 * value names no slot, so a typo in a template or a caller is caught at once. Values are inserted
 * as they are (slot syntax inside values is not expanded).
 */
public final class PromptTemplate {
  private static final Pattern SLOT = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
  private static final Pattern ANY_BRACES = Pattern.compile("\\{\\{|}}");

  private final String text;
  private final List<Object> parts; // String literal or Slot
  private final Set<String> slots;

  private record Slot(String name) {}

  private PromptTemplate(String text) {
    this.text = text;
    List<Object> p = new ArrayList<>();
    Set<String> s = new LinkedHashSet<>();
    Matcher m = SLOT.matcher(text);
    int last = 0;
    while (m.find()) {
      String literal = text.substring(last, m.start());
      checkLiteral(literal);
      p.add(literal);
      p.add(new Slot(m.group(1)));
      s.add(m.group(1));
      last = m.end();
    }
    String tail = text.substring(last);
    checkLiteral(tail);
    p.add(tail);
    this.parts = List.copyOf(p);
    this.slots = Set.copyOf(s);
  }

  private void checkLiteral(String literal) {
    Matcher bad = ANY_BRACES.matcher(literal);
    if (bad.find()) {
      throw new IllegalArgumentException("prompt template has a malformed slot near '"
          + excerpt(literal, bad.start()) + "': slots are {{name}} with letters, digits, _");
    }
  }

  private static String excerpt(String s, int at) {
    return s.substring(Math.max(0, at - 10), Math.min(s.length(), at + 20));
  }

  public static PromptTemplate of(String text) {
    return new PromptTemplate(Objects.requireNonNull(text, "text"));
  }

  /** The template as written. */
  public String text() {
    return text;
  }

  /** The slot names. */
  public Set<String> slots() {
    return slots;
  }

  /** Fails unless the template's slots are exactly {@code required} (what a caller will fill). */
  public PromptTemplate requireSlots(Set<String> allowed, Set<String> required) {
    for (String r : required) {
      if (!slots.contains(r)) {
        throw new IllegalArgumentException("prompt template lacks the slot {{" + r + "}}");
      }
    }
    for (String s : slots) {
      if (!allowed.contains(s)) {
        throw new IllegalArgumentException("prompt template has an unknown slot {{" + s
            + "}}; known: " + allowed);
      }
    }
    return this;
  }

  /** Fills every slot. Every slot needs a value; values for slots the template lacks are errors. */
  public String render(Map<String, String> values) {
    for (String k : values.keySet()) {
      if (!slots.contains(k)) {
        throw new IllegalArgumentException("no slot {{" + k + "}} in the prompt template");
      }
    }
    return renderSome(values);
  }

  /** Fills every slot the template has; extra values are ignored (for optional slots). */
  public String renderSome(Map<String, String> values) {
    StringBuilder b = new StringBuilder(text.length() + 256);
    for (Object p : parts) {
      if (p instanceof Slot slot) {
        String v = values.get(slot.name());
        if (v == null) {
          throw new IllegalArgumentException("no value for the slot {{" + slot.name() + "}}");
        }
        b.append(v);
      } else {
        b.append((String) p);
      }
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PromptTemplate t && t.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return "PromptTemplate[" + slots + "]";
  }
}
