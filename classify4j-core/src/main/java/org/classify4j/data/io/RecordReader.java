package org.classify4j.data.io;

import java.util.List;
import java.util.Map;
import org.classify4j.data.BadInputException;

/** Format-specific reading of raw records; validation common to formats is in ExampleStream. */
interface RecordReader extends AutoCloseable {
  /**
   * One record as read, before validation.
   *
   * @param line the 1-based line where it starts
   * @param id the id, or null when the record has none
   */
  record Raw(
      long line, String id, String text, List<String> labels, Map<String, String> metadata) {}

  /**
   * The next record, or null at the end.
   *
   * @throws BadInputException for a bad record (already consumed, so reading may go on), or a
   *     {@link Fatal} when the rest of the input cannot be read
   */
  Raw next();

  /** Physical lines read so far. */
  long lines();

  /** Blank lines passed over so far. */
  long blankLines();

  /** The name of the text field in messages. */
  String textField();

  /** The name of the labels field in messages. */
  String labelsField();

  /** The name of the id field in messages. */
  String idField();

  @Override
  void close();

  /** An error after which reading cannot go on, even when bad records are skipped. */
  final class Fatal extends BadInputException {
    private static final long serialVersionUID = 1L;

    Fatal(String source, long line, String field, String problem) {
      super(source, line, field, problem);
    }

    Fatal(String source, long line, String field, String problem, Throwable cause) {
      super(source, line, field, problem, cause);
    }
  }
}
