package org.classify4j.data.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats of data sets: JSON lines, comma- and tab-separated values. */
public enum DataFormat {
  /** One JSON object per line (extensions {@code .jsonl}, {@code .ndjson}, {@code .json}). */
  JSONL,
  /** Comma-separated values with a header line (extension {@code .csv}). */
  CSV,
  /** Tab-separated values with a header line (extensions {@code .tsv}, {@code .tab}). */
  TSV;

  /**
   * The format a file name implies, ignoring case and a trailing {@code .gz}; empty when the
   * extension is not one of ours.
   */
  public static Optional<DataFormat> fromFileName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return Optional.of(JSONL);
    }
    if (n.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return Optional.of(TSV);
    }
    return Optional.empty();
  }

  /** The format of a path, failing with a message that lists the known extensions. */
  public static DataFormat detect(Path path) {
    Path name = path.getFileName();
    return fromFileName(name == null ? "" : name.toString())
        .orElseThrow(
            () ->
                new org.classify4j.data.BadInputException(
                    path.toString(),
                    0,
                    "",
                    "cannot tell the format from the file name: expected .jsonl, .ndjson, .json,"
                        + " .csv or .tsv (optionally .gz), or give the format explicitly"));
  }
}
