package org.classify4j.subjects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Text analysis with Lucene: {@code english} (standard tokenizer, possessives, lower case, English
 * stop words, Porter stemming) or {@code plain} (the same without stemming). With a title weight
 * w > 1, the first line of a text of several lines (a record's title) is analyzed w times, so its
 * words weigh more in the term frequencies; a text of one line is analyzed once. Thread-safe
 * (Lucene analyzers reuse their token streams per thread).
 */
final class Analysis {
  static final List<String> NAMES = List.of("english", "plain");

  private final String name;
  private final Analyzer analyzer;
  private final int titleWeight;

  private Analysis(String name, Analyzer analyzer, int titleWeight) {
    this.name = name;
    this.analyzer = analyzer;
    this.titleWeight = titleWeight;
  }

  static Analysis of(String name) {
    return of(name, 1);
  }

  static Analysis of(String name, int titleWeight) {
    if (titleWeight < 1) {
      throw new IllegalArgumentException("title_weight must be ≥ 1, not " + titleWeight);
    }
    switch (name.toLowerCase(Locale.ROOT)) {
      case "english":
        return new Analysis("english", new EnglishAnalyzer(), titleWeight);
      case "plain":
        return new Analysis("plain", new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET),
            titleWeight);
      default:
        throw new IllegalArgumentException(
            "unknown analyzer '" + name + "' (expected one of " + NAMES + ")");
    }
  }

  String name() {
    return name;
  }

  /** The analyzed tokens of a text, in order (the title's first when it is weighted). */
  String[] tokens(String text) {
    return tokensOf(withTitleWeighted(text, titleWeight));
  }

  /**
   * The text with its first line put before it {@code weight - 1} more times, when it has more
   * than one line and the first is not blank; else the text as it is.
   */
  static String withTitleWeighted(String text, int weight) {
    int nl = text.indexOf('\n');
    if (weight <= 1 || nl < 0 || text.substring(0, nl).isBlank()) {
      return text;
    }
    return (text.substring(0, nl) + "\n").repeat(weight - 1) + text;
  }

  private String[] tokensOf(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toArray(new String[0]);
  }
}
