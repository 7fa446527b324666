package org.classify4j.llm;

/**
 * Token estimates made without the model's tokenizer: one token per four characters, rounded up,
 * plus a few per message. Used for client-side tokens/min limits, prompt token budgets and dry-run
 * estimates; the server's own counts (usage) are what reports and costs use once calls are made.
 */
public final class Tokens {
  /** Overhead the chat format adds per message (role markers), as OpenAI documents roughly. */
  public static final int PER_MESSAGE = 4;

  private Tokens() {}

  public static int estimate(String text) {
    return (text.length() + 3) / 4;
  }

  /** Estimated prompt tokens of a request. */
  public static int estimate(ChatRequest request) {
    int n = 3;
    for (ChatMessage m : request.messages()) {
      n += PER_MESSAGE + estimate(m.content());
    }
    return n;
  }
}
