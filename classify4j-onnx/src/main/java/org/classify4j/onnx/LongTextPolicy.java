package org.classify4j.onnx;

/** What to do with a text longer than the model's maximum sequence length. */
public enum LongTextPolicy {
  /**
   * Keep the first {@code maxLength} tokens (special tokens included), as sentence-transformers
   * does. One model row per text; the rest of the text is ignored.
   */
  TRUNCATE,
  /**
   * Split the tokens into consecutive windows of {@code maxLength} (special tokens and the model's
   * text prefix, such as e5's {@code "query: "}, added to each),
   * embed every window, average the windows' unit vectors weighted by their token counts, then
   * normalize. Costs one model row per window.
   */
  CHUNK
}
