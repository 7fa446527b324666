package org.classify4j.data.io;

import java.util.Objects;
import java.util.Optional;
import org.classify4j.data.LabelSpace;

/**
 * How to read a data set. Start from {@link #defaults()} and change what you need with the
 * {@code with...} methods (each returns a new value).
 *
 * @param format the format; empty to detect it from the file name
 * @param columns CSV/TSV column names
 * @param labelSeparator separates several labels in one CSV/TSV cell ("" for no splitting: the
 *     cell is one label). JSONL labels are a list, or a single string taken as one label.
 * @param labelSpace the labels the data may use, in their order; empty to collect them
 * @param strictLabels with a label space: true to fail on a label outside it, false to append such
 *     labels (sorted) after the given ones
 * @param onError fail on the first bad record, or skip bad records and count them
 * @param requireLabels true to fail on (or skip) records without labels
 * @param multiLabel whether the data set is multi-label
 * @param allowEmptyText true to accept empty and whitespace-only texts (for checking data); by
 *     default they are bad records
 * @param csvQuotes true (default) to read CSV/TSV cells quoted with '"' (RFC 4180, as written by
 *     spreadsheets and pandas); false for plain TSV/CSV where a '"' is an ordinary character and
 *     cells cannot hold separators or line breaks
 */
public record ReadOptions(
    Optional<DataFormat> format,
    CsvColumns columns,
    String labelSeparator,
    Optional<LabelSpace> labelSpace,
    boolean strictLabels,
    OnError onError,
    boolean requireLabels,
    MultiLabel multiLabel,
    boolean allowEmptyText,
    boolean csvQuotes) {

  /** What to do with a bad record. */
  public enum OnError {
    /** Throw a {@link org.classify4j.data.BadInputException} on the first bad record. */
    FAIL,
    /**
     * Leave the bad record out and go on; the {@link ReadReport} counts skipped records and keeps
     * the first problems. Errors in a CSV header or CSV syntax (quotes) still fail: the rest of
     * the file cannot be trusted.
     */
    SKIP
  }

  /** Whether documents may carry several labels. */
  public enum MultiLabel {
    /** Multi-label if any example has other than exactly one label. */
    AUTO,
    /** Single-label: an example with two or more labels is a bad record. */
    SINGLE,
    /** Multi-label whatever the data holds. */
    MULTI
  }

  public ReadOptions {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(labelSeparator, "labelSeparator");
    Objects.requireNonNull(labelSpace, "labelSpace");
    Objects.requireNonNull(onError, "onError");
    Objects.requireNonNull(multiLabel, "multiLabel");
  }

  /**
   * Detected format, default columns, "|" label separator, collected labels, fail on the first
   * bad record, labels optional, single/multi-label detected, empty texts rejected.
   */
  public static ReadOptions defaults() {
    return new ReadOptions(
        Optional.empty(),
        CsvColumns.DEFAULT,
        "|",
        Optional.empty(),
        true,
        OnError.FAIL,
        false,
        MultiLabel.AUTO,
        false,
        true);
  }

  public ReadOptions withFormat(DataFormat f) {
    return new ReadOptions(Optional.of(f), columns, labelSeparator, labelSpace, strictLabels,
        onError, requireLabels, multiLabel, allowEmptyText, csvQuotes);
  }

  public ReadOptions withColumns(CsvColumns c) {
    return new ReadOptions(format, c, labelSeparator, labelSpace, strictLabels, onError,
        requireLabels, multiLabel, allowEmptyText, csvQuotes);
  }

  public ReadOptions withLabelSeparator(String sep) {
    return new ReadOptions(format, columns, sep, labelSpace, strictLabels, onError,
        requireLabels, multiLabel, allowEmptyText, csvQuotes);
  }

  /** Reads against this label space (strict unless {@link #withStrictLabels(boolean)} says not). */
  public ReadOptions withLabelSpace(LabelSpace space) {
    return new ReadOptions(format, columns, labelSeparator, Optional.of(space), strictLabels,
        onError, requireLabels, multiLabel, allowEmptyText, csvQuotes);
  }

  public ReadOptions withStrictLabels(boolean strict) {
    return new ReadOptions(format, columns, labelSeparator, labelSpace, strict, onError,
        requireLabels, multiLabel, allowEmptyText, csvQuotes);
  }

  public ReadOptions withOnError(OnError e) {
    return new ReadOptions(format, columns, labelSeparator, labelSpace, strictLabels, e,
        requireLabels, multiLabel, allowEmptyText, csvQuotes);
  }

  public ReadOptions withRequireLabels(boolean require) {
    return new ReadOptions(format, columns, labelSeparator, labelSpace, strictLabels, onError,
        require, multiLabel, allowEmptyText, csvQuotes);
  }

  public ReadOptions withMultiLabel(MultiLabel m) {
    return new ReadOptions(format, columns, labelSeparator, labelSpace, strictLabels, onError,
        requireLabels, m, allowEmptyText, csvQuotes);
  }

  public ReadOptions withAllowEmptyText(boolean allow) {
    return new ReadOptions(format, columns, labelSeparator, labelSpace, strictLabels, onError,
        requireLabels, multiLabel, allow, csvQuotes);
  }

  public ReadOptions withCsvQuotes(boolean quotes) {
    return new ReadOptions(format, columns, labelSeparator, labelSpace, strictLabels, onError,
        requireLabels, multiLabel, allowEmptyText, quotes);
  }
}
