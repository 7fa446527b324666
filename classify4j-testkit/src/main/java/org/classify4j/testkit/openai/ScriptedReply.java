package org.classify4j.testkit.openai;

import java.util.ArrayList;
import java.util.List;

/** What the fake server answers: the tokens, in order (the text is their concatenation). */
public record ScriptedReply(List<ScriptedToken> tokens) {
  public ScriptedReply {
    tokens = List.copyOf(tokens);
  }

  /** A text split into words (each with its leading space) generated with certainty. */
  public static ScriptedReply text(String text) {
    List<ScriptedToken> t = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == ' ' || text.charAt(i) == '\n'
          || text.charAt(i - 1) == '\n') {
        if (i > start) {
          t.add(ScriptedToken.certain(text.substring(start, i)));
        }
        start = i;
      }
    }
    return new ScriptedReply(t);
  }

  public String text() {
    StringBuilder b = new StringBuilder();
    for (ScriptedToken t : tokens) {
      b.append(t.token());
    }
    return b.toString();
  }
}
