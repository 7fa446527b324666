package org.classify4j.data.check;

import java.util.List;
import java.util.Objects;

/**
 * One kind of defect found in the data.
 *
 * @param code a stable identifier ({@code exact_duplicates}, ...)
 * @param title what it is, for people
 * @param count how many examples have it (see each check for what is counted)
 * @param groups how many groups of examples share it (equal texts, ...); equals count for
 *     defects of single examples
 * @param samples a few occurrences, each a group of examples
 */
public record Issue(String code, String title, int count, int groups, List<Sample> samples) {
  /** One occurrence: the examples involved and a short note (never the text itself). */
  public record Sample(List<Ref> refs, String note) {
    public Sample {
      refs = List.copyOf(refs);
      Objects.requireNonNull(note, "note");
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < refs.size(); i++) {
        if (i > 0) {
          b.append(" = ");
        }
        b.append(refs.get(i));
      }
      if (!note.isEmpty()) {
        b.append(" (").append(note).append(')');
      }
      return b.toString();
    }
  }

  public Issue {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
    samples = List.copyOf(samples);
  }

  public boolean found() {
    return count > 0;
  }
}
