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
 * stop words, Porter stemming) or {@code plain} (the same without stemming). Thread-safe (Lucene
 * analyzers reuse their token streams per thread).
 */
final class Analysis {
  static final List<String> NAMES = List.of("english", "plain");

  private final String name;
  private final Analyzer analyzer;

  private Analysis(String name, Analyzer analyzer) {
    this.name = name;
    this.analyzer = analyzer;
  }

  static Analysis of(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "english":
        return new Analysis("english", new EnglishAnalyzer());
      case "plain":
        return new Analysis("plain", new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET));
      default:
        throw new IllegalArgumentException(
            "unknown analyzer '" + name + "' (expected one of " + NAMES + ")");
    }
  }

  String name() {
    return name;
  }

  /** The analyzed tokens of a text, in order. */
  String[] tokens(String text) {
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
