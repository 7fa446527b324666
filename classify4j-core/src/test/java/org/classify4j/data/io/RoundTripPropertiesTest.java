package org.classify4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;

/** Whatever the texts hold, writing and reading gives them back, at the right lines. */
class RoundTripPropertiesTest {

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings()
        .withChars("ab ,;|\"'\t\n\r\\{}[]:\u00e9\u4e2d")
        .withCharRange('\ud83d', '\ud83d') // lone high surrogates are filtered below
        .ofMinLength(1).ofMaxLength(30)
        .map(s -> s.replace("\ud83d", "\ud83d\ude00"))
        .filter(s -> !s.isBlank());
  }

  @Property(tries = 60)
  void jsonlDatasetRoundTrip(@ForAll @Size(min = 1, max = 8) List<@From("texts") String> texts)
      throws IOException {
    List<Example> ex = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      ex.add(new Example(Document.of("d" + i, texts.get(i)), List.of("l" + (i % 3))));
    }
    Dataset d = Dataset.of(ex);
    Path p = Files.createTempFile("rt", ".jsonl");
    try {
      JsonlDatasetWriter.write(d, p);
      LoadedDataset back = DatasetReader.load(p, ReadOptions.defaults());
      assertThat(back.dataset()).isEqualTo(d);
      assertThat(back.lines()).containsExactly(
          java.util.stream.LongStream.rangeClosed(1, texts.size()).toArray());
    } finally {
      Files.deleteIfExists(p);
    }
  }

  @Property(tries = 60)
  void csvRecordsStartAtTheRightLine(
      @ForAll @Size(min = 1, max = 8) List<@From("texts") String> texts)
      throws IOException {
    StringWriter w = new StringWriter();
    try (CSVPrinter pr = new CSVPrinter(w,
        CSVFormat.RFC4180.builder().setRecordSeparator("\n").setHeader("text", "labels").get())) {
      for (String t : texts) {
        pr.printRecord(t, "a|b");
      }
    }
    Path p = Files.createTempFile("rt", ".csv");
    try {
      Files.writeString(p, w.toString(), StandardCharsets.UTF_8);
      LoadedDataset back = DatasetReader.load(p, ReadOptions.defaults());
      assertThat(back.dataset().texts()).containsExactlyElementsOf(texts);
      long line = 2;
      for (int i = 0; i < texts.size(); i++) {
        assertThat(back.line(i)).as("record %d", i).isEqualTo(line);
        assertThat(back.dataset().get(i).document().id()).isEqualTo("line-" + line);
        line += newlines(texts.get(i)) + 1;
      }
    } finally {
      Files.deleteIfExists(p);
    }
  }

  /** Line breaks as counted by both Commons CSV and an editor: \n, \r\n and a lone \r. */
  private static long newlines(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
  }
}
