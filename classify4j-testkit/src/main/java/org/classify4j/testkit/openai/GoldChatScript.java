package org.classify4j.testkit.openai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;

/**
 * A scripted "model" that knows the gold labels: it finds the text to classify in classify4j's
 * prompt (as {@link KeywordChatScript} does), looks its labels up in a labelled data set, and
 * answers them — always ({@code accuracy} 1: a perfect but costly oracle) or with probability
 * {@code accuracy}, otherwise a wrong answer (single-label: another option, drawn uniformly;
 * multi-label: one option's yes/no flipped). The draw is seeded by (seed, text), so the same text
 * always gets the same answer. Answers are certain tokens (one-hot scores). A text not in the data
 * gets "I am not sure." (an invalid answer). For benchmarks only.
 */
public final class GoldChatScript implements ChatScript {
  private static final Pattern OPTION =
      Pattern.compile("^([A-Z]{1,3}|\\d{1,3})\\. (.+?)(?: — .*| \\(also: .*)?$");

  private final Map<String, List<String>> gold = new HashMap<>();
  private final double accuracy;
  private final long seed;
  private final AtomicLong unknown = new AtomicLong();
  private final AtomicLong wrong = new AtomicLong();

  public GoldChatScript(List<Dataset> labelled, double accuracy, long seed) {
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("accuracy must be in [0,1], got " + accuracy);
    }
    for (Dataset d : labelled) {
      for (Example e : d.examples()) {
        gold.put(key(e.document().text()), e.labels());
      }
    }
    this.accuracy = accuracy;
    this.seed = seed;
  }

  private static String key(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /** Requests whose text was not in the data. */
  public long unknownTexts() {
    return unknown.get();
  }

  /** Answers made wrong on purpose. */
  public long wrongAnswers() {
    return wrong.get();
  }

  @Override
  public ScriptedReply answer(ScriptRequest request) {
    String prompt = request.lastUserMessage();
    List<String> codes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String line : prompt.split("\n")) {
      Matcher m = OPTION.matcher(line);
      if (m.matches()) {
        codes.add(m.group(1));
        names.add(m.group(2));
      }
    }
    String text = KeywordChatScript.documentText(prompt);
    List<String> labels = gold.get(key(text));
    if (codes.isEmpty() || labels == null) {
      unknown.incrementAndGet();
      return ScriptedReply.text("I am not sure.");
    }
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + key(text).hashCode());
    boolean right = r.nextDouble() < accuracy;
    boolean multi = prompt.toLowerCase(Locale.ROOT).contains("answer yes or no")
        || request.body().path("response_format").path("json_schema").path("schema")
            .path("properties").path("answer").path("type").asText().equals("array");
    if (!multi) {
      int g = names.indexOf(labels.isEmpty() ? "" : labels.get(0));
      int answer = g;
      if (!right || g < 0) {
        if (codes.size() < 2 && g >= 0) {
          answer = g;
        } else {
          wrong.incrementAndGet();
          do {
            answer = r.nextInt(codes.size());
          } while (answer == g);
        }
      }
      String code = codes.get(answer);
      return request.jsonSchema()
          ? new ScriptedReply(List.of(ScriptedToken.certain("{\"answer\":\""),
              ScriptedToken.certain(code), ScriptedToken.certain("\"}")))
          : new ScriptedReply(List.of(ScriptedToken.certain(code)));
    }
    boolean[] yes = new boolean[codes.size()];
    for (int i = 0; i < codes.size(); i++) {
      yes[i] = labels.contains(names.get(i));
    }
    if (!right) {
      wrong.incrementAndGet();
      int flip = r.nextInt(codes.size());
      yes[flip] = !yes[flip];
    }
    List<ScriptedToken> t = new ArrayList<>();
    if (request.jsonSchema()) {
      StringBuilder b = new StringBuilder("{\"answer\":[");
      boolean first = true;
      for (int i = 0; i < codes.size(); i++) {
        if (yes[i]) {
          b.append(first ? "" : ",").append('"').append(codes.get(i)).append('"');
          first = false;
        }
      }
      t.add(ScriptedToken.certain(b.append("]}").toString()));
      return new ScriptedReply(t);
    }
    for (int i = 0; i < codes.size(); i++) {
      if (i > 0) {
        t.add(ScriptedToken.certain("\n"));
      }
      t.add(ScriptedToken.certain(codes.get(i)));
      t.add(ScriptedToken.certain(":"));
      t.add(ScriptedToken.certain(yes[i] ? " yes" : " no"));
    }
    return new ScriptedReply(t);
  }
}
