package org.classify4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void readsJsonlWithAllFieldShapes() throws IOException {
    Path p = file("d.jsonl",
        "{\"id\":\"q1\",\"text\":\"Where is my card?\",\"labels\":[\"card\",\"delivery\"],"
            + "\"metadata\":{\"lang\":\"en\",\"score\":1.5,\"ok\":true}}\n"
            + "\n"
            + "{\"text\":\"Hello\",\"labels\":\"greeting\",\"extra\":[1,2]}\n"
            + "{\"id\":17,\"text\":\"No labels here\"}\n"
            + "{\"text\":\"null fields\",\"id\":null,\"labels\":null,\"metadata\":null}\n");
    LoadedDataset d = DatasetReader.load(p, ReadOptions.defaults());
    Dataset ds = d.dataset();
    assertThat(ds.size()).isEqualTo(4);
    assertThat(ds.get(0).document())
        .isEqualTo(new Document("q1", "Where is my card?",
            Map.of("lang", "en", "score", "1.5", "ok", "true")));
    assertThat(ds.get(0).labels()).containsExactly("card", "delivery");
    assertThat(ds.get(1)).isEqualTo(Example.of("line-3", "Hello", "greeting"));
    assertThat(ds.get(2)).isEqualTo(Example.of("17", "No labels here"));
    assertThat(ds.get(3).document().id()).isEqualTo("line-5");
    assertThat(ds.labels().names()).containsExactly("card", "delivery", "greeting");
    assertThat(ds.multiLabel()).isTrue();
    assertThat(d.lines()).containsExactly(1, 3, 4, 5);
    assertThat(d.report().lines()).isEqualTo(5);
    assertThat(d.report().blankLines()).isEqualTo(1);
    assertThat(d.report().examples()).isEqualTo(4);
  }

  @Test
  void collectedLabelsAreSortedWhateverTheRowOrder() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"a\",\"labels\":[\"zeta\"]}\n"
        + "{\"text\":\"b\",\"labels\":[\"alpha\"]}\n{\"text\":\"c\",\"labels\":[\"Mid\"]}\n");
    Dataset ds = DatasetReader.read(p, ReadOptions.defaults());
    assertThat(ds.labels().names()).containsExactly("Mid", "alpha", "zeta");
    assertThat(ds.multiLabel()).isFalse();
  }

  @Test
  void givenLabelSpaceKeepsItsOrderAndUnusedLabels() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"a\",\"labels\":[\"b\"]}\n");
    LabelSpace space = LabelSpace.of(List.of(Label.of("c", "the c"), Label.of("b"), Label.of("a")));
    Dataset ds = DatasetReader.read(p, ReadOptions.defaults().withLabelSpace(space));
    assertThat(ds.labels()).isEqualTo(space);
  }

  @Test
  void lenientLabelSpaceAppendsNewLabelsSorted() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"a\",\"labels\":[\"z\"]}\n"
        + "{\"text\":\"b\",\"labels\":[\"b\",\"y\"]}\n");
    Dataset ds = DatasetReader.read(p,
        ReadOptions.defaults().withLabelSpace(LabelSpace.ofNames("b", "a"))
            .withStrictLabels(false));
    assertThat(ds.labels().names()).containsExactly("b", "a", "y", "z");
  }

  @Test
  void multiLabelCanBeForced() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"a\",\"labels\":[\"x\"]}\n");
    assertThat(DatasetReader.read(p,
        ReadOptions.defaults().withMultiLabel(ReadOptions.MultiLabel.MULTI)).multiLabel()).isTrue();
    Path q = file("e.jsonl", "{\"text\":\"a\",\"labels\":[\"x\"]}\n{\"text\":\"b\"}\n");
    assertThat(DatasetReader.read(q, ReadOptions.defaults()).multiLabel()).isTrue();
    assertThat(DatasetReader.read(q,
        ReadOptions.defaults().withMultiLabel(ReadOptions.MultiLabel.SINGLE)).multiLabel())
        .isFalse();
  }

  @Test
  void readsCsvWithQuotesSeparatorsAndMetadata() throws IOException {
    Path p = file("d.csv",
        "id,text,labels,source\n"
            + "a1,\"Hello, world\",greet,web\n"
            + "a2,\"Two\nlines with \"\"quotes\"\"\",greet | ask,mail\n"
            + "\n"
            + ",No id,,web\n");
    LoadedDataset d = DatasetReader.load(p, ReadOptions.defaults());
    Dataset ds = d.dataset();
    assertThat(ds.size()).isEqualTo(3);
    assertThat(ds.get(0).document())
        .isEqualTo(new Document("a1", "Hello, world", Map.of("source", "web")));
    assertThat(ds.get(1).document().text()).isEqualTo("Two\nlines with \"quotes\"");
    assertThat(ds.get(1).labels()).containsExactly("greet", "ask");
    assertThat(ds.get(2).document().id()).isEqualTo("line-6");
    assertThat(ds.get(2).labels()).isEmpty();
    assertThat(d.lines()).containsExactly(2, 3, 6);
    assertThat(d.report().blankLines()).isEqualTo(1);
    assertThat(ds.labels().names()).containsExactly("ask", "greet");
  }

  @Test
  void csvColumnsAndSeparatorAreConfigurable() throws IOException {
    Path p = file("d.csv", "intent,utterance\nbook;cancel,I want to cancel my booking\n");
    Dataset ds = DatasetReader.read(p, ReadOptions.defaults()
        .withColumns(CsvColumns.DEFAULT.withText("utterance").withLabels("intent"))
        .withLabelSeparator(";"));
    assertThat(ds.get(0)).isEqualTo(Example.of("line-2", "I want to cancel my booking", "book",
        "cancel"));
    Dataset whole = DatasetReader.read(p, ReadOptions.defaults()
        .withColumns(CsvColumns.DEFAULT.withText("utterance").withLabels("intent"))
        .withLabelSeparator(""));
    assertThat(whole.get(0).labels()).containsExactly("book;cancel");
  }

  @Test
  void csvWithoutLabelsColumnIsUnlabeled() throws IOException {
    Path p = file("d.csv", "text\nplain\n\"quoted, with comma\"\n");
    Dataset ds = DatasetReader.read(p, ReadOptions.defaults());
    assertThat(ds.texts()).containsExactly("plain", "quoted, with comma");
    assertThat(ds.labels().size()).isZero();
  }

  @Test
  void readsTsvKeepingSpacesAndInnerQuotes() throws IOException {
    Path p = file("d.tsv", "text\tlabels\n  padded text \ta\nHe said \"hi\"\tb|c\n");
    Dataset ds = DatasetReader.read(p, ReadOptions.defaults());
    assertThat(ds.texts()).containsExactly("  padded text ", "He said \"hi\"");
    assertThat(ds.get(1).labels()).containsExactly("b", "c");
  }

  @Test
  void byteOrderMarkIsDropped() throws IOException {
    Path p = dir.resolve("bom.jsonl");
    byte[] body = "{\"text\":\"x\",\"labels\":[\"a\"]}\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[body.length + 3];
    all[0] = (byte) 0xEF;
    all[1] = (byte) 0xBB;
    all[2] = (byte) 0xBF;
    System.arraycopy(body, 0, all, 3, body.length);
    Files.write(p, all);
    assertThat(DatasetReader.read(p, ReadOptions.defaults()).get(0))
        .isEqualTo(Example.of("line-1", "x", "a"));
  }

  @Test
  void readsGzip() throws IOException {
    Path p = dir.resolve("d.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write("{\"text\":\"zipped\",\"labels\":[\"z\"]}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(DatasetReader.read(p, ReadOptions.defaults()).texts()).containsExactly("zipped");
  }

  @Test
  void lastLineWithoutNewlineAndUnicode() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"na\u00efve \u65e5\u672c \ud83d\ude00\"}");
    assertThat(DatasetReader.read(p, ReadOptions.defaults()).texts())
        .containsExactly("na\u00efve \u65e5\u672c \ud83d\ude00");
    Path c = file("d.csv", "text\nlast");
    assertThat(DatasetReader.read(c, ReadOptions.defaults()).texts()).containsExactly("last");
  }

  @Test
  void readsAnInputStreamAsStdinWould() {
    byte[] data = "text,labels\nfrom a pipe,a\n".getBytes(StandardCharsets.UTF_8);
    try (ExampleStream s = DatasetReader.open(new ByteArrayInputStream(data),
        DatasetReader.STDIN, ReadOptions.defaults().withFormat(DataFormat.CSV))) {
      assertThat(s.source()).isEqualTo("<stdin>");
      assertThat(s.format()).isEqualTo(DataFormat.CSV);
      assertThat(s.stream().map(e -> e.document().text()).collect(Collectors.toList()))
          .containsExactly("from a pipe");
    }
    byte[] bad = "{\"text\":3}\n".getBytes(StandardCharsets.UTF_8);
    try (ExampleStream s = DatasetReader.open(new ByteArrayInputStream(bad), DatasetReader.STDIN,
        ReadOptions.defaults())) {
      assertThat(org.assertj.core.api.Assertions.catchThrowable(s::hasNext))
          .hasMessageStartingWith("<stdin>:1: field 'text':");
    }
  }

  @Test
  void streamReportsLinePerExample() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n");
    try (ExampleStream s = DatasetReader.open(p, ReadOptions.defaults())) {
      assertThat(s.line()).isZero();
      assertThat(s.next().document().text()).isEqualTo("a");
      assertThat(s.line()).isEqualTo(1);
      assertThat(s.next().document().text()).isEqualTo("b");
      assertThat(s.line()).isEqualTo(3);
      assertThat(s.hasNext()).isFalse();
      assertThat(s.report().examples()).isEqualTo(2);
    }
  }

  @Test
  void formatDetection() {
    assertThat(DataFormat.fromFileName("a.JSONL")).contains(DataFormat.JSONL);
    assertThat(DataFormat.fromFileName("a.json")).contains(DataFormat.JSONL);
    assertThat(DataFormat.fromFileName("a.ndjson.gz")).contains(DataFormat.JSONL);
    assertThat(DataFormat.fromFileName("a.csv")).contains(DataFormat.CSV);
    assertThat(DataFormat.fromFileName("a.tsv")).contains(DataFormat.TSV);
    assertThat(DataFormat.fromFileName("a.txt")).isEmpty();
  }

  @Test
  void forcedFormatWins() throws IOException {
    Path p = file("data.txt", "text\tlabels\nx\ty\n");
    assertThat(DatasetReader.read(p, ReadOptions.defaults().withFormat(DataFormat.TSV)).get(0))
        .isEqualTo(Example.of("line-2", "x", "y"));
  }

  @Test
  void emptyTextsAllowedWhenAsked() throws IOException {
    Path p = file("d.jsonl", "{\"text\":\"\"}\n{\"text\":\"  \"}\n");
    assertThat(DatasetReader.read(p, ReadOptions.defaults().withAllowEmptyText(true)).texts())
        .containsExactly("", "  ");
  }

  @Test
  void datasetWriterRoundTrips() throws IOException {
    Dataset ds = new Dataset(LabelSpace.ofNames("a", "b"), List.of(
        new Example(new Document("x", "line\nbreak \"q\" \u00e9", Map.of("k", "v")), List.of("b")),
        Example.of("y", "plain", "a", "b"),
        Example.of("z", "none")), true);
    Path p = dir.resolve("out.jsonl");
    JsonlDatasetWriter.write(ds, p);
    Dataset back = DatasetReader.read(p, ReadOptions.defaults().withLabelSpace(ds.labels()));
    assertThat(back).isEqualTo(ds);
    assertThat(Files.readAllLines(p)).hasSize(3);
  }

  @Test
  void labelFiles() throws IOException {
    Path names = file("labels.txt", "\ufeff# the labels\nsci.space\n\n  rec.autos  \n");
    assertThat(LabelFiles.read(names).names()).containsExactly("sci.space", "rec.autos");
    Path tsv = file("labels.tsv",
        "ABBR\tabbreviation\nHUM\thuman being\tperson|people| \nLOC\n");
    LabelSpace s = LabelFiles.read(tsv);
    assertThat(s.labels()).containsExactly(
        Label.of("ABBR", "abbreviation"),
        new Label("HUM", "human being", List.of("person", "people"), ""),
        Label.of("LOC"));
  }

  @Test
  void headerOnlyCsvAndEmptyJsonlHaveNoExamples() throws IOException {
    assertThat(DatasetReader.read(file("h.csv", "text,labels\n"), ReadOptions.defaults()).size())
        .isZero();
    LoadedDataset d = DatasetReader.load(file("e.jsonl", "\n\n"), ReadOptions.defaults());
    assertThat(d.dataset().size()).isZero();
    assertThat(d.report().blankLines()).isEqualTo(2);
  }

  @Test
  void readsStandardInput() {
    java.io.InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(
          "{\"text\":\"piped\",\"labels\":[\"p\"]}\n{\"text\":\"\"}\n"
              .getBytes(StandardCharsets.UTF_8)));
      try (ExampleStream s = DatasetReader.openStdin(ReadOptions.defaults())) {
        assertThat(s.next()).isEqualTo(Example.of("line-1", "piped", "p"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(s::next))
            .hasMessage("<stdin>:2: field 'text': empty text (expected text to classify)");
      }
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void plainTsvWithoutQuoteHandling() throws IOException {
    Path p = file("d.tsv", "text\tlabels\n\" the movie \" is fine\tpos\n");
    Dataset ds = DatasetReader.read(p, ReadOptions.defaults().withCsvQuotes(false));
    assertThat(ds.texts()).containsExactly("\" the movie \" is fine");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(
        () -> DatasetReader.read(p, ReadOptions.defaults())))
        .hasMessageStartingWith(p + ":2: ")
        .hasMessageContaining("--no-csv-quotes");
  }
}
