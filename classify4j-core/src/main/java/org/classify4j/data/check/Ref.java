package org.classify4j.data.check;

import java.util.Objects;

/**
 * Where an example is: its split, id and first line (0 when unknown).
 */
public record Ref(String split, String id, long line) {
  public Ref {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(id, "id");
  }

  /** {@code train:line 12}, {@code test:q7 (line 40)} or {@code train:q7}. */
  @Override
  public String toString() {
    String where;
    if (line <= 0) {
      where = id;
    } else if (id.equals("line-" + line)) {
      where = "line " + line;
    } else {
      where = id + " (line " + line + ")";
    }
    return split + ":" + where;
  }
}
