package org.classify4j.server;

import org.classify4j.data.Label;

/**
 * How a label shows in Annif's terms. A label whose name is a URI (a subject vocabulary read as
 * {@code URI<TAB>preferred name}) has that URI and its description as the display label; any
 * other label is its own URI and label.
 *
 * <p>To move: when labels carry a URI of their own (issue 15), this reads it from the label.
 */
final class Subjects {
  private Subjects() {}

  static boolean isUri(String s) {
    return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("urn:");
  }

  static String uri(Label l) {
    return l.name();
  }

  static String label(Label l) {
    return isUri(l.name()) && !l.description().isBlank() ? l.description() : l.name();
  }
}
