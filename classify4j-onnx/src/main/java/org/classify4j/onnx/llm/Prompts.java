package org.classify4j.onnx.llm;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classify4j.Classify4jException;

/**
 * The default prompts and the placeholder filling. Single-label prompts take {@code {labels}}
 * (the label names joined by ", ") and {@code {text}}; few-shot ones also {@code {examples}};
 * yes/no (multi-label) prompts take {@code {label}} and {@code {text}} (and {@code {examples}}
 * when few-shot). Values are inserted in one pass, so a text containing "{label}" stays as it is.
 */
public final class Prompts {
  private Prompts() {}

  public static final String ZERO_SHOT =
      "Classify the text into one of these labels: {labels}.\n\nText: {text}\nLabel:";
  public static final String FEW_SHOT =
      "Classify the text into one of these labels: {labels}.\n\n{examples}Text: {text}\nLabel:";
  public static final String EXAMPLE = "Text: {text}\nLabel: {label}\n\n";
  public static final String YES_NO = "Does this label apply to the text? Answer yes or no.\n\n"
      + "Label: {label}\nText: {text}\nAnswer:";
  public static final String YES_NO_FEW_SHOT = "Does this label apply to the text? Answer yes or"
      + " no.\n\n{examples}Label: {label}\nText: {text}\nAnswer:";
  public static final String YES_NO_EXAMPLE = "Text: {text}\nLabels: {label}\n\n";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");

  /** The default prompt for single-label (or yes/no) and zero- or few-shot. */
  public static String defaultPrompt(boolean multiLabel, boolean fewShot) {
    if (multiLabel) {
      return fewShot ? YES_NO_FEW_SHOT : YES_NO;
    }
    return fewShot ? FEW_SHOT : ZERO_SHOT;
  }

  /** The placeholders a prompt must have: exactly these, no others. */
  static Set<String> required(boolean multiLabel, boolean fewShot) {
    if (multiLabel) {
      return fewShot ? Set.of("label", "text", "examples") : Set.of("label", "text");
    }
    return fewShot ? Set.of("labels", "text", "examples") : Set.of("labels", "text");
  }

  /** Fails unless {@code prompt} has exactly the placeholders {@code keys}. */
  static void check(String prompt, Set<String> keys) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(prompt);
    while (m.find()) {
      found.add(m.group(1));
    }
    if (!found.equals(keys)) {
      Set<String> missing = new TreeSet<>(keys);
      missing.removeAll(found);
      Set<String> extra = new TreeSet<>(found);
      extra.removeAll(keys);
      throw new Classify4jException("parameter 'prompt': it must have exactly the placeholders "
          + new TreeSet<>(keys) + (missing.isEmpty() ? "" : "; missing " + missing)
          + (extra.isEmpty() ? "" : "; unknown " + extra));
    }
  }

  /** {@code template} with each {@code {key}} replaced by its value, in one pass. */
  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(b);
    return b.toString();
  }
}
