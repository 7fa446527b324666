package org.classify4j.data.io;

import java.util.Objects;

/**
 * Header names of the columns of a CSV/TSV data set. The text column must be present; the labels
 * column may be absent (unlabeled data, unless labels are required); the id column may be absent
 * (ids become {@code line-N}). Other columns become document metadata.
 *
 * @param text name of the text column (default {@code text})
 * @param labels name of the labels column (default {@code labels})
 * @param id name of the id column (default {@code id})
 */
public record CsvColumns(String text, String labels, String id) {
  public static final CsvColumns DEFAULT = new CsvColumns("text", "labels", "id");

  public CsvColumns {
    requireName(text, "text");
    requireName(labels, "labels");
    requireName(id, "id");
    if (text.equals(labels) || text.equals(id) || labels.equals(id)) {
      throw new IllegalArgumentException(
          "text, labels and id columns must differ: " + text + ", " + labels + ", " + id);
    }
  }

  private static void requireName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isBlank()) {
      throw new IllegalArgumentException(what + " column name must not be blank");
    }
  }

  public CsvColumns withText(String name) {
    return new CsvColumns(name, labels, id);
  }

  public CsvColumns withLabels(String name) {
    return new CsvColumns(text, name, id);
  }

  public CsvColumns withId(String name) {
    return new CsvColumns(text, labels, name);
  }
}
