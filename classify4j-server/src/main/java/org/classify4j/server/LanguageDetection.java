package org.classify4j.server;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Annif's {@code /v1/detect-language}: which of up to five candidate languages a text is in, with
 * the n-gram profiles of optimaize's language-detector (71 languages, built in; Apache-2.0). The
 * detector for a candidate set is built from those profiles only, so every score is among the
 * candidates; what they do not explain is the unknown language ({@code null}), as in Annif.
 * Profiles are read once, when first needed; detectors are kept per candidate set (the last 32).
 * Thread-safe.
 */
final class LanguageDetection {
  /** A candidate's score; {@code language} empty for the unknown language. */
  record Score(Optional<String> language, double score) {}

  private static final int CACHE = 32;
  private static final long SEED = 42; // the detector samples n-grams: the same text, the same scores

  private Map<String, LanguageProfile> profiles;
  private final TextObjectFactory text = CommonTextObjectFactories.forDetectingOnLargeText();
  private final Map<String, LanguageDetector> detectors = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, LanguageDetector> e) {
      return size() > CACHE;
    }
  };

  /** The languages it knows, as BCP 47 codes ({@code en}, {@code zh-CN}, …). */
  synchronized List<String> languages() {
    return List.copyOf(profiles().keySet());
  }

  /**
   * Each candidate's score, best first, then the unknown language's (1 − their sum, at least 0).
   *
   * @throws ApiException 400 "unsupported candidate languages" (Annif's message) when a candidate
   *     has no profile
   */
  List<Score> detect(String input, List<String> candidates) {
    TreeSet<String> wanted = new TreeSet<>();
    candidates.forEach(c -> wanted.add(c.strip().toLowerCase(Locale.ROOT)));
    LanguageDetector d = detector(wanted);
    Map<String, Double> byLanguage = new LinkedHashMap<>();
    for (DetectedLanguage dl : d.getProbabilities(text.forText(input))) {
      byLanguage.merge(dl.getLocale().toString().toLowerCase(Locale.ROOT), dl.getProbability(),
          Double::sum);
    }
    List<Score> out = new ArrayList<>();
    double sum = 0;
    for (String c : new LinkedHashSet<>(candidates.stream().map(String::strip).toList())) {
      double s = byLanguage.getOrDefault(c.toLowerCase(Locale.ROOT), 0.0);
      out.add(new Score(Optional.of(c), s));
      sum += s;
    }
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    out.add(new Score(Optional.empty(), Math.max(0, 1 - sum)));
    return out;
  }

  private synchronized LanguageDetector detector(TreeSet<String> wanted) {
    Map<String, LanguageProfile> known = profiles();
    List<LanguageProfile> chosen = new ArrayList<>();
    for (String w : wanted) {
      LanguageProfile p = known.get(w.toLowerCase(Locale.ROOT));
      if (p == null) {
        throw ApiException.badRequest("unsupported candidate languages");
      }
      chosen.add(p);
    }
    String key = String.join(",", wanted).toLowerCase(Locale.ROOT);
    return detectors.computeIfAbsent(key, k -> LanguageDetectorBuilder
        .create(NgramExtractors.standard()).withProfiles(chosen).seed(SEED).build());
  }

  private Map<String, LanguageProfile> profiles() {
    if (profiles == null) {
      try {
        Map<String, LanguageProfile> m = new TreeMap<>();
        for (LanguageProfile p : new LanguageProfileReader().readAllBuiltIn()) {
          m.put(p.getLocale().toString().toLowerCase(Locale.ROOT), p);
        }
        profiles = m;
      } catch (IOException e) {
        throw new UncheckedIOException("language profiles: " + e.getMessage(), e);
      }
    }
    return profiles;
  }
}
