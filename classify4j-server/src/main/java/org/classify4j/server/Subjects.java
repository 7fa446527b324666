package org.classify4j.server;

import org.classify4j.data.Label;

/**
 * How a label shows in Annif's terms: {@code uri} is the label's identity (its vocabulary URI when
 * it has one, else its name), {@code label} its name (a subject's preferred name).
 */
final class Subjects {
  private Subjects() {}

  static String uri(Label l) {
    return l.identity();
  }

  static String label(Label l) {
    return l.name();
  }
}
