package org.classify4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.data.BadInputException;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gives a message naming the file, the line, the field and what was expected. */
class DatasetReaderBadInputTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private Path file(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  /** Reads the whole file expecting a failure at {@code line} in {@code field}. */
  private BadInputException bad(Path p, ReadOptions o, long line, String field) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> DatasetReader.read(p, o));
    assertThat(t).isInstanceOf(BadInputException.class);
    BadInputException e = (BadInputException) t;
    assertThat(e.getMessage()).startsWith(p + ":" + line + ": ");
    assertThat(e.source()).isEqualTo(p.toString());
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.field()).isEqualTo(field);
    if (!field.isEmpty()) {
      assertThat(e.getMessage()).contains("field '" + field + "'");
    }
    return e;
  }

  private BadInputException bad(Path p, long line, String field) {
    return bad(p, ReadOptions.defaults(), line, field);
  }

  private static final String OK = "{\"text\":\"fine\",\"labels\":[\"a\"]}\n";

  // ---------------------------------------------------------------- JSONL

  @Test
  void invalidJson() throws IOException {
    Path p = file("d.jsonl", OK + "{\"text\": \"unterminated\n");
    assertThat(bad(p, 2, "").problem()).contains("invalid JSON").contains("one JSON object");
  }

  @Test
  void jsonWithTrailingGarbage() throws IOException {
    Path p = file("d.jsonl", OK + OK + "{\"text\":\"x\"} {\"text\":\"y\"}\n");
    assertThat(bad(p, 3, "").problem()).contains("invalid JSON");
  }

  @Test
  void jsonNotAnObject() throws IOException {
    Path p = file("d.jsonl", OK + "[\"text\", \"labels\"]\n");
    assertThat(bad(p, 2, "").problem()).contains("expected a JSON object, found a list");
  }

  @Test
  void prettyPrintedJsonArrayFile() throws IOException {
    Path p = file("d.json", "[\n  {\"text\": \"a\"}\n]\n");
    assertThat(bad(p, 1, "").problem())
        .contains("JSON array file").contains("one JSON object per line");
  }

  @Test
  void duplicateJsonKey() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"a\",\"text\":\"b\"}\n");
    assertThat(bad(p, 1, "").problem()).contains("invalid JSON").containsIgnoringCase("duplicate");
  }

  @Test
  void missingText() throws IOException {
    Path p = file("d.jsonl", OK + OK + OK + "{\"labels\":[\"a\"]}\n");
    assertThat(bad(p, 4, "text").problem()).contains("missing").contains("expected a string");
  }

  @Test
  void nullText() throws IOException {
    Path p = file("d.jsonl", "{\"text\":null}\n");
    assertThat(bad(p, 1, "text").problem()).contains("missing");
  }

  @Test
  void textNotAString() throws IOException {
    Path p = file("d.jsonl", OK + "{\"text\":42,\"labels\":[\"a\"]}\n");
    assertThat(bad(p, 2, "text").problem()).isEqualTo("expected a string, found a number");
  }

  @Test
  void emptyText() throws IOException {
    Path p = file("d.jsonl", OK + "{\"text\":\"\",\"labels\":[\"a\"]}\n");
    assertThat(bad(p, 2, "text").problem()).contains("empty text").contains("expected");
  }

  @Test
  void whitespaceText() throws IOException {
    Path p = file("d.jsonl", OK + "{\"text\":\" \\t \",\"labels\":[\"a\"]}\n");
    assertThat(bad(p, 2, "text").problem()).contains("only whitespace");
  }

  @Test
  void labelsNotAListOrString() throws IOException {
    Path p = file("d.jsonl", OK + "{\"text\":\"t\",\"labels\":7}\n");
    assertThat(bad(p, 2, "labels").problem())
        .isEqualTo("expected a list of strings or a string, found a number");
  }

  @Test
  void labelsObject() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"t\",\"labels\":{\"a\":1}}\n");
    assertThat(bad(p, 1, "labels").problem()).contains("found an object");
  }

  @Test
  void labelElementNotAString() throws IOException {
    Path p = file("d.jsonl", OK + "{\"text\":\"t\",\"labels\":[\"a\", 3]}\n");
    assertThat(bad(p, 2, "labels").problem()).contains("element 2 is a number");
  }

  @Test
  void blankLabel() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"t\",\"labels\":[\" \"]}\n");
    assertThat(bad(p, 1, "labels").problem()).contains("blank label");
  }

  @Test
  void nestedMetadata() throws IOException {
    Path p = file("d.jsonl", OK + "{\"text\":\"t\",\"metadata\":{\"src\":{\"a\":1}}}\n");
    assertThat(bad(p, 2, "metadata.src").problem())
        .isEqualTo("expected a string, number or boolean, found an object");
  }

  @Test
  void metadataNotAnObject() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"t\",\"metadata\":[1,2]}\n");
    assertThat(bad(p, 1, "metadata").problem()).contains("found a list");
  }

  @Test
  void idOfWrongType() throws IOException {
    Path p = file("d.jsonl", "{\"id\":1.5,\"text\":\"t\"}\n");
    assertThat(bad(p, 1, "id").problem()).contains("expected a string or an integer");
  }

  @Test
  void blankId() throws IOException {
    Path p = file("d.jsonl", "{\"id\":\"  \",\"text\":\"t\"}\n");
    assertThat(bad(p, 1, "id").problem()).contains("blank id");
  }

  @Test
  void duplicateIds() throws IOException {
    Path p = file("d.jsonl",
        "{\"id\":\"a\",\"text\":\"t\"}\n{\"id\":\"b\",\"text\":\"t\"}\n\n"
            + "{\"id\":\"a\",\"text\":\"u\"}\n");
    assertThat(bad(p, 4, "id").problem()).contains("duplicate id 'a'").contains("line 1");
  }

  @Test
  void explicitIdCollidesWithGeneratedId() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"t\"}\n{\"id\":\"line-1\",\"text\":\"u\"}\n");
    assertThat(bad(p, 2, "id").problem()).contains("duplicate id 'line-1'").contains("line 1");
  }

  @Test
  void generatedIdCollidesWithExplicitId() throws IOException {
    Path p = file("d.jsonl", "{\"id\":\"line-2\",\"text\":\"t\"}\n{\"text\":\"u\"}\n");
    assertThat(bad(p, 2, "id").problem()).contains("generated id 'line-2'").contains("line 1");
  }

  @Test
  void integerIdsCollideWithStringIds() throws IOException {
    Path p = file("d.jsonl", "{\"id\":7,\"text\":\"t\"}\n{\"id\":\"7\",\"text\":\"u\"}\n");
    bad(p, 2, "id");
  }

  @Test
  void invalidUtf8() throws IOException {
    byte[] good = OK.getBytes(StandardCharsets.UTF_8);
    byte[] badLine = "{\"text\":\"caf\u00e9 \"}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[good.length * 2 + badLine.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(good, 0, all, good.length, good.length);
    System.arraycopy(badLine, 0, all, good.length * 2, badLine.length);
    Path p = file("d.jsonl", all);
    assertThat(bad(p, 3, "").problem()).contains("invalid UTF-8 at byte 13").contains("expected");
  }

  @Test
  void unknownLabelUnderStrictLabelSpace() throws IOException {
    Path p = file("d.jsonl", OK + "{\"text\":\"t\",\"labels\":[\"a\",\"zebra\"]}\n");
    ReadOptions o = ReadOptions.defaults().withLabelSpace(LabelSpace.ofNames("a", "b"));
    assertThat(bad(p, o, 2, "labels").problem())
        .contains("unknown label 'zebra'").contains("2 labels").contains("a, b");
  }

  @Test
  void missingLabelsWhenRequired() throws IOException {
    Path p = file("d.jsonl", OK + "\n{\"text\":\"t\",\"labels\":[]}\n");
    ReadOptions o = ReadOptions.defaults().withRequireLabels(true);
    assertThat(bad(p, o, 3, "labels").problem()).contains("no labels").contains("required");
  }

  @Test
  void severalLabelsInForcedSingleLabelData() throws IOException {
    Path p = file("d.jsonl", OK + "{\"text\":\"t\",\"labels\":[\"a\",\"b\"]}\n");
    ReadOptions o = ReadOptions.defaults().withMultiLabel(ReadOptions.MultiLabel.SINGLE);
    assertThat(bad(p, o, 2, "labels").problem()).contains("2 labels").contains("at most one");
  }

  @Test
  void lineNumbersCountBlankLinesAndCrlf() throws IOException {
    Path p = file("d.jsonl", OK + "\r\n   \r\n" + OK.replace("\n", "\r\n") + "{\"text\":1}\r\n");
    bad(p, 5, "text");
  }

  @Test
  void missingFile() {
    Path p = dir.resolve("nope.jsonl");
    assertThatThrownBy(() -> DatasetReader.read(p, ReadOptions.defaults()))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(p + ": ")
        .hasMessageContaining("no such file");
  }

  @Test
  void unknownExtension() throws IOException {
    Path p = file("d.txt", OK);
    assertThatThrownBy(() -> DatasetReader.read(p, ReadOptions.defaults()))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(p + ": ")
        .hasMessageContaining(".jsonl");
  }

  // ---------------------------------------------------------------- CSV / TSV

  @Test
  void csvMissingTextColumn() throws IOException {
    Path p = file("d.csv", "body,labels\nhello,a\n");
    assertThat(bad(p, 1, "text").problem())
        .contains("column missing from the header").contains("[body, labels]");
  }

  @Test
  void csvConfiguredColumnMissing() throws IOException {
    Path p = file("d.csv", "text,labels\nhello,a\n");
    ReadOptions o = ReadOptions.defaults().withColumns(CsvColumns.DEFAULT.withText("utterance"));
    bad(p, o, 1, "utterance");
  }

  @Test
  void csvMissingLabelsColumnWhenRequired() throws IOException {
    Path p = file("d.csv", "text\nhello\n");
    ReadOptions o = ReadOptions.defaults().withRequireLabels(true);
    assertThat(bad(p, o, 1, "labels").problem()).contains("column missing");
  }

  @Test
  void csvDuplicateHeader() throws IOException {
    Path p = file("d.csv", "text,labels,text\nhello,a,b\n");
    assertThat(bad(p, 1, "").problem()).contains("bad header line");
  }

  @Test
  void emptyCsv() throws IOException {
    Path p = file("d.csv", "");
    assertThat(bad(p, 1, "").problem()).contains("no header line");
  }

  @Test
  void csvUnclosedQuote() throws IOException {
    Path p = file("d.csv", "text,labels\nok,a\n\"never closed,a\nmore,b\n");
    assertThat(bad(p, 3, "").problem()).contains("bad CSV syntax");
  }

  @Test
  void csvGarbageAfterClosingQuote() throws IOException {
    Path p = file("d.csv", "text,labels\nok,a\nok2,b\n\"quoted\"x,a\n");
    assertThat(bad(p, 4, "").problem()).contains("bad CSV syntax");
  }

  @Test
  void csvTooManyCells() throws IOException {
    Path p = file("d.csv", "text,labels\nok,a\nhello, world,a\n");
    assertThat(bad(p, 3, "").problem()).contains("3 cells but the header has 2");
  }

  @Test
  void csvTooFewCells() throws IOException {
    Path p = file("d.csv", "id,text,labels\n1,ok,a\n2,short\n");
    assertThat(bad(p, 3, "").problem()).contains("2 cells but the header has 3");
  }

  @Test
  void csvErrorLineAfterMultiLineQuotedCell() throws IOException {
    Path p = file("d.csv", "text,labels\n\"two\nlines\",a\n\"three\nlong\nlines\",b\n,c\n");
    assertThat(bad(p, 7, "text").problem()).contains("empty text");
  }

  @Test
  void csvInvalidUtf8() throws IOException {
    byte[] head = "text,labels\nok,a\n".getBytes(StandardCharsets.UTF_8);
    byte[] badLine = "na\u00efve,b\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + badLine.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(badLine, 0, all, head.length, badLine.length);
    Path p = file("d.csv", all);
    assertThat(bad(p, 3, "").problem()).contains("invalid UTF-8 at byte 3");
  }

  @Test
  void csvUnknownLabelNamesTheColumn() throws IOException {
    Path p = file("d.csv", "utterance,intent\nhi,greet\nbye,leave|greet\n");
    ReadOptions o = ReadOptions.defaults()
        .withColumns(CsvColumns.DEFAULT.withText("utterance").withLabels("intent"))
        .withLabelSpace(LabelSpace.ofNames("greet"));
    assertThat(bad(p, o, 3, "intent").problem()).contains("unknown label 'leave'");
  }

  @Test
  void csvDuplicateIds() throws IOException {
    Path p = file("d.csv", "id,text,labels\nx,one,a\ny,two,a\nx,three,b\n");
    assertThat(bad(p, 4, "id").problem()).contains("duplicate id 'x'").contains("line 2");
  }

  @Test
  void tsvEmptyText() throws IOException {
    Path p = file("d.tsv", "text\tlabels\nfine\ta\n\tb\n");
    bad(p, 3, "text");
  }

  @Test
  void tsvWithBomStillFindsHeader() throws IOException {
    byte[] body = "text\tlabels\nfine\ta\n \tb\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[body.length + 3];
    all[0] = (byte) 0xEF;
    all[1] = (byte) 0xBB;
    all[2] = (byte) 0xBF;
    System.arraycopy(body, 0, all, 3, body.length);
    Path p = file("d.tsv", all);
    assertThat(bad(p, 3, "text").problem()).contains("whitespace");
  }

  // ---------------------------------------------------------------- label files

  @Test
  void labelFileDuplicate() throws IOException {
    Path p = file("labels.txt", "# labels\na\nb\n\na\n");
    assertThatThrownBy(() -> LabelFiles.read(p))
        .isInstanceOf(BadInputException.class)
        .hasMessage(p + ":5: field 'name': duplicate label 'a', first at line 2 (expected unique"
            + " names)");
  }

  @Test
  void labelFileTooManyColumns() throws IOException {
    // a fourth column is the parent; a fifth is one too many
    Path p = file("labels.tsv", "a\tdesc\nb\tdesc\tsyn\ta\textra\n");
    assertThatThrownBy(() -> LabelFiles.read(p))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(p + ":2: ")
        .hasMessageContaining("5 tab-separated columns");
  }

  @Test
  void labelFileBlankName() throws IOException {
    Path p = file("labels.tsv", "a\n\tonly a description\n");
    assertThatThrownBy(() -> LabelFiles.read(p))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(p + ":2: field 'name': blank label name");
  }

  // ---------------------------------------------------------------- skipping

  @Test
  void skipKeepsGoodRecordsAndReportsBadLines() throws IOException {
    Path p = file("d.jsonl",
        OK + "{\"text\":1}\n" + "not json\n" + "{\"text\":\"b\",\"labels\":[\"b\"]}\n" + "\n"
            + "{\"labels\":[\"a\"]}\n");
    LoadedDataset d = DatasetReader.load(p,
        ReadOptions.defaults().withOnError(ReadOptions.OnError.SKIP));
    assertThat(d.dataset().size()).isEqualTo(2);
    assertThat(d.lines()).containsExactly(1, 4);
    assertThat(d.report().skippedCount()).isEqualTo(3);
    assertThat(d.report().skippedLines()).containsExactly(2, 3, 6);
    assertThat(d.report().blankLines()).isEqualTo(1);
    assertThat(d.report().skipped().get(0).message()).startsWith(p + ":2: field 'text':");
    assertThat(d.report().skipped()).extracting(ReadReport.Skipped::field)
        .containsExactly("text", "", "text");
  }

  @Test
  void skipStillFailsOnCsvSyntax() throws IOException {
    Path p = file("d.csv", "text,labels\nok,a\n\"open,a\n");
    ReadOptions o = ReadOptions.defaults().withOnError(ReadOptions.OnError.SKIP);
    bad(p, o, 3, "");
  }

  @Test
  void skippedDuplicateDoesNotHideLaterRecords() throws IOException {
    Path p = file("d.jsonl", "{\"id\":\"a\",\"text\":\"t\"}\n{\"id\":\"a\",\"text\":\"u\"}\n"
        + "{\"id\":\"b\",\"text\":\"v\"}\n");
    LoadedDataset d = DatasetReader.load(p,
        ReadOptions.defaults().withOnError(ReadOptions.OnError.SKIP));
    assertThat(d.dataset().documents()).extracting(org.classify4j.data.Document::id)
        .containsExactly("a", "b");
    assertThat(d.report().skipped()).singleElement()
        .satisfies(s -> assertThat(s.message()).startsWith(p + ":2: field 'id': duplicate id"));
    assertThat(List.of(d.report().summary())).singleElement().asString()
        .contains("1 bad records skipped");
  }
}
