package org.classify4j.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Masks secrets by value: whatever a face prints (an error line, a stack trace, a log line) has
 * every configured key replaced by {@code ***}, whatever the key looks like ({@code sk-…},
 * {@code gsk_…}, a bare token). Secrets are the values of settings whose names say so ({@code
 * *KEY*}, {@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*}).
 */
public final class Secrets {
  /** Shorter values are not masked (they would mask ordinary words). */
  static final int MIN_LENGTH = 6;

  private Secrets() {}

  /** The secret values among {@code settings} (environment, backend configuration), longest first. */
  public static List<String> values(Map<String, String> settings) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String k = e.getKey().toUpperCase(Locale.ROOT);
      String v = e.getValue() == null ? "" : e.getValue().strip();
      if (v.length() >= MIN_LENGTH && (k.contains("KEY") || k.contains("TOKEN")
          || k.contains("SECRET") || k.contains("PASSWORD"))) {
        out.add(v);
      }
    }
    out.sort(Comparator.comparingInt(String::length).reversed());
    return out;
  }

  /** {@code text} with every secret of {@code settings} replaced by {@code ***}. */
  public static String mask(String text, Map<String, String> settings) {
    if (text == null) {
      return null;
    }
    String t = text;
    for (String v : values(settings)) {
      t = t.replace(v, "***");
    }
    return t;
  }
}
