package org.classify4j.testkit.openai;

/** Decides what the {@link FakeOpenAiServer} answers to a request. Must be thread-safe. */
@FunctionalInterface
public interface ChatScript {

  ScriptedReply answer(ScriptRequest request);

  /** Always the same text, generated with certainty (for invalid-answer tests). */
  static ChatScript fixed(String text) {
    return r -> ScriptedReply.text(text);
  }
}
