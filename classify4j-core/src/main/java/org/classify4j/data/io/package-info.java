/**
 * Reading and writing data sets and predictions.
 *
 * <p>Reading: {@link org.classify4j.data.io.DatasetReader} opens JSONL, CSV or TSV files (format
 * from {@link org.classify4j.data.io.ReadOptions#format()} or the extension) as an {@link
 * org.classify4j.data.io.ExampleStream} (constant memory) or reads them whole into a {@link
 * org.classify4j.data.Dataset}. {@link org.classify4j.data.io.LabelFiles} reads label lists with
 * optional descriptions and synonyms.
 *
 * <p>Decisions, the same for every format:
 *
 * <ul>
 *   <li>UTF-8 only; a leading byte-order mark is dropped; invalid bytes are an error naming the
 *       line and byte.
 *   <li>Blank lines are skipped silently and counted in the {@link
 *       org.classify4j.data.io.ReadReport}; line numbers count them (they match an editor's).
 *   <li>Records without an id get {@code line-N}, N the record's first line; duplicate ids, also
 *       against generated ones, are errors.
 *   <li>Empty or whitespace-only texts are errors unless {@code allowEmptyText} (for checking).
 *   <li>Labels collected from the data are sorted by name; a given label space keeps its order.
 *   <li>With {@code onError = SKIP} bad records are left out and reported, except errors after
 *       which the file cannot be read on (CSV header and quoting): these always fail.
 *   <li>Every error is a {@link org.classify4j.data.BadInputException}: {@code FILE:LINE: field
 *       'F': what is wrong (what was expected)}.
 * </ul>
 *
 * <p>Writing: {@link org.classify4j.classify.io.JsonlWriter} and {@link
 * org.classify4j.classify.io.CsvWriter} write predictions one flushed line per document; {@link
 * org.classify4j.data.io.JsonlDatasetWriter} writes examples that read back equal.
 */
package org.classify4j.data.io;
