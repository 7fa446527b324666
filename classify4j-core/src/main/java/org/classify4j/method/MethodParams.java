package org.classify4j.method;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.classify4j.Classify4jException;

/**
 * The {@code key=value} parameters of a method as a user writes them ({@code -p C=0.5} on the
 * command line, a project file). Typed getters say which key was wrong and what was expected;
 * {@link #requireOnly} rejects keys the method does not know, so a typo is an error, not a no-op.
 */
public record MethodParams(Map<String, String> values) {

  public MethodParams {
    values = Map.copyOf(values);
  }

  public static MethodParams empty() {
    return new MethodParams(Map.of());
  }

  public static MethodParams of(Map<String, String> values) {
    return new MethodParams(values);
  }

  /** Parses {@code key=value} strings. */
  public static MethodParams parse(Iterable<String> pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new Classify4jException("parameter '" + p + "': expected key=value");
      }
      m.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    return new MethodParams(m);
  }

  public MethodParams with(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(values);
    m.put(key, value);
    return new MethodParams(m);
  }

  /** Fails when a key is not one of {@code known}. */
  public MethodParams requireOnly(String method, Set<String> known) {
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        throw new Classify4jException(
            "method '" + method + "' has no parameter '" + k + "'; it takes: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
    return this;
  }

  public String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  public int integer(String key, int fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new Classify4jException("parameter '" + key + "': expected an integer, got '" + v + "'");
    }
  }

  public double number(String key, double fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new Classify4jException("parameter '" + key + "': expected a number, got '" + v + "'");
    }
  }

  public boolean flag(String key, boolean fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
      return true;
    }
    if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
      return false;
    }
    throw new Classify4jException("parameter '" + key + "': expected true or false, got '" + v + "'");
  }
}
