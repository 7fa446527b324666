package org.classify4j.llm;

/** Tokens a call used, as the server counted them. */
public record Usage(long promptTokens, long completionTokens) {
  public static final Usage NONE = new Usage(0, 0);

  public Usage {
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("token counts must be ≥ 0");
    }
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  public Usage plus(Usage o) {
    return new Usage(promptTokens + o.promptTokens, completionTokens + o.completionTokens);
  }
}
