package org.classify4j.llm.classify;

import java.util.OptionalInt;

/**
 * How the options of a prompt are named, so that each option is one token and a single position's
 * top log probabilities give a probability for every candidate. Letters: A..Z, then AA, AB, ...
 * (two upper-case letters are one token in the common BPE vocabularies, but keep candidates ≤ 26
 * to be safe). Numbers: 1, 2, ... (one token up to 999 in the OpenAI vocabularies).
 */
public enum OptionCodes {
  LETTERS,
  NUMBERS;

  /** The code of option {@code i} (0-based). */
  public String code(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("option index must be ≥ 0");
    }
    if (this == NUMBERS) {
      return Integer.toString(i + 1);
    }
    StringBuilder b = new StringBuilder();
    int n = i;
    do {
      b.insert(0, (char) ('A' + n % 26));
      n = n / 26 - 1;
    } while (n >= 0);
    return b.toString();
  }

  /** The index of a code, or empty when it is not a code of this kind. */
  public OptionalInt index(String code) {
    if (code.isEmpty() || code.length() > 4) {
      return OptionalInt.empty();
    }
    if (this == NUMBERS) {
      for (int i = 0; i < code.length(); i++) {
        if (code.charAt(i) < '0' || code.charAt(i) > '9') {
          return OptionalInt.empty();
        }
      }
      int v = Integer.parseInt(code);
      return v >= 1 && code.charAt(0) != '0' ? OptionalInt.of(v - 1) : OptionalInt.empty();
    }
    int n = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < 'A' || c > 'Z') {
        return OptionalInt.empty();
      }
      n = n * 26 + (c - 'A' + 1);
    }
    return OptionalInt.of(n - 1);
  }
}
