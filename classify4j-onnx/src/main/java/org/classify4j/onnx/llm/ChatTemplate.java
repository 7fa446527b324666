package org.classify4j.onnx.llm;

import java.util.Locale;

/**
 * The chat formats applied in Java instead of running the model's Jinja template: the template
 * text in {@code tokenizer_config.json} (or {@code chat_template.jinja}) is only used to recognise
 * the family. Each format renders one optional system message and one user message, then opens the
 * assistant's turn; the answer is scored right after it and ends with the family's end-of-turn
 * token. {@link #NONE} is plain text: the prompt as written, the answer after a space, no end token.
 */
public enum ChatTemplate {
  /** Plain text: the tokenizer's own special tokens (such as BOS) are added. */
  NONE("", ""),
  /** Qwen, SmolLM, many fine-tunes: {@code <|im_start|>role\n…<|im_end|>\n}. */
  CHATML("<|im_end|>", "<|im_start|>"),
  /** Llama 3.x: {@code <|start_header_id|>role<|end_header_id|>\n\n…<|eot_id|>}. */
  LLAMA3("<|eot_id|>", "<|start_header_id|>"),
  /** Gemma: {@code <start_of_turn>user\n…<end_of_turn>\n}. */
  GEMMA("<end_of_turn>", "<start_of_turn>"),
  /** Phi-3: {@code <|user|>\n…<|end|>\n<|assistant|>\n}. */
  PHI3("<|end|>", "<|assistant|>");

  /** Qwen2.5's template adds this system message when the conversation has none. */
  static final String QWEN25_DEFAULT_SYSTEM =
      "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

  private final String endOfTurn;
  private final String marker;

  ChatTemplate(String endOfTurn, String marker) {
    this.endOfTurn = endOfTurn;
    this.marker = marker;
  }

  /** The token that closes the assistant's answer ({@code ""} for plain text). */
  public String endOfTurn() {
    return endOfTurn;
  }

  /** The family of a Jinja chat template, {@link #NONE} when it is empty or not recognised. */
  public static ChatTemplate recognise(String jinja) {
    if (jinja.isBlank()) {
      return NONE;
    }
    for (ChatTemplate t : values()) {
      if (t != NONE && jinja.contains(t.marker)) {
        return t;
      }
    }
    return NONE;
  }

  /** By name ({@code none}, {@code chatml}, {@code llama3}, {@code gemma}, {@code phi3}). */
  public static ChatTemplate named(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new org.classify4j.Classify4jException("parameter 'template': expected auto, none,"
          + " chatml, llama3, gemma or phi3, got '" + name + "'");
    }
  }

  /**
   * The text before the answer: {@code system} (may be empty) and {@code user} in this family's
   * format, ending with the opened assistant turn. For {@link #NONE}, {@code user} as it is.
   */
  public String render(String system, String user, String bos) {
    StringBuilder b = new StringBuilder();
    switch (this) {
      case NONE -> b.append(user);
      case CHATML -> {
        if (!system.isEmpty()) {
          b.append("<|im_start|>system\n").append(system).append("<|im_end|>\n");
        }
        b.append("<|im_start|>user\n").append(user).append("<|im_end|>\n");
        b.append("<|im_start|>assistant\n");
      }
      case LLAMA3 -> {
        b.append(bos);
        if (!system.isEmpty()) {
          b.append("<|start_header_id|>system<|end_header_id|>\n\n").append(system.strip())
              .append("<|eot_id|>");
        }
        b.append("<|start_header_id|>user<|end_header_id|>\n\n").append(user.strip())
            .append("<|eot_id|>");
        b.append("<|start_header_id|>assistant<|end_header_id|>\n\n");
      }
      case GEMMA -> {
        b.append(bos).append("<start_of_turn>user\n");
        if (!system.isEmpty()) {
          b.append(system).append("\n\n");
        }
        b.append(user.strip()).append("<end_of_turn>\n<start_of_turn>model\n");
      }
      case PHI3 -> {
        if (!system.isEmpty()) {
          b.append("<|system|>\n").append(system).append("<|end|>\n");
        }
        b.append("<|user|>\n").append(user).append("<|end|>\n<|assistant|>\n");
      }
      default -> throw new IllegalStateException(name());
    }
    return b.toString();
  }
}
