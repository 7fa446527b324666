package org.classify4j.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;

/**
 * The texts a label is known by, for comparing documents with labels: its name made readable
 * ({@code card_arrival} → "card arrival"), its description and its synonyms. A label's vector is
 * the unit mean of their embeddings, so a description sharpens a terse name without drowning it.
 */
public final class LabelTexts {
  private LabelTexts() {}

  /** {@code lost_or_stolen_card}, {@code Sci.Space}, {@code cardArrival} → words. */
  public static String humanize(String name) {
    String s = name.replaceAll("([a-z])([A-Z])", "$1 $2");
    s = s.replaceAll("[_\\-./:]+", " ").trim().replaceAll("\\s+", " ");
    return s.isEmpty() ? name : s.toLowerCase(Locale.ROOT);
  }

  public static List<String> textsOf(Label label) {
    List<String> out = new ArrayList<>();
    out.add(humanize(label.name()));
    label.describedAs().ifPresent(d -> out.add(humanize(label.name()) + ": " + d));
    for (String s : label.synonyms()) {
      out.add(s);
    }
    return out;
  }

  /** One unit vector per label, in label order; one embedder call for all texts. */
  public static float[][] embed(TextEmbedder embedder, LabelSpace labels) {
    List<String> all = new ArrayList<>();
    int[] start = new int[labels.size() + 1];
    for (int j = 0; j < labels.size(); j++) {
      start[j] = all.size();
      all.addAll(textsOf(labels.get(j)));
    }
    start[labels.size()] = all.size();
    float[][] v = all.isEmpty() ? new float[0][] : embedder.embedLabels(all);
    float[][] out = new float[labels.size()][];
    for (int j = 0; j < labels.size(); j++) {
      float[][] mine = java.util.Arrays.copyOfRange(v, start[j], start[j + 1]);
      out[j] = Vectors.meanDirection(mine, embedder.dimension());
    }
    return out;
  }
}
