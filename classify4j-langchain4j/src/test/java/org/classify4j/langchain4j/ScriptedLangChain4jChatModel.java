package org.classify4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.classify4j.Json;
import org.classify4j.testkit.openai.ChatScript;
import org.classify4j.testkit.openai.ScriptRequest;

/**
 * A fake LangChain4j chat model: answers with a testkit {@link ChatScript} (the same scripts the
 * fake OpenAI server plays), records the requests it saw, and can throw a given exception for its
 * first calls.
 */
final class ScriptedLangChain4jChatModel implements dev.langchain4j.model.chat.ChatModel {
  private final ChatScript script;
  private final Set<Capability> capabilities;
  final List<ChatRequest> seen = new CopyOnWriteArrayList<>();
  final AtomicInteger calls = new AtomicInteger();
  private volatile int failFirst;
  private volatile Supplier<RuntimeException> failure;

  ScriptedLangChain4jChatModel(ChatScript script, Set<Capability> capabilities) {
    this.script = script;
    this.capabilities = Set.copyOf(capabilities);
  }

  /** The first {@code n} calls throw what {@code error} makes. */
  ScriptedLangChain4jChatModel failFirst(int n, Supplier<RuntimeException> error) {
    this.failFirst = n;
    this.failure = error;
    return this;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return capabilities;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    seen.add(request);
    int n = calls.incrementAndGet();
    if (n <= failFirst) {
      throw failure.get();
    }
    List<ScriptRequest.Message> msgs = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      if (m instanceof SystemMessage s) {
        msgs.add(new ScriptRequest.Message("system", s.text()));
      } else if (m instanceof UserMessage u) {
        msgs.add(new ScriptRequest.Message("user", u.singleText()));
      } else if (m instanceof AiMessage a) {
        msgs.add(new ScriptRequest.Message("assistant", a.text()));
      }
    }
    ObjectNode body = Json.mapper().createObjectNode();
    boolean json = request.responseFormat() != null
        && request.responseFormat().type() == ResponseFormatType.JSON
        && request.responseFormat().jsonSchema() != null;
    if (json && request.responseFormat().jsonSchema().rootElement() instanceof JsonRawSchema raw) {
      try {
        JsonNode schema = Json.mapper().readTree(raw.schema());
        body.putObject("response_format").putObject("json_schema").set("schema", schema);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    String text = script.answer(new ScriptRequest(body, msgs, json)).text();
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(text))
        .tokenUsage(new TokenUsage(100 + text.length(), 3))
        .finishReason(FinishReason.STOP)
        .build();
  }
}
