package org.classify4j.embed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;

/**
 * The texts a label is known by, for comparing documents with labels: its name made readable
 * ({@code card_arrival} → "card arrival"), its description and its synonyms, each optionally put
 * into hypothesis templates ({@code "This text is about {}."}) as the NLI zero-shot pipeline does.
 * A label's vector is the unit mean of their embeddings (a prompt ensemble when there are several
 * templates), so a description sharpens a terse name without drowning it.
 */
public final class LabelTexts {
  private LabelTexts() {}

  /** The placeholder a template's label goes into. */
  public static final String SLOT = "{}";

  /** The bare label text, no template: what {@code template={}} asks for. */
  public static final List<String> BARE = List.of(SLOT);

  /** {@code lost_or_stolen_card}, {@code Sci.Space}, {@code cardArrival}, {@code Sci/Tech} → words. */
  public static String humanize(String name) {
    String s = name.replaceAll("([a-z])([A-Z])", "$1 $2");
    s = s.replaceAll("[_\\-./:]+", " ").trim().replaceAll("\\s+", " ");
    return s.isEmpty() ? name : s.toLowerCase(Locale.ROOT);
  }

  /**
   * Puts a label text into a template: every {@code {}} is replaced; a template without one gets
   * the text appended after a space.
   */
  public static String fill(String template, String text) {
    if (template.contains(SLOT)) {
      return template.replace(SLOT, text);
    }
    return template.isBlank() ? text : template.strip() + " " + text;
  }

  /** Readable name, "name: description" and synonyms, untemplated. */
  public static List<String> textsOf(Label label) {
    List<String> out = new ArrayList<>();
    out.add(humanize(label.name()));
    label.describedAs().ifPresent(d -> out.add(humanize(label.name()) + ": " + d));
    for (String s : label.synonyms()) {
      out.add(s);
    }
    return out;
  }

  /**
   * The label's texts put into each template: the readable name, the description (when there is
   * one) and each synonym, each in every template; duplicates dropped. {@link #BARE} gives {@link
   * #textsOf(Label)}.
   */
  public static List<String> textsOf(Label label, List<String> templates) {
    if (templates.isEmpty() || templates.equals(BARE)) {
      return textsOf(label);
    }
    List<String> fillers = new ArrayList<>();
    fillers.add(humanize(label.name()));
    label.describedAs().ifPresent(fillers::add);
    fillers.addAll(label.synonyms());
    Set<String> out = new LinkedHashSet<>();
    for (String f : fillers) {
      for (String t : templates) {
        out.add(fill(t, f));
      }
    }
    return List.copyOf(out);
  }

  /** One unit vector per label, in label order; one embedder call for all texts. */
  public static float[][] embed(TextEmbedder embedder, LabelSpace labels) {
    return embed(embedder, labels, BARE);
  }

  /** One unit vector per label from its templated texts; one embedder call for all texts. */
  public static float[][] embed(TextEmbedder embedder, LabelSpace labels, List<String> templates) {
    List<String> all = new ArrayList<>();
    int[] start = new int[labels.size() + 1];
    for (int j = 0; j < labels.size(); j++) {
      start[j] = all.size();
      all.addAll(textsOf(labels.get(j), templates));
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
