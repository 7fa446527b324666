package org.classify4j.distill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.check.DataChecks;

/**
 * Guards against the classic pitfalls of distilling and tuning: fitting or choosing a threshold on
 * test data, an audit sample that is the test set, and documents shared between the sets.
 *
 * <p>A file is test data when a word of its name (split at anything but letters and digits) is
 * {@code test}, {@code testing}, {@code holdout} or {@code heldout} ({@code test.jsonl}, {@code
 * gold_test.csv}, {@code holdout-2024.jsonl}; not {@code contest.jsonl}), or when one of its
 * documents has metadata {@code split} equal to one of those words.
 *
 * <p>Ids are compared across files only when they were given: ids generated from line numbers
 * ({@code line-N}, for records without an id) name different documents in different files, so
 * only texts are compared for them.
 */
public final class Leakage {
  private Leakage() {}

  static final Set<String> TEST_WORDS = Set.of("test", "testing", "holdout", "heldout");

  /** Whether an id was generated from a line number ({@code line-N}) rather than given. */
  public static boolean generatedId(String id) {
    return id.matches("line-[1-9][0-9]*");
  }

  /** Whether the file's name marks it as test data. */
  public static boolean namedAsTest(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return false;
    }
    for (String w : name.toString().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (TEST_WORDS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** The first document marked {@code split: test} (or holdout), if any. */
  public static java.util.Optional<Document> markedAsTest(List<Document> docs) {
    for (Document d : docs) {
      String s = d.metadata().getOrDefault("split", "");
      if (TEST_WORDS.contains(s.strip().toLowerCase(Locale.ROOT))) {
        return java.util.Optional.of(d);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Refuses to use test data for {@code purpose} (such as "training" or "choosing the threshold").
   *
   * @param role the option or argument that named the file, for the message
   * @param file the file, when the data came from one
   */
  public static void refuseTestData(String role, String purpose, java.util.Optional<Path> file,
      List<Document> docs) {
    if (file.isPresent() && namedAsTest(file.get())) {
      throw new LeakageException(role + " " + file.get() + " is named as test data; refusing to"
          + " use it for " + purpose + " (test data is for the final report only: pass it as"
          + " --test, and rename the file if it is not test data)");
    }
    java.util.Optional<Document> marked = markedAsTest(docs);
    if (marked.isPresent()) {
      throw new LeakageException(role + (file.map(f -> " " + f).orElse("")) + " has documents"
          + " marked split=" + marked.get().metadata().get("split") + " (first: id '"
          + marked.get().id() + "'); refusing to use test data for " + purpose);
    }
  }

  /**
   * Refuses an audit sample that is the test set: the same file (by path or by content) or any
   * document id in both.
   */
  public static void requireDistinct(String aRole, java.util.Optional<Path> aFile,
      List<Document> a, String bRole, java.util.Optional<Path> bFile, List<Document> b) {
    if (aFile.isPresent() && bFile.isPresent() && sameFile(aFile.get(), bFile.get())) {
      throw new LeakageException(aRole + " and " + bRole + " are the same file (" + aFile.get()
          + "); the threshold would be chosen on the data that is meant to judge it");
    }
    Overlap o = overlap(aRole, a, bRole, b);
    if (o.ids() > 0) {
      throw new LeakageException(aRole + " and " + bRole + " share " + o.ids()
          + " document id(s) (first: " + String.join(", ", o.sampleIds()) + "); they must be"
          + " disjoint samples");
    }
  }

  static boolean sameFile(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        if (Files.isSameFile(a, b)) {
          return true;
        }
        return Files.size(a) == Files.size(b) && Files.mismatch(a, b) == -1L;
      }
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Documents shared by two sets.
   *
   * @param ids documents of {@code b} whose id is in {@code a}
   * @param exactTexts documents of {@code b} whose text is in {@code a}
   * @param normalizedTexts documents of {@code b} whose normalized text ({@link
   *     DataChecks#normalize}) is in {@code a} (exact ones included)
   * @param sampleIds up to 5 ids of {@code b} that are shared in any of these ways
   */
  public record Overlap(String a, String b, int ids, int exactTexts, int normalizedTexts,
      List<String> sampleIds) {
    public Overlap {
      sampleIds = List.copyOf(sampleIds);
    }

    public boolean any() {
      return ids > 0 || normalizedTexts > 0;
    }
  }

  public static Overlap overlap(String aName, List<Document> a, String bName, List<Document> b) {
    Set<String> ids = new HashSet<>();
    Set<String> texts = new HashSet<>();
    Set<String> norm = new HashSet<>();
    for (Document d : a) {
      if (!generatedId(d.id())) {
        ids.add(d.id());
      }
      texts.add(d.text());
      norm.add(DataChecks.normalize(d.text()));
    }
    int i = 0;
    int e = 0;
    int n = 0;
    List<String> sample = new ArrayList<>();
    for (Document d : b) {
      boolean sid = ids.contains(d.id());
      boolean st = texts.contains(d.text());
      boolean sn = norm.contains(DataChecks.normalize(d.text()));
      i += sid ? 1 : 0;
      e += st ? 1 : 0;
      n += sn ? 1 : 0;
      if ((sid || sn) && sample.size() < 5) {
        sample.add(d.id());
      }
    }
    return new Overlap(aName, bName, i, e, n, sample);
  }

  /** The positions of {@code docs} that share an id or a normalized text with {@code other}. */
  static Set<Integer> sharedPositions(List<Document> docs, List<Document> other) {
    Set<String> ids = new HashSet<>();
    Map<String, Boolean> norm = new HashMap<>();
    for (Document d : other) {
      if (!generatedId(d.id())) {
        ids.add(d.id());
      }
      norm.put(DataChecks.normalize(d.text()), true);
    }
    Set<Integer> out = new HashSet<>();
    for (int i = 0; i < docs.size(); i++) {
      Document d = docs.get(i);
      if (ids.contains(d.id()) || norm.containsKey(DataChecks.normalize(d.text()))) {
        out.add(i);
      }
    }
    return out;
  }

  static List<Document> documents(Dataset d) {
    return d.documents();
  }
}
