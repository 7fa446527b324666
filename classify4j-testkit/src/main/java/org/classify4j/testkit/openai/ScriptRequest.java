package org.classify4j.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A chat completions request as the fake server received it.
 *
 * @param body the whole JSON body
 * @param messages the (role, content) pairs
 * @param jsonSchema whether {@code response_format} asks for a JSON schema
 */
public record ScriptRequest(JsonNode body, List<Message> messages, boolean jsonSchema) {
  public ScriptRequest {
    messages = List.copyOf(messages);
  }

  /** One message. */
  public record Message(String role, String content) {}

  /** The content of the last user message ("" when there is none). */
  public String lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        return messages.get(i).content();
      }
    }
    return "";
  }
}
