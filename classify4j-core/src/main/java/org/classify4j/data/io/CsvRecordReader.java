package org.classify4j.data.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.classify4j.data.BadInputException;

/**
 * CSV (RFC 4180) or TSV with a header line, read with Apache Commons CSV. Cells are kept as they
 * are (no trimming) except labels, which are split at the separator and trimmed. An empty id cell
 * counts as no id. Columns other than text, labels and id become metadata. Empty lines are blank
 * lines and passed over, even in a one-column file (an empty text is no use). The input is
 * decoded line by line as strict UTF-8 so that bad bytes are reported with their line.
 */
final class CsvRecordReader implements RecordReader {
  private final String source;
  private final LineSource lines;
  private final CsvColumns columns;
  private final String separator;
  private final LinesReader reader;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private final int textIdx;
  private final int labelsIdx;
  private final int idIdx;
  private long lastEnd;
  private long blank;

  CsvRecordReader(String source, LineSource lines, DataFormat format, CsvColumns columns,
      String separator, boolean quotes) {
    this.source = source;
    this.lines = lines;
    this.columns = columns;
    this.separator = separator;
    this.reader = new LinesReader(lines);
    CSVFormat base = format == DataFormat.TSV ? CSVFormat.TDF : CSVFormat.RFC4180;
    CSVFormat f =
        base.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(false)
            .setTrim(false)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setQuote(quotes ? Character.valueOf('"') : null)
            .get();
    try {
      this.parser = CSVParser.builder().setReader(reader).setFormat(f).get();
    } catch (IOException | UncheckedIOException | IllegalArgumentException
        | IllegalStateException e) {
      checkMalformed(1, Math.max(1, lines.lineNumber()));
      throw new Fatal(source, 1, "", "bad header line: " + e.getMessage()
          + " (expected distinct column names separated by "
          + (format == DataFormat.TSV ? "tabs" : "commas") + ")", e);
    }
    checkMalformed(1, 1);
    this.header = parser.getHeaderNames() == null ? List.of() : parser.getHeaderNames();
    if (header.isEmpty() || header.size() == 1 && header.get(0).isEmpty()) {
      throw new Fatal(source, 1, "", "no header line (expected column names such as "
          + columns.text() + (format == DataFormat.TSV ? "<TAB>" : ",") + columns.labels() + ")");
    }
    this.textIdx = header.indexOf(columns.text());
    this.labelsIdx = header.indexOf(columns.labels());
    this.idIdx = header.indexOf(columns.id());
    if (textIdx < 0) {
      throw new Fatal(source, 1, columns.text(),
          "column missing from the header (found " + header
              + "; expected a column named '" + columns.text() + "', or set CsvColumns)");
    }
    this.lastEnd = 1;
    this.records = parser.iterator();
  }

  /** Column index of the labels column, or -1 when the header has none. */
  int labelsColumn() {
    return labelsIdx;
  }

  @Override
  public Raw next() {
    while (true) {
      long start = lastEnd + 1;
      CSVRecord rec;
      try {
        if (!records.hasNext()) {
          checkMalformed(start, Long.MAX_VALUE);
          return null;
        }
        rec = records.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        checkMalformed(start, Long.MAX_VALUE);
        String msg = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        throw new Fatal(source, start, "", "bad CSV syntax in the record starting here: " + msg
            + " (expected a quoted cell to end with a quote followed by a separator or the end"
            + " of the line; double a quote inside quotes; or, if quotes are plain characters"
            + " here, read without CSV quoting: --no-csv-quotes on the command line)", e);
      }
      long end = Math.max(start, parser.getCurrentLineNumber());
      lastEnd = end;
      checkMalformed(start, end);
      if (rec.size() == 1 && rec.get(0).isEmpty()) {
        blank++;
        continue;
      }
      if (rec.size() != header.size()) {
        throw new BadInputException(source, start, "",
            "record has " + rec.size() + " cells but the header has " + header.size()
                + " (expected one cell per column; quote cells that hold the separator)");
      }
      String text = rec.get(textIdx);
      String id = null;
      if (idIdx >= 0 && !rec.get(idIdx).isEmpty()) {
        id = rec.get(idIdx);
        if (id.isBlank()) {
          throw new BadInputException(source, start, columns.id(),
              "blank id (expected a non-blank id or an empty cell)");
        }
      }
      List<String> labels = List.of();
      if (labelsIdx >= 0) {
        labels = splitLabels(rec.get(labelsIdx));
      }
      Map<String, String> meta = Map.of();
      if (header.size() > 3 || (header.size() > 1 && (labelsIdx < 0 || idIdx < 0))) {
        meta = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
          if (c != textIdx && c != labelsIdx && c != idIdx && !header.get(c).isEmpty()) {
            meta.put(header.get(c), rec.get(c));
          }
        }
      }
      return new Raw(start, id, text, labels, meta);
    }
  }

  private List<String> splitLabels(String cell) {
    if (cell.isBlank()) {
      return List.of();
    }
    if (separator.isEmpty()) {
      return List.of(cell.strip());
    }
    List<String> out = new ArrayList<>(2);
    int from = 0;
    while (true) {
      int at = cell.indexOf(separator, from);
      String part = (at < 0 ? cell.substring(from) : cell.substring(from, at)).strip();
      if (!part.isEmpty()) {
        out.add(part);
      }
      if (at < 0) {
        return out;
      }
      from = at + separator.length();
    }
  }

  /** Fails when a line in [from, to] had bytes that are not UTF-8; forgets earlier lines. */
  private void checkMalformed(long from, long to) {
    ArrayDeque<long[]> q = reader.malformed;
    while (!q.isEmpty() && q.peekFirst()[0] <= to) {
      long[] m = q.pollFirst();
      if (m[0] >= from || m[0] == 1) {
        String problem = "invalid UTF-8 at byte " + (m[1] + 1)
            + " of the line (expected UTF-8 encoded text)";
        if (m[0] == 1) {
          throw new Fatal(source, m[0], "", problem);
        }
        throw new BadInputException(source, m[0], "", problem);
      }
    }
  }

  @Override
  public long lines() {
    return lines.lineNumber();
  }

  @Override
  public long blankLines() {
    return blank;
  }

  @Override
  public String textField() {
    return columns.text();
  }

  @Override
  public String labelsField() {
    return columns.labels();
  }

  @Override
  public String idField() {
    return columns.id();
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new org.classify4j.Classify4jException("cannot close " + source + ": " + e, e);
    } finally {
      lines.close();
    }
  }

  /** Serves the decoded lines as characters, noting lines that were not valid UTF-8. */
  private static final class LinesReader extends Reader {
    final ArrayDeque<long[]> malformed = new ArrayDeque<>();
    private final LineSource lines;
    private String current = "";
    private int pos;
    private boolean end;

    LinesReader(LineSource lines) {
      this.lines = lines;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
      if (len == 0) {
        return 0;
      }
      while (pos >= current.length()) {
        if (end) {
          return -1;
        }
        LineSource.Line l = lines.next();
        if (l == null) {
          end = true;
          return -1;
        }
        if (l.malformed()) {
          malformed.addLast(new long[] {l.number(), l.badByteOffset()});
        }
        current = l.text();
        pos = 0;
      }
      int n = Math.min(len, current.length() - pos);
      current.getChars(pos, pos + n, cbuf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
