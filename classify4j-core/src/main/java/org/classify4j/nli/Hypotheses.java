package org.classify4j.nli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.LabelTexts;

/**
 * How a label becomes hypotheses: a label text (its name as given, its readable name, or its
 * description) put into each template ({@code "This example is {}."}, the pipeline's default).
 */
public record Hypotheses(List<String> templates, LabelText labelText) {
  /** The zero-shot-classification pipeline's default template. */
  public static final String DEFAULT_TEMPLATE = "This example is {}.";

  public static final Hypotheses DEFAULT = new Hypotheses(List.of(DEFAULT_TEMPLATE), LabelText.NAME);

  /** Which text of a label goes into the template. */
  public enum LabelText {
    /** The label's name as given (what the pipeline inserts): {@code Sci/Tech}. */
    NAME,
    /** The name made readable: {@code card_arrival} → "card arrival". */
    READABLE,
    /** The label's description when it has one, else its readable name. */
    DESCRIPTION;

    public static LabelText parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "hypothesis must be name, readable or description; got '" + s + "'", e);
      }
    }
  }

  public Hypotheses {
    templates = List.copyOf(templates);
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("at least one template is needed");
    }
    for (String t : templates) {
      if (!t.contains(LabelTexts.SLOT)) {
        throw new IllegalArgumentException(
            "template '" + t + "' has no {} where the label goes");
      }
    }
  }

  /** {@code A|B|C} (several templates) or empty for the default. */
  public static List<String> parseTemplates(String value) {
    if (value.isBlank()) {
      return List.of(DEFAULT_TEMPLATE);
    }
    List<String> out = new ArrayList<>();
    for (String t : value.split("\\|")) {
      if (!t.isBlank()) {
        out.add(t.strip());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("template: no template in '" + value + "'");
    }
    return out;
  }

  public String text(Label label) {
    return switch (labelText) {
      case NAME -> label.name();
      case READABLE -> LabelTexts.humanize(label.name());
      case DESCRIPTION -> label.describedAs().orElse(LabelTexts.humanize(label.name()));
    };
  }

  /** hypotheses[label][template]. */
  public String[][] of(LabelSpace labels) {
    String[][] out = new String[labels.size()][templates.size()];
    for (int j = 0; j < labels.size(); j++) {
      String t = text(labels.get(j));
      for (int m = 0; m < templates.size(); m++) {
        out[j][m] = templates.get(m).replace(LabelTexts.SLOT, t);
      }
    }
    return out;
  }
}
